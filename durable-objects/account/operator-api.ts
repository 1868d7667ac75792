import { closedAnswer } from "../../kernel/account-state";
import { ConcernApi } from "../front-door";

/**
 * `actor.operator(userId)`: what operators (/admin) do to an account whatever its state, so a
 * suspended account can be reinstated, counted or deleted.
 */
export class OperatorApi extends ConcernApi {
  /**
   * Suspends or reinstates the account; a suspended one's sessions end and its sockets are
   * closed. Never the last active admin (`last_admin`).
   */
  async setSuspended(suspended: boolean) {
    const result = await this.modules.account.setSuspended(suspended);
    if (result.ok && suspended) this.modules.realtime.closeAll(4003, "account_suspended");
    return result;
  }

  /** An operator's deletion: as the user's own, and also for a suspended account. */
  async deleteAccount() {
    const status = await this.modules.account.status();
    if (status === "deleted" || status === "missing") return closedAnswer(status);
    return this.modules.deletion.start();
  }

  /**
   * The push token was registered on another account: it is no longer this one's (a suspended
   * account too; a deleted one has no devices left).
   */
  dropPushToken(token: string) {
    return this.modules.devices.removeToken(token);
  }

  /** How many sessions, sets and meals the user has logged (the admin user detail). */
  logCounts() {
    return this.modules.tracking.counts();
  }

  /** Reminder decisions by outcome and reason, and Expo receipt errors by code. */
  deliveryCounts() {
    return {
      reminders: this.modules.reminders.outcomes.counts(),
      receipt_errors: this.modules.push.receipts.errors(),
    };
  }
}
