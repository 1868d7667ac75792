import type { Context } from "hono";
import { type AuditEntry, insertAuditEntry } from "../../d1/admin-audit";
import { database } from "../../d1/client";
import type { AppEnv } from "../app-env";

/**
 * Records an operator's call: a row in `admin_audit` (the lasting record) and an
 * `admin_action` log line (what an operator searches first). Written before the handler
 * answers, so a call that answered was recorded; a call refused earlier (validation, role,
 * unknown target) changed nothing and is only in the request log.
 */
export async function audit(c: Context<AppEnv>, entry: Omit<AuditEntry, "adminId">): Promise<void> {
  const adminId = c.get("userId");
  const id = await insertAuditEntry(database(c.env.DB), { adminId, ...entry });
  c.get("log").info("admin_action", {
    audit_id: id,
    admin_id: adminId,
    action: entry.action,
    target_user_id: entry.targetUserId ?? null,
    target: entry.target ?? null,
    reason: entry.reason ?? null,
  });
}
