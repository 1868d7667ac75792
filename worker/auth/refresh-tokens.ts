import type { Database } from "../../d1/client";
import {
  findRefreshTokenByHash,
  insertRefreshToken,
  markRotated,
  revokeFamily,
} from "../../d1/refresh-tokens";
import type { Config } from "../../kernel/config";
import { randomBytes, sha256Hex, toBase64Url } from "../../kernel/encoding";

// Opaque refresh tokens: 256 bits, stored only as their SHA-256, rotated on every use. A
// token's successor is derived from it (HMAC with the server's secret), so two requests of
// one app refreshing with the same token at the same moment both get the same successor
// within a short grace window; presenting a rotated token after the window means it leaked,
// and the whole family (one login) is revoked.

const encoder = new TextEncoder();
const successorKeys = new Map<string, Promise<CryptoKey>>();

function successorKey(secret: string): Promise<CryptoKey> {
  let key = successorKeys.get(secret);
  if (!key) {
    key = crypto.subtle.importKey(
      "raw",
      encoder.encode(`refresh-successor:${secret}`),
      { name: "HMAC", hash: "SHA-256" },
      false,
      ["sign"],
    );
    successorKeys.set(secret, key);
  }
  return key;
}

/** The token that replaces `token` when it is rotated: the same every time it is asked. */
async function successorOf(config: Config, token: string): Promise<string> {
  const mac = await crypto.subtle.sign(
    "HMAC",
    await successorKey(config.JWT_SECRET),
    encoder.encode(token),
  );
  return `rt_${toBase64Url(new Uint8Array(mac))}`;
}

async function store(
  db: Database,
  config: Config,
  userId: string,
  familyId: string,
  token: string,
) {
  const expiresAt = new Date(Date.now() + config.REFRESH_TOKEN_TTL_DAYS * 86_400_000).toISOString();
  await insertRefreshToken(db, { userId, familyId, tokenHash: await sha256Hex(token), expiresAt });
}

/** A new login's first refresh token (a new family unless one is given). */
export async function issueRefreshToken(
  db: Database,
  config: Config,
  userId: string,
  familyId: string = crypto.randomUUID(),
): Promise<string> {
  const token = `rt_${toBase64Url(randomBytes(32))}`;
  await store(db, config, userId, familyId, token);
  return token;
}

export type RotateResult =
  | { ok: true; userId: string; refreshToken: string; familyId: string }
  | { ok: false; reason: "unknown" | "expired" | "revoked" | "reused"; userId?: string };

export async function rotateRefreshToken(
  db: Database,
  config: Config,
  token: string,
): Promise<RotateResult> {
  const row = await findRefreshTokenByHash(db, await sha256Hex(token));
  if (!row) return { ok: false, reason: "unknown" };
  const now = new Date();
  if (row.revokedAt) return { ok: false, reason: "revoked", userId: row.userId };
  if (row.expiresAt <= now.toISOString())
    return { ok: false, reason: "expired", userId: row.userId };
  const successor = await successorOf(config, token);
  const answer = async () => {
    await store(db, config, row.userId, row.familyId, successor);
    return {
      ok: true as const,
      userId: row.userId,
      refreshToken: successor,
      familyId: row.familyId,
    };
  };
  if (await markRotated(db, row.id, now.toISOString())) return answer();
  // Rotated already: by a twin request moments ago (answer the same successor), or long ago
  // (a leaked token: revoke the family).
  const rotatedAt = (await findRefreshTokenByHash(db, await sha256Hex(token)))?.rotatedAt;
  const graceMs = config.REFRESH_REUSE_GRACE_SECONDS * 1000;
  if (rotatedAt && now.getTime() - Date.parse(rotatedAt) <= graceMs) {
    const next = await findRefreshTokenByHash(db, await sha256Hex(successor));
    if (!next?.revokedAt) return answer();
  }
  await revokeFamily(db, row.familyId, now.toISOString());
  return { ok: false, reason: "reused", userId: row.userId };
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
