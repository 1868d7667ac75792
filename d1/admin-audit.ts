import { desc, eq } from "drizzle-orm";
import type { Database } from "./client";
import { adminAudit } from "./schema";

export interface AuditEntry {
  adminId: string;
  action: string;
  targetUserId?: string | null;
  target?: string | null;
  reason?: string | null;
}

export async function insertAuditEntry(db: Database, entry: AuditEntry): Promise<string> {
  const id = crypto.randomUUID();
  await db.insert(adminAudit).values({
    id,
    adminId: entry.adminId,
    action: entry.action,
    targetUserId: entry.targetUserId ?? null,
    target: entry.target ?? null,
    reason: entry.reason ?? null,
  });
  return id;
}

/** The newest entries about one user (what operators did to this account). */
export async function auditEntriesFor(db: Database, targetUserId: string, limit: number) {
  return db
    .select()
    .from(adminAudit)
    .where(eq(adminAudit.targetUserId, targetUserId))
    .orderBy(desc(adminAudit.createdAt))
    .limit(limit);
}
