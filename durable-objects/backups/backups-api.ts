import { ConcernApi } from "../front-door";

/**
 * `actor.backups(userId)`: an operator's backups of the user's actor, whatever the account's
 * state (a suspended account is restored like an active one). The routes refuse a deleted
 * account, whose snapshots are erased with it.
 */
export class BackupsApi extends ConcernApi {
  /** The user's snapshots, newest first (time, size, schema version, rows per table). */
  list() {
    return this.modules.backups.list();
  }

  /** A snapshot now (kind `manual`). */
  take() {
    return this.modules.backups.take("manual");
  }

  /** The actor's storage replaced by a snapshot; a snapshot of the state before is the undo. */
  restore(backupId: string) {
    return this.modules.backups.restore(backupId);
  }

  /** The platform's point-in-time recovery to an instant of the last 30 days. */
  restoreToTime(at: number) {
    return this.modules.backups.restoreToTime(at);
  }
}
