import { errors, jwtVerify, SignJWT } from "jose";
import type { Config } from "../config";

// HS256 access tokens minted by this API. jwtVerify with an explicit algorithm list rejects
// `none`, RS/ES tokens and any header trickery before the signature is even considered.

const encoder = new TextEncoder();
const keys = new Map<string, Uint8Array>();
function secretKey(secret: string): Uint8Array {
  let key = keys.get(secret);
  if (!key) {
    key = encoder.encode(secret);
    keys.set(secret, key);
  }
  return key;
}

/** Who may use /admin: `user` (everyone) or `admin` (operators), from D1's `users.role`. */
export type Role = "user" | "admin";

export interface AccessToken {
  token: string;
  expiresIn: number;
}

export async function signAccessToken(
  config: Config,
  userId: string,
  role: Role = "user",
): Promise<AccessToken> {
  const expiresIn = config.ACCESS_TOKEN_TTL_SECONDS;
  const token = await new SignJWT({ role })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(userId)
    .setIssuer(config.JWT_ISSUER)
    .setAudience(config.JWT_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${expiresIn}s`)
    .setJti(crypto.randomUUID())
    .sign(secretKey(config.JWT_SECRET));
  return { token, expiresIn };
}

export type VerifyResult = { ok: true; userId: string; role: Role } | { ok: false; reason: string };

/** How far ahead of our clock a token's `iat` may be (servers' clocks differ a little). */
const ISSUED_AT_SKEW_MS = 60_000;

export async function verifyAccessToken(config: Config, token: string): Promise<VerifyResult> {
  try {
    const { payload } = await jwtVerify(token, secretKey(config.JWT_SECRET), {
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
    return { ok: true, userId: payload.sub, role: payload.role === "admin" ? "admin" : "user" };
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
