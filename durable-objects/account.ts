import type { Database } from "../worker/db/client";
import { findUserById, softDeleteUser } from "../worker/db/users";
import type { Logger } from "../worker/logger";
import { toUserRecord, type UserRecord } from "../worker/presenters/user";
import { fail, ok, type Result } from "../worker/result";
import { CachedDocument } from "./cached-document";

interface Deps {
  sql: SqlStorage;
  db: () => Database;
  userId: () => string;
  log: () => Logger;
  changed: () => Promise<void>;
}

/** The user's account row, cached (it is read on most requests); D1 is the system of record. */
export class Account {
  readonly #user: CachedDocument<UserRecord>;

  constructor(private readonly deps: Deps) {
    this.#user = new CachedDocument(deps.sql, "user");
  }

  /** The account from the cache, loading it from D1 on a miss; gone once deleted. */
  async get(): Promise<Result<UserRecord>> {
    const user = this.#user.get() ?? (await this.refresh());
    return !user || user.account_status === "deleted"
      ? fail("account_not_found", "This account no longer exists.")
      : ok(user);
  }

  /** Reloads the row from D1 (after something changed it there). */
  async refresh(): Promise<UserRecord | null> {
    const row = await findUserById(this.deps.db(), this.deps.userId());
    if (!row) return null;
    const record = toUserRecord(row);
    this.#user.store(record);
    return record;
  }

  /** Soft-deletes the account in D1, then the cached copy; idempotent. */
  async delete(): Promise<{ deleted: boolean }> {
    const row = await softDeleteUser(this.deps.db(), this.deps.userId());
    await this.refresh();
    await this.deps.changed();
    this.deps.log().info("account_deleted", { already_deleted: row === null });
    return { deleted: row !== null };
  }
}
