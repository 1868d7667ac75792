import { sampleActiveUsers } from "../../d1/admin-users";
import { database } from "../../d1/client";
import { configFor } from "../../kernel/config";
import { createLogger, errorFields, logLevel } from "../../kernel/logger";
import { actorFor, verifyInScratchActor } from "../actor";

export interface BackupCheck {
  user_id: string;
  backup_id: string | null;
  equal: boolean;
  error?: string;
}

/**
 * The nightly backup check (the Worker's cron trigger, wrangler.toml): for a random sample of
 * `BACKUP_VERIFY_SAMPLE` active users, their newest snapshot is restored into a scratch actor
 * and compared with itself, table by table. A user without a snapshot yet, or one that does
 * not read back equal, is logged as `backup_check_failed` for the operators' alerts.
 */
export async function checkSampleOfBackups(env: Env, userIds?: string[]): Promise<BackupCheck[]> {
  const config = configFor(env);
  const sample = config.ok ? config.config.BACKUP_VERIFY_SAMPLE : 20;
  const log = createLogger({ job: "backup_check" }, logLevel(env.LOG_LEVEL));
  const ids = userIds ?? (await sampleActiveUsers(database(env.DB), sample));
  const results: BackupCheck[] = [];
  for (const userId of ids) {
    const check: BackupCheck = { user_id: userId, backup_id: null, equal: false };
    try {
      const [newest] = await actorFor(env, userId).backups.list();
      if (newest) {
        check.backup_id = newest.id;
        const verified = await verifyInScratchActor(env, userId, newest.id);
        check.equal = verified.ok && verified.value.equal;
      } else check.error = "no snapshot yet";
    } catch (error) {
      check.error = String(errorFields(error).error);
    }
    if (check.equal) log.info("backup_checked", { ...check });
    else log.error("backup_check_failed", { ...check });
    results.push(check);
  }
  return results;
}
