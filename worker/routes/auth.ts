import { burnPasswordCheck, hashPassword, verifyPassword } from "../auth/passwords";
import { revokeRefreshTokenFamily, rotateRefreshToken } from "../auth/refresh-tokens";
import { issueTokenPair } from "../auth/sessions";
import { database } from "../db/client";
import { createUserWithPassword, findLoginByEmail, normaliseEmail } from "../db/users";
import { conflict, unauthorized } from "../errors";
import { requireUser } from "../middleware/auth";
import { clientIp, enforceRateLimit } from "../middleware/rate-limit";
import { toUserRecord } from "../presenters/user";
import {
  AuthResponseSchema,
  LoginBody,
  RefreshBody,
  SignupBody,
  TokenPairSchema,
} from "./auth.schemas";
import { bearerSecurity, jsonBody, jsonResponse } from "./common.schemas";
import { defineRoute } from "./define-route";
import { TOKEN_PAIR, USER } from "./examples";
import { routeGroup } from "./route-group";

const signupRoute = defineRoute({
  method: "post",
  path: "/signup",
  operationId: "signUp",
  tags: ["auth"],
  summary: "Create an account with email and password",
  description:
    "Creates the account and signs it in. Emails are case-insensitive and unique; the password " +
    "needs 10-128 characters with a letter and a digit (each broken rule is named). Limited per " +
    "client IP and per email.",
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
  errors: { 409: ["email_taken"], 422: ["validation_failed"], 429: ["rate_limited"] },
});

const loginRoute = defineRoute({
  method: "post",
  path: "/login",
  operationId: "logIn",
  tags: ["auth"],
  summary: "Exchange email and password for tokens",
  description:
    "A wrong password and an unknown email get the same 401 `invalid_credentials`. Limited per " +
    "client IP and per email.",
  request: {
    body: jsonBody(LoginBody, { email: "sam@example.com", password: "correct-horse-42" }),
  },
  responses: {
    200: jsonResponse(AuthResponseSchema, "Logged in.", { user: USER, ...TOKEN_PAIR }),
  },
  errors: { 401: ["invalid_credentials"], 429: ["rate_limited"] },
});

const refreshRoute = defineRoute({
  method: "post",
  path: "/refresh",
  operationId: "refreshTokens",
  tags: ["auth"],
  summary: "Rotate a refresh token for a new token pair",
  description:
    "Each refresh token works once. Presenting one that was already rotated revokes every " +
    "token of that login (the token family), since it has probably leaked. Limited per client IP.",
  request: { body: jsonBody(RefreshBody, { refresh_token: TOKEN_PAIR.refresh_token }) },
  responses: { 200: jsonResponse(TokenPairSchema, "A new access and refresh token.", TOKEN_PAIR) },
  errors: { 401: ["invalid_refresh_token"], 429: ["rate_limited"] },
});

const logoutRoute = defineRoute({
  method: "post",
  path: "/logout",
  operationId: "logOut",
  tags: ["auth"],
  summary: "Revoke the refresh token family of this login",
  description:
    "Revokes the refresh token and every token rotated from it. Another user's token is ignored. " +
    "The access token stays valid until it expires; drop it.",
  security: bearerSecurity,
  middleware: [requireUser()] as const,
  request: { body: jsonBody(RefreshBody, { refresh_token: TOKEN_PAIR.refresh_token }) },
  responses: { 204: { description: "Logged out." } },
});

export const authRoutes = routeGroup()
  .openapi(signupRoute, async (c) => {
    const body = c.req.valid("json");
    const email = normaliseEmail(body.email);
    await enforceRateLimit(
      c,
      [`signup:ip:${clientIp(c)}`, `signup:email:${email}`],
      c.get("config").AUTH_RATE_LIMIT_PER_MINUTE,
    );
    const db = database(c.env.DB);
    const created = await createUserWithPassword(db, {
      email,
      name: body.name ?? null,
      passwordHash: await hashPassword(body.password),
    });
    if (created === "email_taken")
      throw conflict("email_taken", "An account with this email already exists.");
    const tokens = await issueTokenPair(db, c.get("config"), created.id);
    c.get("log").info("user_signed_up", { user_id: created.id });
    return c.json({ user: toUserRecord(created), ...tokens }, 201);
  })
  .openapi(loginRoute, async (c) => {
    const body = c.req.valid("json");
    const email = normaliseEmail(body.email);
    await enforceRateLimit(
      c,
      [`login:ip:${clientIp(c)}`, `login:email:${email}`],
      c.get("config").AUTH_RATE_LIMIT_PER_MINUTE,
    );
    const db = database(c.env.DB);
    const login = await findLoginByEmail(db, email);
    // Same message and one PBKDF2 run on both failure paths: no account enumeration.
    if (!login) {
      await burnPasswordCheck(body.password);
      c.get("log").info("login_failed", { reason: "unknown_email" });
      throw unauthorized("Wrong email or password.", "invalid_credentials");
    }
    const passwordOk = await verifyPassword(body.password, login.passwordHash);
    if (!passwordOk || login.user.accountStatus !== "active") {
      c.get("log").info("login_failed", { user_id: login.user.id, reason: "bad_password" });
      throw unauthorized("Wrong email or password.", "invalid_credentials");
    }
    const tokens = await issueTokenPair(db, c.get("config"), login.user.id);
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
      throw unauthorized(
        "The refresh token is invalid or expired. Log in again.",
        "invalid_refresh_token",
      );
    }
    return c.json(
      await issueTokenPair(db, c.get("config"), result.userId, result.refreshToken),
      200,
    );
  })
  .openapi(logoutRoute, async (c) => {
    const body = c.req.valid("json");
    const db = database(c.env.DB);
    // Only the caller's own token family is revoked; someone else's token is ignored.
    const owner = await revokeRefreshTokenFamily(db, body.refresh_token, c.get("userId"));
    c.get("log").info("user_logged_out", { revoked: owner !== null });
    return c.body(null, 204);
  });
