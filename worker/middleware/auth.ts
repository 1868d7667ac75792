import type { MiddlewareHandler } from "hono";
import { database } from "../../d1/client";
import { findOrProvisionExternalUser } from "../../d1/users";
import type { AppEnv } from "../app-env";
import { verifyAccessToken } from "../auth/access-tokens";
import { accountAccessOf } from "../auth/account-status";
import { externalAuthEnabled, looksExternal, verifyExternalToken } from "../auth/external-tokens";
import { ApiError, closedAccountError, unauthorized } from "../errors";
import { enforceUserRequestLimit } from "./rate-limit";

// External subjects already provisioned in this isolate, so only the first request of an
// external user touches D1. Bounded so a flood of distinct subjects cannot grow it forever.
const externalUserIds = new Map<string, string>();
const EXTERNAL_CACHE_LIMIT = 10_000;

export function bearerToken(header: string | undefined): string | null {
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  return match?.[1] ?? null;
}

/**
 * A deleted account's tokens are refused (401), a suspended one's forbidden (403), and a token
 * issued before the account's sessions were ended (password change or reset, suspension, sign
 * out everywhere) refused (401 `session_revoked`). No D1 read: the actor's answer, cached.
 */
async function requireOpenSession(
  env: Env,
  userId: string,
  issuedAtMs: number | null,
): Promise<void> {
  const { status, sessionEpoch } = await accountAccessOf(env, userId);
  if (status !== "active") throw closedAccountError(status);
  if (sessionEpoch > 0 && (issuedAtMs === null || issuedAtMs < sessionEpoch))
    throw new ApiError(
      "session_revoked",
      "This session has ended (the password changed, or every device was signed out). Sign in again.",
      undefined,
      { "WWW-Authenticate": 'Bearer realm="api", error="invalid_token"' },
    );
}

/**
 * Authenticates the caller from `Authorization: Bearer`: our own HS256 access tokens, or,
 * when AUTH_JWKS_URL/ISSUER/AUDIENCE are set, tokens from that identity provider.
 */
export function requireUser(): MiddlewareHandler<AppEnv> {
  return async function requireUserMiddleware(c, next) {
    const token = bearerToken(c.req.header("authorization"));
    if (!token) throw unauthorized();
    const config = c.get("config");
    const log = c.get("log");

    if (externalAuthEnabled(config) && looksExternal(token)) {
      const external = await verifyExternalToken(config, token);
      if (!external.ok) {
        log.warn("auth_rejected", { kind: "external", reason: external.reason });
        throw unauthorized();
      }
      const subject = external.identity.subject;
      let userId = externalUserIds.get(subject);
      if (!userId) {
        const { user, created } = await findOrProvisionExternalUser(
          database(c.env.DB),
          external.identity,
        );
        if (created) log.info("external_user_provisioned", { user_id: user.id });
        if (externalUserIds.size >= EXTERNAL_CACHE_LIMIT) externalUserIds.clear();
        externalUserIds.set(subject, user.id);
        userId = user.id;
      }
      await enforceUserRequestLimit(c, userId);
      await requireOpenSession(c.env, userId, external.identity.issuedAtMs);
      c.set("userId", userId);
      // An identity provider's token never makes an operator: admins log in with a password.
      c.set("role", "user");
      c.set("signedInAt", external.identity.signedInAtMs);
      c.set("log", log.with({ user_id: userId }));
      return next();
    }

    const result = await verifyAccessToken(config, token);
    if (!result.ok) {
      log.warn("auth_rejected", { kind: "access_token", reason: result.reason });
      throw unauthorized();
    }
    await enforceUserRequestLimit(c, result.userId);
    await requireOpenSession(c.env, result.userId, result.issuedAtMs);
    c.set("userId", result.userId);
    c.set("role", result.role);
    c.set("log", log.with({ user_id: result.userId }));
    return next();
  };
}
