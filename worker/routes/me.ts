import { z } from "@hono/zod-openapi";
import { userActor } from "../actor";
import { remember } from "../auth/account-status";
import { verifyPassword } from "../auth/passwords";
import { database } from "../db/client";
import { findPasswordHash } from "../db/users";
import { ApiError, unwrap } from "../errors";
import { requireUser } from "../middleware/auth";
import { UserSchema } from "./auth.schemas";
import { bearerSecurity, jsonResponse } from "./common.schemas";
import { defineRoute } from "./define-route";
import { USER } from "./examples";
import { routeGroup } from "./route-group";

const getMeRoute = defineRoute({
  method: "get",
  path: "/",
  operationId: "getMe",
  tags: ["auth"],
  summary: "The signed-in user, with onboarding status",
  description: "The account behind the access token: email, name, status and onboarding state.",
  security: bearerSecurity,
  middleware: [requireUser()] as const,
  responses: { 200: jsonResponse(UserSchema, "The user.", USER) },
  errors: { 401: ["account_not_found"] },
});

const DeleteBody = z
  .object({
    password: z.string().min(1).max(1024).optional().openapi({
      description: "For password accounts: confirms the deletion (403 when wrong).",
    }),
  })
  .strict()
  .openapi("AccountDeletion");

const deleteMeRoute = defineRoute({
  method: "delete",
  path: "/",
  operationId: "deleteMe",
  tags: ["auth"],
  summary: "Delete the account and everything held about the user",
  description:
    "From the answer on, every token of the account is refused (401 `account_deleted`), " +
    "refresh and login fail, its live voice rooms and sockets are closed, nothing more is " +
    "pushed, and the email is free for a new signup. All of the user's data (profile, " +
    "programs, logs, voice history, chat, notifications, devices) is erased; only a tombstone " +
    "without personal data remains. If a step cannot finish at once (LiveKit unreachable), " +
    "the actor finishes it on its alarm.",
  security: bearerSecurity,
  middleware: [requireUser()] as const,
  request: {
    body: {
      required: false,
      content: {
        "application/json": { schema: DeleteBody, example: { password: "correct-horse-42" } },
      },
    },
  },
  responses: {
    200: jsonResponse(
      z
        .object({
          status: z.literal("deleted"),
          erased: z.boolean().openapi({
            description:
              "All data is erased (false: the account is closed and erasure resumes shortly).",
          }),
        })
        .openapi("AccountDeleted"),
      "Account deleted.",
      { status: "deleted", erased: true },
    ),
  },
  errors: { 400: ["bad_request"], 413: ["payload_too_large"], 403: ["wrong_password"] },
});

export const meRoutes = routeGroup()
  .openapi(getMeRoute, async (c) => {
    // A valid token for a deleted (or never provisioned) user is treated like a bad token.
    return c.json(unwrap(await userActor(c).getUser(c.get("userId"))), 200);
  })
  .openapi(deleteMeRoute, async (c) => {
    const userId = c.get("userId");
    const { password } = c.req.valid("json") ?? {};
    if (password !== undefined) {
      const hash = await findPasswordHash(database(c.env.DB), userId);
      if (hash && !(await verifyPassword(password, hash)))
        throw new ApiError("wrong_password", "That password is not this account's.");
    }
    const { completed } = await userActor(c).deleteAccount(userId);
    remember(userId, "deleted");
    c.get("log").info("account_deletion_requested", { erased: completed });
    return c.json({ status: "deleted" as const, erased: completed }, 200);
  });
