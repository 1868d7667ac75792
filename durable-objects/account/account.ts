import type { Database } from "../../d1/client";
import { revokeAllRefreshTokens } from "../../d1/refresh-tokens";
import { toUserRecord, type UserRecord } from "../../d1/user-record";
import { closeAccount, findUserById, setAccountSuspended } from "../../d1/users";
import {
  type AccountAccess,
  type AccountStatus,
  emailNotVerified,
} from "../../kernel/account-state";
import type { Logger } from "../../kernel/logger";
import { fail, ok, type Result } from "../../kernel/result";
import { CachedDocument } from "../storage/cached-document";

interface Deps {
  sql: SqlStorage;
  db: () => Database;
  userId: () => string;
  log: () => Logger;
  changed: () => Promise<void>;
}

const SESSION_EPOCH_KEY = "session_epoch";

/**
 * The user's account row, cached (its status is checked on every call to this actor, so it
 * must cost no D1 read); D1 is the system of record, and every change of status goes through
 * here, so the cached copy is never stale. And the session epoch, whose system of record is
 * this actor: access tokens issued before it are refused.
 */
export class Account {
  readonly #user: CachedDocument<UserRecord>;

  constructor(private readonly deps: Deps) {
    this.#user = new CachedDocument(deps.sql, "user");
  }

  /** The cached row; loaded from D1 on a miss, or when cached before `sign_in_method` existed. */
  async #record(): Promise<UserRecord | null> {
    const cached = this.#user.get();
    return cached?.sign_in_method ? cached : await this.refresh();
  }

  /** The account from the cache, loading it from D1 on a miss; gone once deleted. */
  async get(): Promise<Result<UserRecord>> {
    const user = await this.#record();
    return !user || user.account_status === "deleted"
      ? fail("account_not_found", "This account no longer exists.")
      : ok(user);
  }

  async status(): Promise<AccountStatus> {
    const user = await this.#record();
    return user ? user.account_status : "missing";
  }

  /** What the auth middleware checks on every request: the status and the session epoch. */
  async access(): Promise<AccountAccess> {
    return { status: await this.status(), sessionEpoch: this.#sessionEpoch() };
  }

  #sessionEpoch(): number {
    const row = this.deps.sql
      .exec<{ value: string }>("SELECT value FROM actor_meta WHERE key = ?", SESSION_EPOCH_KEY)
      .toArray()[0];
    return row ? Number(row.value) : 0;
  }

  /**
   * Ends every session: access tokens issued before `at` (epoch ms, the caller's clock, so the
   * tokens it mints next are after it) are refused from now on. Never moves back.
   */
  endSessions(at: number): AccountAccess["sessionEpoch"] {
    const epoch = Math.max(at, this.#sessionEpoch());
    this.deps.sql.exec(
      "INSERT OR REPLACE INTO actor_meta (key, value) VALUES (?, ?)",
      SESSION_EPOCH_KEY,
      String(epoch),
    );
    this.deps.log().info("sessions_ended");
    return epoch;
  }

  /**
   * Voice, chat and an email change need a verified address; an identity provider's account
   * counts as verified (the provider signs it in and recovers it). The refusal says how.
   */
  async unverified(): Promise<Result<never> | null> {
    const user = await this.#record();
    if (!user || user.email_verified || user.sign_in_method === "identity_provider") return null;
    return fail("email_not_verified", emailNotVerified(user.email));
  }

  /** Reloads the row from D1 (after something changed it there). */
  async refresh(): Promise<UserRecord | null> {
    const row = await findUserById(this.deps.db(), this.deps.userId());
    if (!row) return null;
    const record = toUserRecord(row);
    this.#user.store(record);
    return record;
  }

  /**
   * Suspends (or reinstates) the account: D1 first, then the cache. A suspension ends every
   * session (refresh tokens revoked, access tokens refused), so a reinstated account signs in
   * again. The last active admin is never suspended.
   */
  async setSuspended(suspended: boolean): Promise<Result<AccountAccess>> {
    const changed = await setAccountSuspended(this.deps.db(), this.deps.userId(), suspended);
    if (!changed && suspended)
      return fail("last_admin", "This is the last active admin: make another admin first.");
    if (suspended) {
      await revokeAllRefreshTokens(this.deps.db(), this.deps.userId(), new Date().toISOString());
      this.endSessions(Date.now());
    }
    await this.refresh();
    await this.deps.changed();
    this.deps.log().info(suspended ? "account_suspended" : "account_reinstated");
    return ok(await this.access());
  }

  /**
   * Closes the account in D1 (no login, no refresh) and in the cache. Idempotent. With
   * `onlyIfUnverified`, only while its address is not verified: false when it was verified
   * meanwhile (and stays open).
   */
  async close(options: { onlyIfUnverified?: boolean } = {}): Promise<boolean> {
    const row = await closeAccount(this.deps.db(), this.deps.userId(), options);
    await this.refresh();
    const status = await this.status();
    if (status === "active" || status === "suspended") return false;
    await this.deps.changed();
    this.deps.log().info("account_closed", { already_closed: row === null });
    return true;
  }

  /** After the actor's storage was erased: only the fact that the account is gone remains. */
  rememberDeleted(): void {
    const record = this.#user.get();
    if (record) this.#user.store({ ...record, email: null, name: null, account_status: "deleted" });
  }
}
