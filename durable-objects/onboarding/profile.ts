import { ZodError } from "zod";
import type { Database } from "../../d1/client";
import {
  completeOnboardingRecord,
  readProfile,
  type StoredProfile,
  updateProfile,
} from "../../d1/profiles";
import {
  applyProfilePatch,
  PROFILE_MISSING,
  type ProfileData,
  profileFromSteps,
} from "../../engine/onboarding/profile";
import { fieldErrors, invalidFieldsMessage } from "../../kernel/field-errors";
import { type JsonText, jsonText } from "../../kernel/json-text";
import type { Logger } from "../../kernel/logger";
import { fail, ok, type Result } from "../../kernel/result";
import type { UnitPreference } from "../../kernel/units";
import { localDate } from "../../kernel/zoned";
import { SerialQueue } from "../scheduler/serial-queue";
import { CachedDocument } from "../storage/cached-document";
import { nutritionTargetsFor } from "./nutrition-targets";
import type { Onboarding } from "./onboarding";
import { type ProfileRecord, toProfileRecord } from "./profile-json";

export interface LocalNow {
  timezone: string;
  date: string;
  units: UnitPreference;
}

interface Deps {
  sql: SqlStorage;
  db: () => Database;
  userId: () => string;
  onboarding: Pick<Onboarding, "missing" | "saved">;
  log: () => Logger;
  /** Called after any write that changes what the profile says (context, user cache...). */
  changed: () => Promise<void>;
}

/**
 * The profile in the actor: D1 is the system of record, the actor caches it (memory and its
 * SQLite) and is the only writer, so every write goes D1 first, then the cache.
 */
export class Profile {
  #cache: CachedDocument<StoredProfile>;
  #completedFlag: CachedDocument<{ at: string }>;
  #writes = new SerialQueue();
  /** The API's JSON of the cached profile, for the object it was made from. */
  #json: { of: StoredProfile; text: JsonText<ProfileRecord> } | null = null;

  constructor(private readonly deps: Deps) {
    this.#cache = new CachedDocument(deps.sql, "profile");
    this.#completedFlag = new CachedDocument(deps.sql, "onboarding_completed");
  }

  isOnboarded(): boolean {
    return this.#completedFlag.get() !== null;
  }

  /** The cached profile; loaded from D1 on a miss (after an eviction cleared memory, or ever). */
  async get(): Promise<StoredProfile | null> {
    const cached = this.#cache.get();
    if (cached) return cached;
    const stored = await readProfile(this.deps.db(), this.deps.userId());
    if (stored) {
      this.#cache.store(stored);
      this.#completedFlag.get() ?? this.#completedFlag.store({ at: stored.updatedAt });
    }
    return stored;
  }

  /**
   * The profile as the API returns it, as JSON text with its version (GET /v1/profile sends
   * it unchanged): made once per cached profile, not per read.
   */
  async getJson(): Promise<{ version: number; json: JsonText<ProfileRecord> } | null> {
    const stored = await this.get();
    if (!stored) return null;
    if (this.#json?.of !== stored)
      this.#json = { of: stored, text: jsonText(toProfileRecord(stored)) };
    return { version: stored.version, json: this.#json.text };
  }

  /** Where and how the user lives: timezone, local date and preferred units. */
  async localNow(): Promise<LocalNow> {
    const data = (await this.get())?.data;
    const timezone = (data?.timezone as string | undefined) ?? "UTC";
    const units = data?.unit_preference === "imperial" ? "imperial" : "metric";
    return { timezone, date: localDate(timezone), units };
  }

  complete(): Promise<Result<StoredProfile>> {
    const userId = this.deps.userId();
    return this.#writes.run(async () => {
      const existing = await this.get();
      if (existing) return ok(existing);
      const missing = this.deps.onboarding.missing();
      if (missing.length)
        return fail("onboarding_incomplete", `Missing steps: ${missing.join(", ")}.`, {
          missing_steps: missing,
        });
      const data = profileFromSteps(this.deps.onboarding.saved());
      const targets = nutritionTargetsFor(data);
      await completeOnboardingRecord(this.deps.db(), userId, data, targets);
      const stored = await readProfile(this.deps.db(), userId);
      if (!stored) throw new Error("profile missing right after it was written");
      this.#cache.store(stored);
      this.#completedFlag.store({ at: new Date().toISOString() });
      this.deps.log().info("onboarding_completed");
      await this.deps.changed();
      return ok(stored);
    });
  }

  /**
   * Applies a patch. With `expectedVersion` (the client's If-Match) the write happens only if
   * the profile is still at that version: a stale client never overwrites a newer edit.
   */
  patch(patch: Record<string, unknown>, expectedVersion?: number): Promise<Result<StoredProfile>> {
    const userId = this.deps.userId();
    return this.#writes.run(async () => {
      const current = await this.get();
      if (!current) return fail("profile_not_found", PROFILE_MISSING);
      if (expectedVersion !== undefined && expectedVersion !== current.version)
        return fail(
          "precondition_failed",
          "The profile changed since you read it. Read it again and reapply your change.",
          { current_version: current.version },
        );
      let data: ProfileData;
      try {
        data = applyProfilePatch(current.data, patch);
      } catch (error) {
        if (error instanceof ZodError) {
          const details = fieldErrors(error.issues);
          return fail("validation_failed", invalidFieldsMessage(details), details);
        }
        throw error;
      }
      const updated = await updateProfile(
        this.deps.db(),
        userId,
        current.version,
        data,
        nutritionTargetsFor(data),
      );
      if (!updated) {
        // Someone wrote D1 behind the actor's back: drop the cache so the next read is true.
        this.#cache.clear();
        throw new Error("profile version conflict in D1");
      }
      this.#cache.store(updated);
      this.deps
        .log()
        .info("profile_updated", { version: updated.version, fields: Object.keys(patch) });
      await this.deps.changed();
      return ok(updated);
    });
  }
}
