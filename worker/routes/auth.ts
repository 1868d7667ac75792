import type { Context } from "hono";
import { closedAccountError } from "../account-state";
import { actorFor } from "../actor";
import type { AppEnv } from "../app-env";
import { sendLater, sendNotice, sendPasswordReset, sendVerification } from "../auth/account-email";
import { accountStatusOf } from "../auth/account-status";
import { checkLoginAllowed, recordLoginFailure, recordLoginSuccess } from "../auth/login-guard";
import { burnPasswordCheck, hashPassword, verifyPassword } from "../auth/passwords";
import { revokeRefreshTokenFamily, rotateRefreshToken } from "../auth/refresh-tokens";
import { issueTokenPair } from "../auth/sessions";
import { requireTurnstile } from "../auth/turnstile";
import { spendAccountToken } from "../db/account-tokens";
import { database } from "../db/client";
import { revokeAllRefreshTokens } from "../db/refresh-tokens";
import {
  applyEmailChange,
  createUserWithPassword,
  findLoginByEmail,
  findPasswordHash,
  findUserById,
  findUserRole,
  markEmailVerified,
  normaliseEmail,
  setPassword,
} from "../db/users";
import { passwordChangedNotice } from "../email/messages";
import { ApiError, conflict, unauthorized } from "../errors";
import { requireUser } from "../middleware/auth";
import { clientIp, enforceRateLimit } from "../middleware/rate-limit";
import { toUserRecord } from "../presenters/user";
import {
  AcceptedSchema,
  AuthResponseSchema,
  ForgotPasswordBody,
  LoginBody,
  PasswordChangeBody,
  RefreshBody,
  ResetPasswordBody,
  SignupBody,
  TokenPairSchema,
  UserSchema,
  VerifyEmailBody,
} from "./auth.schemas";
import { bearerSecurity, jsonBody, jsonResponse } from "./common.schemas";
import { defineRoute } from "./define-route";
import { TOKEN_PAIR, USER } from "./examples";
import { routeGroup } from "./route-group";

const externalAccount = () =>
  new ApiError(
    "external_account",
    "This account signs in with your identity provider, which manages its password and email.",
  );

const userActorOf = (c: Context<AppEnv>, userId: string) => actorFor(c.env, userId);

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
  errors: { 403: ["turnstile_failed"], 409: ["email_taken"], 429: ["rate_limited"] },
});

const loginRoute = defineRoute({
  method: "post",
  path: "/login",
  operationId: "logIn",
  tags: ["auth"],
  summary: "Exchange email and password for tokens",
  description:
    "A wrong password and an unknown email get the same 401 `invalid_credentials`. Guessing is " +
    "slowed, never locked out: 5 failures per email and IP in 15 minutes, then that IP waits; " +
    "after 10 failures per email from anywhere, each further attempt waits a doubling delay " +
    "of at most a minute. A correct password of a suspended account gets 403.",
  request: {
    body: jsonBody(LoginBody, { email: "sam@example.com", password: "correct-horse-42" }),
  },
  responses: {
    200: jsonResponse(AuthResponseSchema, "Logged in.", { user: USER, ...TOKEN_PAIR }),
  },
  errors: {
    401: ["invalid_credentials"],
    403: ["account_suspended", "turnstile_failed"],
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
  summary: "Revoke the refresh token family of this login",
  description:
    "Revokes the refresh token and every token rotated from it. Another user's token is ignored. " +
    "The access token stays valid until it expires; drop it.",
  security: bearerSecurity,
  middleware: [requireUser()] as const,
  request: { body: jsonBody(RefreshBody, { refresh_token: TOKEN_PAIR.refresh_token }) },
  responses: { 204: { description: "Logged out." } },
});

const PASSWORD_ONLY = {
  409: ["external_account"] as const,
};

const changePasswordRoute = defineRoute({
  method: "post",
  path: "/password/change",
  operationId: "changePassword",
  tags: ["auth"],
  summary: "Change the password; every other device is signed out",
  description:
    "Needs the current password. Answers a new token pair for this device; every refresh " +
    "token of every other login is revoked, and the address gets a notice.",
  security: bearerSecurity,
  middleware: [requireUser()] as const,
  request: {
    body: jsonBody(PasswordChangeBody, {
      current_password: "correct-horse-42",
      new_password: "battery-staple-77",
    }),
  },
  responses: { 200: jsonResponse(TokenPairSchema, "Changed; tokens for this device.", TOKEN_PAIR) },
  errors: { 403: ["wrong_password"], ...PASSWORD_ONLY },
});

const forgotPasswordRoute = defineRoute({
  method: "post",
  path: "/password/forgot",
  operationId: "requestPasswordReset",
  tags: ["auth"],
  summary: "Send a password reset link to an address",
  description:
    "Always 202 with the same body, known address or not (no account enumeration). A known " +
    "password account gets an email with a single-use link valid for 30 minutes. Limited per " +
    "email and per client IP.",
  request: { body: jsonBody(ForgotPasswordBody, { email: "sam@example.com" }) },
  responses: {
    202: jsonResponse(AcceptedSchema, "Sent if the address is known.", { status: "sent" }),
  },
  errors: { 403: ["turnstile_failed"], 429: ["rate_limited"] },
});

const resetPasswordRoute = defineRoute({
  method: "post",
  path: "/password/reset",
  operationId: "resetPassword",
  tags: ["auth"],
  summary: "Set a new password with the token from the reset email",
  description:
    "The token works once, for 30 minutes. Every refresh token of the account is revoked: " +
    "sign in again with the new password. Limited per client IP.",
  request: {
    body: jsonBody(ResetPasswordBody, {
      token: "Q2F0Y2hBc0NhdGNoQ2FuUmVzZXRUb2tlbjAxMjM0NTY",
      new_password: "battery-staple-77",
    }),
  },
  responses: { 204: { description: "The password is changed." } },
  errors: { 400: ["invalid_reset_token"], 429: ["rate_limited"] },
});

const sendVerificationRoute = defineRoute({
  method: "post",
  path: "/email/verification",
  operationId: "sendEmailVerification",
  tags: ["auth"],
  summary: "Send (again) the link that verifies the account's email",
  description: "Signup sends one already; this sends a fresh one (earlier links stop working).",
  security: bearerSecurity,
  middleware: [requireUser()] as const,
  responses: { 202: jsonResponse(AcceptedSchema, "Sent.", { status: "sent" }) },
  errors: { 409: ["email_already_verified", "external_account"] },
});

const verifyEmailRoute = defineRoute({
  method: "post",
  path: "/email/verify",
  operationId: "verifyEmail",
  tags: ["auth"],
  summary: "Verify an address with the token from its email",
  description:
    "Marks the account's email verified; for a pending email change (PATCH /v1/me), the new " +
    "address replaces the old one now. The token works once.",
  request: {
    body: jsonBody(VerifyEmailBody, { token: "VmVyaWZ5TWVQbGVhc2VUaGlzSXNBVG9rZW4wMTIzNDU2" }),
  },
  responses: { 200: jsonResponse(UserSchema, "Verified.", { ...USER, email_verified: true }) },
  errors: { 400: ["invalid_verification_token"], 409: ["email_taken"] },
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
    await requireTurnstile(c, body.turnstile_token);
    const db = database(c.env.DB);
    const created = await createUserWithPassword(db, {
      email,
      name: body.name ?? null,
      passwordHash: await hashPassword(body.password),
    });
    if (created === "email_taken")
      throw conflict("email_taken", "An account with this email already exists.");
    const tokens = await issueTokenPair(db, c.get("config"), created);
    c.get("log").info("user_signed_up", { user_id: created.id });
    sendLater(c, () => sendVerification(c, { id: created.id, email }), "signup_verification");
    return c.json({ user: toUserRecord(created), ...tokens }, 201);
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
    // Same message and one PBKDF2 run on both failure paths: no account enumeration.
    const passwordOk = login
      ? await verifyPassword(body.password, login.passwordHash)
      : await burnPasswordCheck(body.password).then(() => false);
    if (!login || !passwordOk) {
      await recordLoginFailure(c, email, ip);
      c.get("log").info("login_failed", {
        user_id: login?.user.id,
        reason: login ? "bad_password" : "unknown_email",
      });
      throw unauthorized("Wrong email or password.", "invalid_credentials");
    }
    await recordLoginSuccess(c, email, ip);
    if (login.user.accountStatus !== "active") throw closedAccountError(login.user.accountStatus);
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
      throw unauthorized(
        "The refresh token is invalid or expired. Log in again.",
        "invalid_refresh_token",
      );
    }
    const status = await accountStatusOf(c.env, result.userId);
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
    const db = database(c.env.DB);
    // Only the caller's own token family is revoked; someone else's token is ignored.
    const owner = await revokeRefreshTokenFamily(db, body.refresh_token, c.get("userId"));
    c.get("log").info("user_logged_out", { revoked: owner !== null });
    return c.body(null, 204);
  })
  .openapi(changePasswordRoute, async (c) => {
    const body = c.req.valid("json");
    const userId = c.get("userId");
    const db = database(c.env.DB);
    const hash = await findPasswordHash(db, userId);
    if (!hash) throw externalAccount();
    if (!(await verifyPassword(body.current_password, hash)))
      throw new ApiError("wrong_password", "The current password is not right.");
    await setPassword(db, userId, await hashPassword(body.new_password));
    await revokeAllRefreshTokens(db, userId, new Date().toISOString());
    const user = await findUserById(db, userId);
    const tokens = await issueTokenPair(db, c.get("config"), {
      id: userId,
      role: user?.role ?? "user",
    });
    if (user?.email) sendNotice(c, passwordChangedNotice(user.email));
    c.get("log").info("password_changed");
    return c.json(tokens, 200);
  })
  .openapi(forgotPasswordRoute, async (c) => {
    const body = c.req.valid("json");
    const email = normaliseEmail(body.email);
    await enforceRateLimit(
      c,
      [`forgot:ip:${clientIp(c)}`, `forgot:email:${email}`],
      c.get("config").AUTH_RATE_LIMIT_PER_MINUTE,
    );
    await requireTurnstile(c, body.turnstile_token);
    // Even the lookup happens after the answer, so a known and an unknown address take the
    // same path up to the 202 and cannot be told apart by timing.
    sendLater(
      c,
      async () => {
        const login = await findLoginByEmail(database(c.env.DB), email);
        const known = login !== null && login.user.accountStatus === "active";
        c.get("log").info("password_reset_requested", { known });
        if (known) await sendPasswordReset(c, { id: login.user.id, email });
      },
      "password_reset",
    );
    return c.json({ status: "sent" as const }, 202);
  })
  .openapi(resetPasswordRoute, async (c) => {
    const body = c.req.valid("json");
    await enforceRateLimit(
      c,
      [`reset:ip:${clientIp(c)}`],
      c.get("config").AUTH_RATE_LIMIT_PER_MINUTE,
    );
    const db = database(c.env.DB);
    const spent = await spendAccountToken(db, "password_reset", body.token);
    const user = spent ? await findUserById(db, spent.userId) : null;
    if (!spent || !user || user.accountStatus !== "active" || user.email !== spent.email)
      throw new ApiError(
        "invalid_reset_token",
        "This reset link is invalid or expired. Ask for a new one.",
      );
    await setPassword(db, user.id, await hashPassword(body.new_password));
    await revokeAllRefreshTokens(db, user.id, new Date().toISOString());
    c.get("log").info("password_reset", { user_id: user.id });
    return c.body(null, 204);
  })
  .openapi(sendVerificationRoute, async (c) => {
    const user = await findUserById(database(c.env.DB), c.get("userId"));
    if (!user?.email || !(await findPasswordHash(database(c.env.DB), user.id)))
      throw externalAccount();
    if (user.emailVerified)
      throw new ApiError("email_already_verified", "This address is already verified.");
    const email = user.email;
    sendLater(c, () => sendVerification(c, { id: user.id, email }), "email_verification");
    return c.json({ status: "sent" as const }, 202);
  })
  .openapi(verifyEmailRoute, async (c) => {
    const { token } = c.req.valid("json");
    const db = database(c.env.DB);
    const invalid = () =>
      new ApiError(
        "invalid_verification_token",
        "This link is invalid or expired. Ask for a new one.",
      );
    const spent =
      (await spendAccountToken(db, "email_verification", token)) ??
      (await spendAccountToken(db, "email_change", token));
    if (!spent) throw invalid();
    if (spent.kind === "email_change") {
      const changed = await applyEmailChange(db, spent.userId, spent.email);
      if (changed === "email_taken")
        throw conflict("email_taken", "Another account took this address meanwhile.");
      if (!changed) throw invalid();
      await userActorOf(c, spent.userId).accountChanged(spent.userId);
      c.get("log").info("email_changed", { user_id: spent.userId });
      return c.json(toUserRecord(changed), 200);
    }
    const verified = await markEmailVerified(db, spent.userId, spent.email);
    if (!verified) throw invalid();
    await userActorOf(c, spent.userId).accountChanged(spent.userId);
    c.get("log").info("email_verified", { user_id: spent.userId });
    return c.json(toUserRecord(verified), 200);
  });
