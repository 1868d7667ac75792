import { and, desc, eq, isNull } from "drizzle-orm";
import type { Database } from "./client";
import { operatorIssues } from "./schema";

// Work an actor gave up on, as operators see it (see the table's comment in schema.ts).

export type IssueKind = (typeof operatorIssues.$inferSelect)["kind"];
export type IssueRow = typeof operatorIssues.$inferSelect;

/** Records (or re-opens, when the same work fails again) an issue. */
export async function recordIssue(
  db: Database,
  input: { userId: string; kind: IssueKind; refId: string; error: string },
): Promise<void> {
  const at = new Date().toISOString();
  await db
    .insert(operatorIssues)
    .values({ id: crypto.randomUUID(), ...input, at })
    .onConflictDoUpdate({
      target: [operatorIssues.userId, operatorIssues.kind, operatorIssues.refId],
      set: { error: input.error, at, resolvedAt: null },
    });
}

/** The open issues of a kind, newest first. */
export async function openIssues(db: Database, kind: IssueKind, limit: number) {
  return db
    .select()
    .from(operatorIssues)
    .where(and(eq(operatorIssues.kind, kind), isNull(operatorIssues.resolvedAt)))
    .orderBy(desc(operatorIssues.at))
    .limit(limit);
}

export async function findIssue(
  db: Database,
  kind: IssueKind,
  id: string,
): Promise<IssueRow | null> {
  const rows = await db
    .select()
    .from(operatorIssues)
    .where(and(eq(operatorIssues.id, id), eq(operatorIssues.kind, kind)))
    .limit(1);
  return rows[0] ?? null;
}

/** Closes an issue once its work was retried or dropped. */
export async function resolveIssue(
  db: Database,
  input: { userId: string; kind: IssueKind; refId: string },
): Promise<void> {
  await db
    .update(operatorIssues)
    .set({ resolvedAt: new Date().toISOString() })
    .where(
      and(
        eq(operatorIssues.userId, input.userId),
        eq(operatorIssues.kind, input.kind),
        eq(operatorIssues.refId, input.refId),
        isNull(operatorIssues.resolvedAt),
      ),
    );
}
