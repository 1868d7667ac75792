import type { AccountStatus } from "../worker/account-state";
import type { Database } from "../worker/db/client";
import { closeAccount, findUserById, setAccountSuspended } from "../worker/db/users";
import type { Logger } from "../worker/logger";
import { toUserRecord, type UserRecord } from "../worker/presenters/user";
import { fail, ok, type Result } from "../worker/result";
import { CachedDocument } from "./cached-document";

/**
 * Thrown by every call to the actor of a closed account. Its message crosses RPC intact, so
 * the Worker's error handler can answer with the right code (see worker/account-state.ts).
 */
export class AccountClosedError extends Error {
  constructor(readonly status: Exclude<AccountStatus, "active">) {
    super(`account_state:${status}`);
    this.name = "AccountClosedError";
  }
}

interface Deps {
  sql: SqlStorage;
  db: () => Database;
  userId: () => string;
  log: () => Logger;
  changed: () => Promise<void>;
}

/**
 * The user's account row, cached (its status is checked on every call to this actor, so it
 * must cost no D1 read); D1 is the system of record, and every change of status goes through
 * here, so the cached copy is never stale.
 */
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

  async status(): Promise<AccountStatus> {
    const user = this.#user.get() ?? (await this.refresh());
    return user ? user.account_status : "missing";
  }

  /** Throws AccountClosedError unless the account is active. */
  async ensureOpen(): Promise<void> {
    const status = await this.status();
    if (status !== "active") throw new AccountClosedError(status);
  }

  /** Reloads the row from D1 (after something changed it there). */
  async refresh(): Promise<UserRecord | null> {
    const row = await findUserById(this.deps.db(), this.deps.userId());
    if (!row) return null;
    const record = toUserRecord(row);
    this.#user.store(record);
    return record;
  }

  /** Suspends (or reinstates) the account: D1 first, then the cache. */
  async setSuspended(suspended: boolean): Promise<void> {
    await setAccountSuspended(this.deps.db(), this.deps.userId(), suspended);
    await this.refresh();
    await this.deps.changed();
    this.deps.log().info(suspended ? "account_suspended" : "account_reinstated");
  }

  /** Closes the account in D1 (no login, no refresh) and in the cache. Idempotent. */
  async close(): Promise<void> {
    const row = await closeAccount(this.deps.db(), this.deps.userId());
    await this.refresh();
    await this.deps.changed();
    this.deps.log().info("account_closed", { already_closed: row === null });
  }

  /** After the actor's storage was erased: only the fact that the account is gone remains. */
  rememberDeleted(): void {
    const record = this.#user.get();
    if (record) this.#user.store({ ...record, email: null, name: null, account_status: "deleted" });
  }
}
