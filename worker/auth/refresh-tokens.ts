import type { Config } from "../config";
import type { Database } from "../db/client";
import {
  findRefreshTokenByHash,
  insertRefreshToken,
  markRotated,
  revokeFamily,
} from "../db/refresh-tokens";
import { randomBytes, sha256Hex, toBase64Url } from "./encoding";

// Opaque refresh tokens: 256 random bits, stored only as their SHA-256. Rotation on every use;
// presenting a rotated token means it leaked, so the whole family (one login) is revoked.

export async function issueRefreshToken(
  db: Database,
  config: Config,
  userId: string,
  familyId: string = crypto.randomUUID(),
): Promise<string> {
  const token = `rt_${toBase64Url(randomBytes(32))}`;
  const expiresAt = new Date(Date.now() + config.REFRESH_TOKEN_TTL_DAYS * 86_400_000).toISOString();
  await insertRefreshToken(db, { userId, familyId, tokenHash: await sha256Hex(token), expiresAt });
  return token;
}

export type RotateResult =
  | { ok: true; userId: string; refreshToken: string }
  | { ok: false; reason: "unknown" | "expired" | "revoked" | "reused"; userId?: string };

export async function rotateRefreshToken(
  db: Database,
  config: Config,
  token: string,
): Promise<RotateResult> {
  const row = await findRefreshTokenByHash(db, await sha256Hex(token));
  if (!row) return { ok: false, reason: "unknown" };
  const now = new Date().toISOString();
  if (row.revokedAt) return { ok: false, reason: "revoked", userId: row.userId };
  if (row.expiresAt <= now) return { ok: false, reason: "expired", userId: row.userId };
  if (row.rotatedAt || !(await markRotated(db, row.id, now))) {
    await revokeFamily(db, row.familyId, now);
    return { ok: false, reason: "reused", userId: row.userId };
  }
  const refreshToken = await issueRefreshToken(db, config, row.userId, row.familyId);
  return { ok: true, userId: row.userId, refreshToken };
}

/** Logout: revokes the family of the caller's token. Unknown or foreign tokens are ignored. */
export async function revokeRefreshTokenFamily(
  db: Database,
  token: string,
  userId: string,
): Promise<string | null> {
  const row = await findRefreshTokenByHash(db, await sha256Hex(token));
  if (!row || row.userId !== userId) return null;
  await revokeFamily(db, row.familyId, new Date().toISOString());
  return row.userId;
}
