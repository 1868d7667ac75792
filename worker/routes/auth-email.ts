import { spendAccountToken } from "../../d1/account-tokens";
import { database } from "../../d1/client";
import { toUserRecord } from "../../d1/user-record";
import {
  applyEmailChange,
  findPasswordHash,
  findUserById,
  markEmailVerified,
  setPendingEmail,
} from "../../d1/users";
import { actorFor } from "../actor";
import { sendLater, sendVerification } from "../auth/account-email";
import { ApiError, conflict } from "../errors";
import { requireUser } from "../middleware/auth";
import { AcceptedSchema, EmailLinkBody, UserSchema } from "./auth.schemas";
import { bearerSecurity, jsonBody, jsonResponse } from "./common.schemas";
import { defineRoute } from "./define-route";
import { USER } from "./examples";
import { routeGroup } from "./route-group";

// /v1/auth/email: verifying the account's address, and confirming or cancelling a change of
// it, each by the single-use link the API mailed.

const sendVerificationRoute = defineRoute({
  method: "post",
  path: "/verification",
  operationId: "sendEmailVerification",
  tags: ["auth"],
  summary: "Send (again) the link that verifies the account's email",
  description:
    "Signup sends one already; this sends a fresh one (earlier links stop working). Voice, " +
    "chat, more than PROGRAM_JOBS_PER_DAY_UNVERIFIED (2) program jobs a day and an email " +
    "change need a verified address (403 `email_not_verified`).",
  security: bearerSecurity,
  middleware: [requireUser()] as const,
  responses: { 202: jsonResponse(AcceptedSchema, "Sent.", { status: "sent" }) },
  errors: { 409: ["email_already_verified", "external_account"] },
});

const verifyEmailRoute = defineRoute({
  method: "post",
  path: "/verify",
  operationId: "verifyEmail",
  tags: ["auth"],
  summary: "Verify an address with the token from its email",
  description:
    "Marks the account's email verified; for a pending email change (PATCH /v1/me), the new " +
    "address replaces the old one now, unless the change was cancelled or replaced since. The " +
    "token works once.",
  request: {
    body: jsonBody(EmailLinkBody, { token: "VmVyaWZ5TWVQbGVhc2VUaGlzSXNBVG9rZW4wMTIzNDU2" }),
  },
  responses: { 200: jsonResponse(UserSchema, "Verified.", { ...USER, email_verified: true }) },
  errors: { 400: ["invalid_verification_token"], 409: ["email_taken"] },
});

const cancelEmailChangeRoute = defineRoute({
  method: "post",
  path: "/cancel",
  operationId: "cancelEmailChange",
  tags: ["auth"],
  summary: "Cancel a pending email change with the link from the notice to the old address",
  description:
    "The notice an email change sends to the account's current address carries this link: " +
    "the change is dropped and its confirmation link stops working. The token works once, as " +
    "long as the confirmation link would have.",
  request: {
    body: jsonBody(EmailLinkBody, { token: "Q2FuY2VsVGhpc0NoYW5nZVBsZWFzZTAxMjM0NTY3ODkw" }),
  },
  responses: { 204: { description: "The change is cancelled." } },
  errors: { 400: ["invalid_cancel_token"] },
});

const invalidVerification = () =>
  new ApiError("invalid_verification_token", "This link is invalid or expired. Ask for a new one.");

export const authEmailRoutes = routeGroup()
  .openapi(sendVerificationRoute, async (c) => {
    const user = await findUserById(database(c.env.DB), c.get("userId"));
    if (!user?.email || !(await findPasswordHash(database(c.env.DB), user.id)))
      throw new ApiError(
        "external_account",
        "This account signs in with your identity provider, which manages its email.",
      );
    if (user.emailVerified)
      throw new ApiError("email_already_verified", "This address is already verified.");
    const email = user.email;
    sendLater(c, () => sendVerification(c, { id: user.id, email }), "email_verification");
    return c.json({ status: "sent" as const }, 202);
  })
  .openapi(verifyEmailRoute, async (c) => {
    const { token } = c.req.valid("json");
    const db = database(c.env.DB);
    const spent =
      (await spendAccountToken(db, "email_verification", token)) ??
      (await spendAccountToken(db, "email_change", token));
    if (!spent) throw invalidVerification();
    if (spent.kind === "email_change") {
      const changed = await applyEmailChange(db, spent.userId, spent.email);
      if (changed === "email_taken")
        throw conflict("email_taken", "Another account took this address meanwhile.");
      if (!changed) throw invalidVerification();
      await actorFor(c.env, spent.userId).account.changed();
      c.get("log").info("email_changed", { user_id: spent.userId });
      return c.json(toUserRecord(changed), 200);
    }
    const verified = await markEmailVerified(db, spent.userId, spent.email);
    if (!verified) throw invalidVerification();
    await actorFor(c.env, spent.userId).account.changed();
    c.get("log").info("email_verified", { user_id: spent.userId });
    return c.json(toUserRecord(verified), 200);
  })
  .openapi(cancelEmailChangeRoute, async (c) => {
    const { token } = c.req.valid("json");
    const db = database(c.env.DB);
    const spent = await spendAccountToken(db, "email_change_cancel", token);
    const user = spent ? await findUserById(db, spent.userId) : null;
    if (!spent || !user || user.pendingEmail !== spent.email)
      throw new ApiError(
        "invalid_cancel_token",
        "This link is invalid or expired, or the change already happened or was cancelled.",
      );
    await setPendingEmail(db, user.id, null);
    await actorFor(c.env, user.id).account.changed();
    c.get("log").info("email_change_cancelled", { user_id: user.id, by: "link" });
    return c.body(null, 204);
  });
