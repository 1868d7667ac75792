import { ConcernApi } from "../front-door";

/** `actor.account(userId)`: the user's own account, while it is open. */
export class AccountApi extends ConcernApi {
  /** The account as the API shows it (cached; D1 on a miss). */
  get() {
    return this.modules.account.get();
  }

  /**
   * Ends every session of the account (a password change or reset, "sign out everywhere"):
   * access tokens issued before `at` are refused. The account row is reloaded (a new password
   * cleared its pending email change in D1).
   */
  async endSessions(at: number = Date.now()) {
    const { account, events } = this.modules;
    account.endSessions(at);
    await account.refresh();
    await events.changed("account");
    return account.access();
  }

  /** The account row changed in D1 (email verified or changed): reload the cached copy. */
  async changed() {
    await this.modules.account.refresh();
    await this.modules.events.changed("account");
  }

  /** Takes one of today's data exports (EXPORTS_PER_DAY). */
  reserveExport() {
    return this.modules.quotas.take("export", this.modules.config().EXPORTS_PER_DAY);
  }

  /** Deletes the account (see account-deletion.ts); the answer comes once it is closed. */
  delete() {
    return this.modules.deletion.start();
  }

  /**
   * Erases a stale unverified account whose address a new signup asks for, as a deletion does;
   * false when the address was verified meanwhile (the signup then gets its 409).
   */
  releaseUnverified() {
    return this.modules.deletion.release();
  }
}
