import { DurableObject } from "cloudflare:workers";
import { database } from "../worker/db/client";
import { findUserById, softDeleteUser } from "../worker/db/users";
import type { Env } from "../worker/env";
import { createLogger, type Logger, logLevel } from "../worker/logger";
import { migrateStorage } from "./storage-schema";
import { toUserRecord, type UserRecord, UserRecordCache } from "./user-record";

/** Returned by actor methods when the user no longer exists or was deleted. */
export type Missing = { missing: true };

/**
 * One actor per user, addressed by user id (`env.USER_ACTOR.getByName(userId)`).
 * A thin shell: setup runs once before any entry point, then each call is handed to the
 * module that owns that concern.
 */
export class UserActor extends DurableObject<Env> {
  #userId: string | null = null;
  #user: UserRecordCache;
  #log: Logger;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.#user = new UserRecordCache(ctx.storage.sql);
    this.#log = createLogger({ actor: "UserActor" }, logLevel(env.LOG_LEVEL));
    // blockConcurrencyWhile holds every incoming call until the schema is current.
    ctx.blockConcurrencyWhile(async () => {
      migrateStorage(ctx.storage);
      this.#userId =
        ctx.storage.sql
          .exec<{ value: string }>("SELECT value FROM actor_meta WHERE key = 'user_id'")
          .toArray()[0]?.value ?? null;
    });
  }

  /** Binds this actor to its user on first use; a mismatch means a routing bug, so fail loudly. */
  #bind(userId: string): void {
    if (this.#userId === userId) return;
    if (this.#userId !== null) throw new Error(`actor for ${this.#userId} called for ${userId}`);
    this.ctx.storage.sql.exec("INSERT INTO actor_meta (key, value) VALUES ('user_id', ?)", userId);
    this.#userId = userId;
    this.#log = this.#log.with({ user_id: userId });
  }

  /** The user's record from the cache, loading it from D1 on a miss. */
  async getUser(userId: string): Promise<UserRecord | Missing> {
    this.#bind(userId);
    const cached = this.#user.get();
    if (cached) return cached.account_status === "deleted" ? { missing: true } : cached;
    const row = await findUserById(database(this.env.DB), userId);
    if (!row) return { missing: true };
    const record = toUserRecord(row);
    this.#user.store(record);
    this.#log.debug("user_cache_loaded");
    return record.account_status === "deleted" ? { missing: true } : record;
  }

  /** Soft-deletes the account in D1, then the cached copy; idempotent. */
  async deleteAccount(userId: string): Promise<{ deleted: boolean }> {
    this.#bind(userId);
    const row = await softDeleteUser(database(this.env.DB), userId);
    const current = row ?? (await findUserById(database(this.env.DB), userId));
    if (current) this.#user.store(toUserRecord(current));
    this.#log.info("account_deleted", { already_deleted: row === null });
    return { deleted: row !== null };
  }
}
