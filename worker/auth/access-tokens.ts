import { errors, jwtVerify, SignJWT } from "jose";
import type { Config } from "../../kernel/config";
import { secretKey } from "../../kernel/encoding";
import { VerifiedTokens } from "./verified-tokens";

// HS256 access tokens minted by this API. jwtVerify with an explicit algorithm list rejects
// `none`, RS/ES tokens and any header trickery before the signature is even considered.

/** Who may use /admin: `user` (everyone) or `admin` (operators), from D1's `users.role`. */
export type Role = "user" | "admin";

export interface AccessToken {
  token: string;
  expiresIn: number;
}

// `iat` carries milliseconds (a NumericDate may be fractional, RFC 7519 section 2): a session
// epoch (a password change) is compared with it, and a token minted in the same second as the
// change, before or after it, must fall on the right side.
export async function signAccessToken(
  config: Config,
  userId: string,
  role: Role = "user",
): Promise<AccessToken> {
  const expiresIn = config.ACCESS_TOKEN_TTL_SECONDS;
  const now = Date.now();
  const token = await new SignJWT({ role })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(userId)
    .setIssuer(config.JWT_ISSUER)
    .setAudience(config.JWT_AUDIENCE)
    .setIssuedAt(now / 1000)
    .setExpirationTime(Math.floor(now / 1000) + expiresIn)
    .setJti(crypto.randomUUID())
    .sign(await secretKey(config.JWT_SECRET));
  return { token, expiresIn };
}

/** A verified access token: whose, the role it carries, and when it was issued (epoch ms). */
export interface AccessClaims {
  userId: string;
  role: Role;
  issuedAtMs: number;
}

export type VerifyResult = ({ ok: true } & AccessClaims) | { ok: false; reason: string };

/** How far ahead of our clock a token's `iat` may be (servers' clocks differ a little). */
const ISSUED_AT_SKEW_MS = 60_000;

const verified = new VerifiedTokens<AccessClaims>();

export async function verifyAccessToken(config: Config, token: string): Promise<VerifyResult> {
  const hit = verified.get(config, token);
  if (hit) return { ok: true, ...hit };
  const result = await verifyUncached(config, token);
  if (!result.ok) return result;
  const { expMs, ok, ...claims } = result;
  verified.remember(config, token, claims, expMs);
  return { ok, ...claims };
}

async function verifyUncached(
  config: Config,
  token: string,
): Promise<({ ok: true; expMs: number } & AccessClaims) | { ok: false; reason: string }> {
  try {
    const { payload } = await jwtVerify(token, await secretKey(config.JWT_SECRET), {
      algorithms: ["HS256"],
      issuer: config.JWT_ISSUER,
      audience: config.JWT_AUDIENCE,
      requiredClaims: ["sub", "exp", "iat"],
    });
    if (typeof payload.sub !== "string" || payload.sub === "")
      return { ok: false, reason: "missing_sub" };
    // A token issued "later" was not issued by this clock: a forged or skewed signer.
    if ((payload.iat ?? 0) * 1000 > Date.now() + ISSUED_AT_SKEW_MS)
      return { ok: false, reason: "iat_in_future" };
    // Tokens minted before roles existed carry none: they are a user's.
    return {
      ok: true,
      userId: payload.sub,
      role: payload.role === "admin" ? "admin" : "user",
      issuedAtMs: (payload.iat as number) * 1000,
      // requiredClaims made jose check exp is a number in the future.
      expMs: (payload.exp as number) * 1000,
    };
  } catch (error) {
    return { ok: false, reason: jwtFailureReason(error) };
  }
}

/** A short reason for logs; never returned to the client beyond a generic 401. */
export function jwtFailureReason(error: unknown): string {
  if (error instanceof errors.JWTExpired) return "expired";
  if (error instanceof errors.JWTClaimValidationFailed) return `claim_${error.claim}`;
  if (error instanceof errors.JOSEAlgNotAllowed) return "algorithm_not_allowed";
  if (error instanceof errors.JWSSignatureVerificationFailed) return "bad_signature";
  if (error instanceof errors.JOSEError) return error.code;
  return "malformed";
}
