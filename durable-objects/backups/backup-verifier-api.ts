import { RpcTarget } from "cloudflare:workers";
import { fail, ok } from "../../kernel/result";
import type { UserModules } from "../user-modules";

/**
 * `actor.backupVerifier()` on a scratch actor (an actor of its own name that serves no user):
 * restores one of a user's snapshots into its own storage, compares rows and checksums with
 * the snapshot, and erases itself. What `npm run backup:verify` and the nightly check run.
 */
export class BackupVerifierApi extends RpcTarget {
  constructor(
    private readonly modules: UserModules,
    private readonly storage: DurableObjectStorage,
  ) {
    super();
  }

  async verify(userId: string, backupId: string) {
    if (this.modules.boundUser() !== null)
      return fail("forbidden", "This actor serves a user: verify only into a scratch actor.");
    const snapshot = await this.modules.backups.fetch(userId, backupId);
    if (!snapshot) return fail("backup_not_found", "The user has no snapshot with this id.");
    try {
      return ok(await this.modules.backups.verifyInto(snapshot));
    } finally {
      await this.storage.deleteAll();
    }
  }
}
