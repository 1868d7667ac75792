import { and, eq, isNull } from "drizzle-orm";
import type { Database } from "./client";
import { refreshTokens } from "./schema";

export interface RefreshTokenRow {
  id: string;
  userId: string;
  familyId: string;
  expiresAt: string;
  rotatedAt: string | null;
  revokedAt: string | null;
}

export async function insertRefreshToken(
  db: Database,
  row: { userId: string; familyId: string; tokenHash: string; expiresAt: string },
): Promise<void> {
  // A successor may be written twice by two racing refreshes: the same token, stored once.
  await db
    .insert(refreshTokens)
    .values({ id: crypto.randomUUID(), ...row })
    .onConflictDoNothing({ target: refreshTokens.tokenHash });
}

/** Revokes every refresh token of the user (a password change or reset signs out everywhere). */
export async function revokeAllRefreshTokens(
  db: Database,
  userId: string,
  at: string,
  exceptFamily?: string,
): Promise<void> {
  const rows = await db
    .select({ familyId: refreshTokens.familyId })
    .from(refreshTokens)
    .where(and(eq(refreshTokens.userId, userId), isNull(refreshTokens.revokedAt)));
  for (const familyId of new Set(rows.map((row) => row.familyId)))
    if (familyId !== exceptFamily) await revokeFamily(db, familyId, at);
}

export async function findRefreshTokenByHash(
  db: Database,
  tokenHash: string,
): Promise<RefreshTokenRow | null> {
  const rows = await db
    .select({
      id: refreshTokens.id,
      userId: refreshTokens.userId,
      familyId: refreshTokens.familyId,
      expiresAt: refreshTokens.expiresAt,
      rotatedAt: refreshTokens.rotatedAt,
      revokedAt: refreshTokens.revokedAt,
    })
    .from(refreshTokens)
    .where(eq(refreshTokens.tokenHash, tokenHash))
    .limit(1);
  return rows[0] ?? null;
}

/**
 * Marks a token rotated only if nobody did so first. Returns false when it was already
 * rotated or revoked: two concurrent refreshes with one token cannot both succeed.
 */
export async function markRotated(db: Database, id: string, at: string): Promise<boolean> {
  const rows = await db
    .update(refreshTokens)
    .set({ rotatedAt: at })
    .where(
      and(
        eq(refreshTokens.id, id),
        isNull(refreshTokens.rotatedAt),
        isNull(refreshTokens.revokedAt),
      ),
    )
    .returning({ id: refreshTokens.id });
  return rows.length === 1;
}

export async function revokeFamily(db: Database, familyId: string, at: string): Promise<void> {
  await db
    .update(refreshTokens)
    .set({ revokedAt: at })
    .where(and(eq(refreshTokens.familyId, familyId), isNull(refreshTokens.revokedAt)));
}
