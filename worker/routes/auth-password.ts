import type { Context } from "hono";
import { spendAccountToken } from "../../d1/account-tokens";
import { database } from "../../d1/client";
import {
  findLoginByEmail,
  findLoginById,
  findUserById,
  normaliseEmail,
  replacePassword,
} from "../../d1/users";
import { actorFor } from "../actor";
import type { AppEnv } from "../app-env";
import { emailLocale, sendLater, sendNotice, sendPasswordReset } from "../auth/account-email";
import { remember } from "../auth/account-status";
import { confirmPassword } from "../auth/login-guard";
import { hashPassword } from "../auth/passwords";
import { issueTokenPair } from "../auth/sessions";
import { requireTurnstile } from "../auth/turnstile";
import { passwordChangedNotice } from "../email/messages";
import { ApiError } from "../errors";
import { requireUser } from "../middleware/auth";
import { clientIp, enforceRateLimit } from "../middleware/rate-limit";
import {
  AcceptedSchema,
  ForgotPasswordBody,
  PasswordChangeBody,
  ResetPasswordBody,
  TokenPairSchema,
} from "./auth.schemas";
import { bearerSecurity, jsonBody, jsonResponse } from "./common.schemas";
import { defineRoute } from "./define-route";
import { TOKEN_PAIR } from "./examples";
import { routeGroup } from "./route-group";

// /v1/auth/password: changing it, and recovering it by email. A new password ends everything
// that relied on the old one: every session (refresh tokens revoked, access tokens refused
// through the actor's session epoch), a pending email change, every emailed link.

const changePasswordRoute = defineRoute({
  method: "post",
  path: "/change",
  operationId: "changePassword",
  tags: ["auth"],
  summary: "Change the password; every other device is signed out",
  description:
    "Needs the current password, checked through the login guard (wrong ones count with the " +
    "login's: 429 after 5 from an IP). Answers a new token pair for this device; every other " +
    "session ends (refresh tokens revoked, access tokens refused within seconds), a pending " +
    "email change and every emailed link are void, and the address gets a notice.",
  security: bearerSecurity,
  middleware: [requireUser()] as const,
  request: {
    body: jsonBody(PasswordChangeBody, {
      current_password: "correct-horse-42",
      new_password: "battery-staple-77",
    }),
  },
  responses: { 200: jsonResponse(TokenPairSchema, "Changed; tokens for this device.", TOKEN_PAIR) },
  errors: { 403: ["wrong_password"], 409: ["external_account"], 429: ["rate_limited"] },
});

const forgotPasswordRoute = defineRoute({
  method: "post",
  path: "/forgot",
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
  path: "/reset",
  operationId: "resetPassword",
  tags: ["auth"],
  summary: "Set a new password with the token from the reset email",
  description:
    "The token works once, for 30 minutes. Every session of the account ends (refresh tokens " +
    "revoked, access tokens refused within seconds): sign in again with the new password. A " +
    "pending email change and every other emailed link are void. The reset proves the " +
    "address, so it is verified. Limited per client IP.",
  request: {
    body: jsonBody(ResetPasswordBody, {
      token: "Q2F0Y2hBc0NhdGNoQ2FuUmVzZXRUb2tlbjAxMjM0NTY",
      new_password: "battery-staple-77",
    }),
  },
  responses: { 204: { description: "The password is changed." } },
  errors: { 400: ["invalid_reset_token"], 429: ["rate_limited"] },
});

/**
 * The account's new password is in D1: every session issued before now ends. This isolate
 * refuses the old access tokens at once, the others within the status cache's bound.
 */
async function endSessions(c: Context<AppEnv>, userId: string): Promise<void> {
  const access = await actorFor(c.env, userId).account.endSessions(Date.now());
  remember(userId, access);
}

export const authPasswordRoutes = routeGroup()
  .openapi(changePasswordRoute, async (c) => {
    const body = c.req.valid("json");
    const userId = c.get("userId");
    const db = database(c.env.DB);
    const login = await findLoginById(db, userId);
    if (!login?.user.email)
      throw new ApiError(
        "external_account",
        "This account signs in with your identity provider, which manages its password.",
      );
    const email = login.user.email;
    await confirmPassword(c, { email, passwordHash: login.passwordHash }, body.current_password);
    await replacePassword(db, userId, await hashPassword(body.new_password));
    await endSessions(c, userId);
    const tokens = await issueTokenPair(db, c.get("config"), login.user);
    sendNotice(c, passwordChangedNotice(emailLocale(c), email));
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
    await replacePassword(db, user.id, await hashPassword(body.new_password), {
      verifiesEmail: true,
    });
    await endSessions(c, user.id);
    c.get("log").info("password_reset", { user_id: user.id });
    return c.body(null, 204);
  });
