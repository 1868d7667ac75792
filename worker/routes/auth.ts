import { createRoute } from "@hono/zod-openapi";
import { toUserRecord } from "../../durable-objects/user-record";
import { burnPasswordCheck, hashPassword, verifyPassword } from "../auth/passwords";
import { revokeRefreshTokenFamily, rotateRefreshToken } from "../auth/refresh-tokens";
import { issueTokenPair } from "../auth/sessions";
import { database } from "../db/client";
import { createUserWithPassword, findLoginByEmail, normaliseEmail } from "../db/users";
import { conflict, unauthorized } from "../errors";
import { requireUser } from "../middleware/auth";
import { clientIp, enforceRateLimit } from "../middleware/rate-limit";
import {
  AuthResponseSchema,
  LoginBody,
  RefreshBody,
  SignupBody,
  TokenPairSchema,
} from "./auth.schemas";
import { bearerSecurity, errorResponses, jsonBody, jsonResponse } from "./common.schemas";
import { routeGroup } from "./route-group";

const signupRoute = createRoute({
  method: "post",
  path: "/v1/auth/signup",
  tags: ["auth"],
  summary: "Create an account with email and password",
  request: { body: jsonBody(SignupBody) },
  responses: {
    201: jsonResponse(AuthResponseSchema, "Account created; tokens for the new user."),
    ...errorResponses(400, 409, 413, 422, 429, 500),
  },
});

const loginRoute = createRoute({
  method: "post",
  path: "/v1/auth/login",
  tags: ["auth"],
  summary: "Exchange email and password for tokens",
  request: { body: jsonBody(LoginBody) },
  responses: {
    200: jsonResponse(AuthResponseSchema, "Logged in."),
    ...errorResponses(400, 401, 422, 429, 500),
  },
});

const refreshRoute = createRoute({
  method: "post",
  path: "/v1/auth/refresh",
  tags: ["auth"],
  summary: "Rotate a refresh token for a new token pair",
  description:
    "Each refresh token works once. Presenting one that was already rotated revokes every " +
    "token of that login (the token family), since it has probably leaked.",
  request: { body: jsonBody(RefreshBody) },
  responses: {
    200: jsonResponse(TokenPairSchema, "A new access and refresh token."),
    ...errorResponses(400, 401, 422, 429, 500),
  },
});

const logoutRoute = createRoute({
  method: "post",
  path: "/v1/auth/logout",
  tags: ["auth"],
  summary: "Revoke the refresh token family of this login",
  security: bearerSecurity,
  middleware: [requireUser()] as const,
  request: { body: jsonBody(RefreshBody) },
  responses: { 204: { description: "Logged out." }, ...errorResponses(400, 401, 422, 500) },
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
