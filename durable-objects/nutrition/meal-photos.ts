import { mealPhotoPrefix, type PlateDraft } from "../../engine/foods/plate-photo";
import type { Config } from "../../kernel/config";
import { fail, ok, type Result } from "../../kernel/result";
import type { DailyQuotas } from "../account/daily-quotas";
import type { Scheduler } from "../scheduler/scheduler";

// Plate photos of one user: each photo's R2 key and the draft meal the vision model made of
// it, until the user confirms it into a meal log (the row then names the log). A photo costs
// one of MEAL_PHOTOS_PER_DAY and its model call comes out of the chat token budget; its image
// is deleted from R2 after MEAL_PHOTO_KEEP_DAYS by the actor's alarm (and with the account).

export const PHOTO_RETENTION_KIND = "meal_photo_retention";
const RETENTION_KEY = "meal_photos:retention";
const PHOTO_QUOTA = "meal_photos";
/** The chat budget's quota (durable-objects/chat/chat.ts): a photo's tokens count there. */
const TOKEN_QUOTA = "chat_tokens";
/** Held from the token budget while the model looks (image ~1,600 + prompt + answer). */
export const PHOTO_TOKEN_HOLD = 4_000;
const HOLD_MS = 2 * 60_000;

export type MealPhotoRow = {
  id: string;
  photo_key: string;
  draft: string;
  created_at: string;
  meal_log_id: string | null;
};

export interface MealPhoto {
  id: string;
  photo_key: string;
  draft: PlateDraft;
  created_at: string;
  meal_log_id: string | null;
}

interface Deps {
  sql: SqlStorage;
  quotas: DailyQuotas;
  scheduler: Pick<Scheduler, "schedule">;
  bucket: () => R2Bucket;
  config: () => Pick<
    Config,
    "MEAL_PHOTOS_PER_DAY" | "MEAL_PHOTO_KEEP_DAYS" | "CHAT_DAILY_TOKEN_BUDGET"
  >;
}

const toPhoto = (row: MealPhotoRow): MealPhoto => ({ ...row, draft: JSON.parse(row.draft) });

export class MealPhotos {
  constructor(private readonly deps: Deps) {}

  /**
   * One of today's photos and a hold on the token budget for the model's look, or why not
   * (both refusals carry when to retry).
   */
  async begin(): Promise<Result<{ reservationId: string }>> {
    const config = this.deps.config();
    const photo = await this.deps.quotas.take(PHOTO_QUOTA, config.MEAL_PHOTOS_PER_DAY);
    if (!photo.ok)
      return fail("meal_photos_exceeded", "The plate photos of the last 24 hours are used up.", {
        retry_after_seconds: photo.retryAfterSeconds,
      });
    const hold = await this.deps.quotas.reserve(
      TOKEN_QUOTA,
      config.CHAT_DAILY_TOKEN_BUDGET,
      PHOTO_TOKEN_HOLD,
      HOLD_MS,
    );
    if (!hold.ok)
      return fail("chat_budget_exceeded", "The chat allowance of the last 24 hours is used up.", {
        retry_after_seconds: hold.retryAfterSeconds,
      });
    return ok({ reservationId: hold.id });
  }

  /** Counts what the model call used (0 when it failed before answering). */
  settle(reservationId: string, tokens: number) {
    return this.deps.quotas.settle(TOKEN_QUOTA, reservationId, tokens);
  }

  /** Keeps a photo's draft and arms the sweep that deletes its image when it is old enough. */
  async saveDraft(id: string, photoKey: string, draft: PlateDraft): Promise<MealPhoto> {
    const createdAt = new Date().toISOString();
    this.deps.sql.exec(
      "INSERT INTO meal_photos (id, photo_key, draft, created_at) VALUES (?, ?, ?, ?)",
      id,
      photoKey,
      JSON.stringify(draft),
      createdAt,
    );
    await this.#armSweep();
    return { id, photo_key: photoKey, draft, created_at: createdAt, meal_log_id: null };
  }

  get(id: string): MealPhoto | null {
    const row = this.deps.sql
      .exec<MealPhotoRow>("SELECT * FROM meal_photos WHERE id = ?", id)
      .toArray()[0];
    return row ? toPhoto(row) : null;
  }

  confirmed(id: string, mealLogId: string): void {
    this.deps.sql.exec("UPDATE meal_photos SET meal_log_id = ? WHERE id = ?", mealLogId, id);
  }

  /** Every photo of the user, oldest first (the export). */
  all(): MealPhoto[] {
    return this.deps.sql
      .exec<MealPhotoRow>("SELECT * FROM meal_photos ORDER BY created_at, id")
      .toArray()
      .map(toPhoto);
  }

  /**
   * The alarm's sweep: photos past the keeping age leave R2 and this table (a delete of a
   * missing key succeeds, so a repeated run is harmless); runs again for the next oldest.
   */
  async sweep(): Promise<{ rescheduleAt: number } | undefined> {
    const cutoff = new Date(Date.now() - this.#keepMs()).toISOString();
    const old = this.deps.sql
      .exec<Pick<MealPhotoRow, "id" | "photo_key">>(
        "SELECT id, photo_key FROM meal_photos WHERE created_at <= ? LIMIT 1000",
        cutoff,
      )
      .toArray();
    if (old.length) {
      await this.deps.bucket().delete(old.map((row) => row.photo_key));
      for (const row of old) this.deps.sql.exec("DELETE FROM meal_photos WHERE id = ?", row.id);
    }
    const next = this.#nextSweepAt();
    return next === null ? undefined : { rescheduleAt: next };
  }

  #keepMs() {
    return this.deps.config().MEAL_PHOTO_KEEP_DAYS * 86_400_000;
  }

  #nextSweepAt(): number | null {
    const oldest = this.deps.sql
      .exec<{ created_at: string | null }>("SELECT min(created_at) AS created_at FROM meal_photos")
      .toArray()[0]?.created_at;
    return oldest ? Math.max(Date.now() + 1, Date.parse(oldest) + this.#keepMs()) : null;
  }

  async #armSweep(): Promise<void> {
    const runAt = this.#nextSweepAt();
    if (runAt !== null)
      await this.deps.scheduler.schedule({ kind: PHOTO_RETENTION_KIND, key: RETENTION_KEY, runAt });
  }
}

/** Every object under the user's prefix, deleted (with the account): listed, not from the table. */
export async function deleteUserPhotos(bucket: R2Bucket, userId: string): Promise<void> {
  const prefix = mealPhotoPrefix(userId);
  for (;;) {
    const listed = await bucket.list({ prefix, limit: 1000 });
    if (listed.objects.length) await bucket.delete(listed.objects.map((object) => object.key));
    if (!listed.truncated) return;
  }
}
