import type { Context } from "hono";
import { database } from "../../d1/client";
import { revokeAllRefreshTokens } from "../../d1/refresh-tokens";
import { toUserRecord } from "../../d1/user-record";
import {
  createUserWithPassword,
  findActiveUserByEmail,
  findLoginByEmail,
  findUserRole,
  normaliseEmail,
} from "../../d1/users";
import { actorFor, userActor } from "../actor";
import type { AppEnv } from "../app-env";
import { sendLater, sendVerification } from "../auth/account-email";
import { accountAccessOf, remember } from "../auth/account-status";
import { checkLoginAllowed, recordLoginFailure, recordLoginSuccess } from "../auth/login-guard";
import { burnPasswordCheck, hashPassword, verifyPassword } from "../auth/passwords";
import { revokeRefreshTokenFamily, rotateRefreshToken } from "../auth/refresh-tokens";
import { issueTokenPair } from "../auth/sessions";
import { requireTurnstile } from "../auth/turnstile";
import { closedAccountError, conflict, unauthorized } from "../errors";
import { requireUser } from "../middleware/auth";
import { clientIp, enforceRateLimit } from "../middleware/rate-limit";
import {
  AuthResponseSchema,
  LoginBody,
  LogoutBody,
  RefreshBody,
  SignupBody,
  TokenPairSchema,
} from "./auth.schemas";
import { bearerSecurity, jsonBody, jsonResponse } from "./common.schemas";
import { defineRoute } from "./define-route";
import { TOKEN_PAIR, USER } from "./examples";
import { routeGroup } from "./route-group";

// /v1/auth: signing up, in and out, and refreshing tokens. The password's own routes are in
// auth-password.ts (/v1/auth/password), the emailed links' in auth-email.ts (/v1/auth/email).

const signupRoute = defineRoute({
  method: "post",
  path: "/signup",
  operationId: "signUp",
  tags: ["auth"],
  summary: "Create an account with email and password",
  description:
    "Creates the account and signs it in, and mails a link that verifies the address (voice, " +
    "chat and more than PROGRAM_JOBS_PER_DAY_UNVERIFIED program jobs a day wait for it). " +
    "Emails are case-insensitive and unique (409 `email_taken`), except that an unverified " +
    "account older than UNVERIFIED_ACCOUNT_TTL_HOURS (24) no longer holds its address: it is " +
    "erased, as a deletion erases, and the signup goes ahead. The password needs 10-128 " +
    "characters with a letter and a digit (each broken rule is named). Limited per client IP " +
    "and per email.",
  request: {
    body: jsonBody(SignupBody, {
      email: "sam@example.com",
      password: "correct-horse-42",
      name: "Sam",
    }),
  },
  responses: {
    201: jsonResponse(AuthResponseSchema, "Account created; tokens for the new user.", {
      user: { ...USER, onboarding_completed: false, onboarding_completed_at: null },
      ...TOKEN_PAIR,
    }),
  },
  errors: { 403: ["turnstile_failed"], 409: ["email_taken"], 429: ["rate_limited"] },
});

const loginRoute = defineRoute({
  method: "post",
  path: "/login",
  operationId: "logIn",
  tags: ["auth"],
  summary: "Exchange email and password for tokens",
  description:
    "A wrong password, an unknown email and a suspended account get the same 401 " +
    "`invalid_credentials`. Guessing is slowed, never locked out: 5 failures per email and IP " +
    "in 15 minutes, then that IP waits; after 10 failures per email from anywhere, each " +
    "further attempt waits a doubling delay of at most a minute. Wrong passwords typed to " +
    "confirm a password change, an email change or a deletion count too.",
  request: {
    body: jsonBody(LoginBody, { email: "sam@example.com", password: "correct-horse-42" }),
  },
  responses: {
    200: jsonResponse(AuthResponseSchema, "Logged in.", { user: USER, ...TOKEN_PAIR }),
  },
  errors: {
    401: ["invalid_credentials"],
    403: ["turnstile_failed"],
    429: ["rate_limited"],
  },
});

const refreshRoute = defineRoute({
  method: "post",
  path: "/refresh",
  operationId: "refreshTokens",
  tags: ["auth"],
  summary: "Rotate a refresh token for a new token pair",
  description:
    "Each refresh token works once. The same token presented again within " +
    "REFRESH_REUSE_GRACE_SECONDS (30 s) of its rotation (two requests of one app racing) " +
    "answers the same successor; later, it has probably leaked, and every token of that login " +
    "(the token family) is revoked. Limited per client IP.",
  request: { body: jsonBody(RefreshBody, { refresh_token: TOKEN_PAIR.refresh_token }) },
  responses: { 200: jsonResponse(TokenPairSchema, "A new access and refresh token.", TOKEN_PAIR) },
  errors: { 401: ["invalid_refresh_token"], 403: ["account_suspended"], 429: ["rate_limited"] },
});

const logoutRoute = defineRoute({
  method: "post",
  path: "/logout",
  operationId: "logOut",
  tags: ["auth"],
  summary: "Sign this device out, or every device",
  description:
    "With `refresh_token`: revokes it and every token rotated from it (another user's token is " +
    "ignored); the access token stays valid until it expires, so drop it. With `device_id`: " +
    "that push registration is removed too. With `all: true`: every session of the account " +
    "ends, each refresh token revoked and each access token issued until now refused (at once " +
    "here, within 5 s everywhere).",
  security: bearerSecurity,
  middleware: [requireUser()] as const,
  request: {
    body: jsonBody(LogoutBody, {
      refresh_token: TOKEN_PAIR.refresh_token,
      device_id: "dev_0f8e2a9c4b7d4e1fa3c5b6d7e8f90123",
    }),
  },
  responses: { 204: { description: "Logged out." } },
});

/**
 * An address parked by an unverified account older than UNVERIFIED_ACCOUNT_TTL_HOURS is
 * released to a new signup (nobody can hold someone else's address by signing up with it):
 * the old account is erased in its actor as a deletion erases it. False when it stays.
 */
async function releaseStaleUnverified(c: Context<AppEnv>, email: string): Promise<boolean> {
  const holder = await findActiveUserByEmail(database(c.env.DB), email);
  const ttlMs = c.get("config").UNVERIFIED_ACCOUNT_TTL_HOURS * 3_600_000;
  if (
    !holder ||
    holder.emailVerified ||
    holder.externalAuthId ||
    holder.accountStatus !== "active" ||
    Date.parse(holder.createdAt) > Date.now() - ttlMs
  )
    return false;
  // The actor checks again as it closes: an address verified meanwhile is kept.
  const released = await actorFor(c.env, holder.id).account.releaseUnverified();
  if (released) {
    remember(holder.id, { status: "deleted", sessionEpoch: Date.now() });
    c.get("log").info("unverified_account_released", { released_user_id: holder.id });
  }
  return released;
}

export const authRoutes = routeGroup()
  .openapi(signupRoute, async (c) => {
    const body = c.req.valid("json");
    const email = normaliseEmail(body.email);
    await enforceRateLimit(
      c,
      [`signup:ip:${clientIp(c)}`, `signup:email:${email}`],
      c.get("config").AUTH_RATE_LIMIT_PER_MINUTE,
    );
    await requireTurnstile(c, body.turnstile_token);
    const db = database(c.env.DB);
    const account = {
      email,
      name: body.name ?? null,
      passwordHash: await hashPassword(body.password),
    };
    let created = await createUserWithPassword(db, account);
    if (created === "email_taken" && (await releaseStaleUnverified(c, email)))
      created = await createUserWithPassword(db, account);
    if (created === "email_taken")
      throw conflict("email_taken", "An account with this email already exists.");
    const user = created;
    const tokens = await issueTokenPair(db, c.get("config"), user);
    c.get("log").info("user_signed_up", { user_id: user.id });
    sendLater(c, () => sendVerification(c, { id: user.id, email }), "signup_verification");
    return c.json({ user: toUserRecord(user), ...tokens }, 201);
  })
  .openapi(loginRoute, async (c) => {
    const body = c.req.valid("json");
    const email = normaliseEmail(body.email);
    const ip = clientIp(c);
    await enforceRateLimit(c, [`login:ip:${ip}`], c.get("config").AUTH_RATE_LIMIT_PER_MINUTE);
    await requireTurnstile(c, body.turnstile_token);
    await checkLoginAllowed(c, email, ip);
    const db = database(c.env.DB);
    const login = await findLoginByEmail(db, email);
    // Same message and one PBKDF2 run on every failure path: no account enumeration, and a
    // suspended account's right password is not confirmed either.
    const passwordOk = login
      ? await verifyPassword(body.password, login.passwordHash)
      : await burnPasswordCheck(body.password).then(() => false);
    if (!login || !passwordOk || login.user.accountStatus !== "active") {
      await recordLoginFailure(c, email, ip);
      c.get("log").info("login_failed", {
        user_id: login?.user.id,
        reason: !login ? "unknown_email" : !passwordOk ? "bad_password" : "account_suspended",
      });
      throw unauthorized("Wrong email or password.", "invalid_credentials");
    }
    await recordLoginSuccess(c, email, ip);
    const tokens = await issueTokenPair(db, c.get("config"), login.user);
    c.get("log").info("user_logged_in", { user_id: login.user.id });
    return c.json({ user: toUserRecord(login.user), ...tokens }, 200);
  })
  .openapi(refreshRoute, async (c) => {
    const body = c.req.valid("json");
    await enforceRateLimit(
      c,
      [`refresh:ip:${clientIp(c)}`],
      c.get("config").AUTH_RATE_LIMIT_PER_MINUTE,
    );
    const db = database(c.env.DB);
    const result = await rotateRefreshToken(db, c.get("config"), body.refresh_token);
    if (!result.ok) {
      const level = result.reason === "reused" ? "warn" : "info";
      c.get("log")[level]("refresh_rejected", { reason: result.reason, user_id: result.userId });
      // A suspension revoked the account's tokens: say why (403), as for its access tokens.
      const closed = result.userId ? (await accountAccessOf(c.env, result.userId)).status : null;
      if (closed === "suspended") throw closedAccountError(closed);
      throw unauthorized(
        "The refresh token is invalid or expired. Log in again.",
        "invalid_refresh_token",
      );
    }
    const { status } = await accountAccessOf(c.env, result.userId);
    if (status !== "active") throw closedAccountError(status);
    // The role is read again: a promotion or demotion shows in the next access token.
    const role = await findUserRole(db, result.userId);
    return c.json(
      await issueTokenPair(
        db,
        c.get("config"),
        { id: result.userId, role: role ?? "user" },
        result.refreshToken,
      ),
      200,
    );
  })
  .openapi(logoutRoute, async (c) => {
    const body = c.req.valid("json");
    const userId = c.get("userId");
    const db = database(c.env.DB);
    if (body.device_id) await userActor(c).devices.remove(body.device_id);
    if (body.all) {
      await revokeAllRefreshTokens(db, userId, new Date().toISOString());
      remember(userId, await userActor(c).account.endSessions(Date.now()));
      c.get("log").info("user_logged_out", { everywhere: true });
      return c.body(null, 204);
    }
    // Only the caller's own token family is revoked; someone else's token is ignored.
    const owner = body.refresh_token
      ? await revokeRefreshTokenFamily(db, body.refresh_token, userId)
      : null;
    c.get("log").info("user_logged_out", { revoked: owner !== null });
    return c.body(null, 204);
  });
