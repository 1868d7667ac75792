import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from "jose";
import type { Config } from "../../kernel/config";
import { jwtFailureReason } from "./access-tokens";

// Tokens from an external identity provider (Supabase Auth, Auth0, any OIDC issuer),
// verified against its JWKS. The key set is fetched lazily and cached per isolate by jose.

const jwksByUrl = new Map<string, ReturnType<typeof createRemoteJWKSet>>();

// Asymmetric algorithms only: accepting HS* here would let anyone holding the public JWKS forge.
const EXTERNAL_ALGORITHMS = ["RS256", "RS384", "RS512", "PS256", "ES256", "ES384", "EdDSA"];

export interface ExternalIdentity {
  subject: string;
  email: string | null;
  emailVerified: boolean;
  name: string | null;
  /** The token's `iat` (epoch ms), compared with the account's session epoch; null if absent. */
  issuedAtMs: number | null;
  /** When the provider last signed the user in: `auth_time` (OIDC), else `iat`; epoch ms. */
  signedInAtMs: number | null;
}

export function externalAuthEnabled(config: Config): boolean {
  return Boolean(config.AUTH_JWKS_URL && config.AUTH_ISSUER && config.AUTH_AUDIENCE);
}

/** True when the token's header says it is not one of ours (so it may be an external one). */
export function looksExternal(token: string): boolean {
  try {
    return decodeProtectedHeader(token).alg !== "HS256";
  } catch {
    return false;
  }
}

export type ExternalVerifyResult =
  | { ok: true; identity: ExternalIdentity }
  | { ok: false; reason: string };

export async function verifyExternalToken(
  config: Config,
  token: string,
): Promise<ExternalVerifyResult> {
  if (!externalAuthEnabled(config)) return { ok: false, reason: "external_auth_disabled" };
  const url = config.AUTH_JWKS_URL as string;
  let jwks = jwksByUrl.get(url);
  if (!jwks) {
    jwks = createRemoteJWKSet(new URL(url), { cooldownDuration: 30_000, cacheMaxAge: 600_000 });
    jwksByUrl.set(url, jwks);
  }
  try {
    const { payload } = await jwtVerify(token, jwks, {
      algorithms: EXTERNAL_ALGORITHMS,
      issuer: config.AUTH_ISSUER,
      audience: config.AUTH_AUDIENCE,
      requiredClaims: ["sub", "exp"],
    });
    if (typeof payload.sub !== "string" || payload.sub === "")
      return { ok: false, reason: "missing_sub" };
    const seconds = (value: unknown) => (typeof value === "number" ? value * 1000 : null);
    const issuedAtMs = seconds(payload.iat);
    return {
      ok: true,
      identity: {
        subject: payload.sub,
        email: typeof payload.email === "string" ? payload.email.toLowerCase() : null,
        emailVerified: payload.email_verified === true,
        name: typeof payload.name === "string" ? payload.name : null,
        issuedAtMs,
        signedInAtMs: seconds(payload.auth_time) ?? issuedAtMs,
      },
    };
  } catch (error) {
    return { ok: false, reason: jwtFailureReason(error) };
  }
}
