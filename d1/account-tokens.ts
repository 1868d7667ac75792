import { and, eq, gt, isNull } from "drizzle-orm";
import { randomBytes, sha256Hex, toBase64Url } from "../kernel/encoding";
import type { Database } from "./client";
import { accountTokens, type accountTokens as table } from "./schema";

// Single-use tokens sent by email. 256 random bits; only their SHA-256 is stored; spending one
// is a conditional update, so two concurrent uses cannot both succeed.

export type AccountTokenKind = (typeof table.$inferSelect)["kind"];

/** Creates a token; earlier unspent tokens of the same kind for the user stop working. */
export async function issueAccountToken(
  db: Database,
  input: { userId: string; kind: AccountTokenKind; email: string; ttlMs: number },
): Promise<string> {
  const token = toBase64Url(randomBytes(32));
  const now = new Date();
  await db.batch([
    db
      .update(accountTokens)
      .set({ usedAt: now.toISOString() })
      .where(
        and(
          eq(accountTokens.userId, input.userId),
          eq(accountTokens.kind, input.kind),
          isNull(accountTokens.usedAt),
        ),
      ),
    db.insert(accountTokens).values({
      id: crypto.randomUUID(),
      userId: input.userId,
      kind: input.kind,
      tokenHash: await sha256Hex(token),
      email: input.email,
      expiresAt: new Date(now.getTime() + input.ttlMs).toISOString(),
    }),
  ]);
  return token;
}

/** Spends a token of this kind: its row once, or null (unknown, used, expired). */
export async function spendAccountToken(db: Database, kind: AccountTokenKind, token: string) {
  const now = new Date().toISOString();
  const rows = await db
    .update(accountTokens)
    .set({ usedAt: now })
    .where(
      and(
        eq(accountTokens.tokenHash, await sha256Hex(token)),
        eq(accountTokens.kind, kind),
        isNull(accountTokens.usedAt),
        gt(accountTokens.expiresAt, now),
      ),
    )
    .returning();
  return rows[0] ?? null;
}
