import { z } from "@hono/zod-openapi";
import { userActor } from "../actor";
import { unwrap } from "../errors";
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

const deleteMeRoute = defineRoute({
  method: "delete",
  path: "/",
  operationId: "deleteMe",
  tags: ["auth"],
  summary: "Delete the account (soft delete)",
  description:
    "Marks the account deleted, removes the password, revokes every refresh token and frees " +
    "the email for a new signup. Access tokens already issued stop working at once.",
  security: bearerSecurity,
  middleware: [requireUser()] as const,
  responses: {
    200: jsonResponse(
      z.object({ status: z.literal("deleted") }).openapi("AccountDeleted"),
      "Account deleted.",
      { status: "deleted" },
    ),
  },
  errors: { 401: ["account_not_found"] },
});

export const meRoutes = routeGroup()
  .openapi(getMeRoute, async (c) => {
    // A valid token for a deleted (or never provisioned) user is treated like a bad token.
    return c.json(unwrap(await userActor(c).getUser(c.get("userId"))), 200);
  })
  .openapi(deleteMeRoute, async (c) => {
    const actor = userActor(c);
    unwrap(await actor.getUser(c.get("userId")));
    await actor.deleteAccount(c.get("userId"));
    return c.json({ status: "deleted" as const }, 200);
  });
