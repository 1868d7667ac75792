import { z } from "@hono/zod-openapi";
import { countPrograms, searchUsers } from "../../d1/admin-users";
import { database } from "../../d1/client";
import type { UserRow } from "../../d1/schema";
import { findUserById } from "../../d1/users";
import { actorFor } from "../actor";
import { audit } from "../admin/audit";
import { remember } from "../auth/account-status";
import { notFound, unwrap } from "../errors";
import { requireAdmin } from "../middleware/admin";
import {
  AdminUserDetailSchema,
  AdminUserListSchema,
  OptionalReasonBody,
  ReasonBody,
  USER_DETAIL,
  USER_LIST,
  UserIdParam,
  UserSearchQuery,
} from "./admin.schemas";
import { bearerSecurity, jsonBody, jsonResponse } from "./common.schemas";
import { defineRoute } from "./define-route";
import { routeGroup } from "./route-group";

const adminOnly = requireAdmin();
const base = { tags: ["admin-users"] as ["admin-users"], security: bearerSecurity };
const ADMIN_ONLY = { 403: ["forbidden"] } as const;

const searchRoute = defineRoute({
  ...base,
  middleware: [adminOnly] as const,
  method: "get",
  path: "/",
  operationId: "adminSearchUsers",
  summary: "Find users by id or email",
  description:
    "`q` is a user id (exact) or the start of an email address (case-insensitive). The audit " +
    "records the ids found, not `q`.",
  request: { query: UserSearchQuery },
  responses: { 200: jsonResponse(AdminUserListSchema, "The matching users, by email.", USER_LIST) },
  errors: ADMIN_ONLY,
});

const viewRoute = defineRoute({
  ...base,
  middleware: [adminOnly] as const,
  method: "get",
  path: "/{id}",
  operationId: "adminGetUser",
  summary: "A user's status and counts",
  description:
    "The account (status, role, onboarding) and how many programs, sessions, sets and meals " +
    "it holds. Never the profile, weights, injuries or logs themselves.",
  request: { params: UserIdParam },
  responses: { 200: jsonResponse(AdminUserDetailSchema, "The user.", USER_DETAIL) },
  errors: { ...ADMIN_ONLY, 404: ["user_not_found"] },
});

const suspendRoute = defineRoute({
  ...base,
  middleware: [adminOnly] as const,
  method: "post",
  path: "/{id}/suspend",
  operationId: "adminSuspendUser",
  summary: "Suspend a user",
  description:
    "Through the user's actor: from the answer on, the user's tokens get 403 " +
    "`account_suspended` (other isolates within seconds), login and refresh are refused and " +
    "the user's sockets are closed. Nothing is deleted. Reinstated, the user signs in again: " +
    "the suspension ended every session. The last active admin cannot be suspended (409 " +
    "`last_admin`: make another admin first).",
  request: { params: UserIdParam, body: jsonBody(ReasonBody, { reason: "Ticket 4411: abuse" }) },
  responses: {
    200: jsonResponse(AdminUserDetailSchema, "The user, suspended.", {
      ...USER_DETAIL,
      account_status: "suspended",
    }),
  },
  errors: { ...ADMIN_ONLY, 404: ["user_not_found"], 409: ["last_admin"] },
});

const unsuspendRoute = defineRoute({
  ...base,
  middleware: [adminOnly] as const,
  method: "post",
  path: "/{id}/unsuspend",
  operationId: "adminUnsuspendUser",
  summary: "Reinstate a suspended user",
  description: "The account is active again; the user's tokens work as before.",
  request: {
    params: UserIdParam,
    body: jsonBody(OptionalReasonBody, { reason: "Ticket 4411 resolved" }),
  },
  responses: { 200: jsonResponse(AdminUserDetailSchema, "The user, active.", USER_DETAIL) },
  errors: { ...ADMIN_ONLY, 404: ["user_not_found"] },
});

const deleteRoute = defineRoute({
  ...base,
  middleware: [adminOnly] as const,
  method: "post",
  path: "/{id}/delete",
  operationId: "adminDeleteUser",
  summary: "Delete a user's account on their request",
  description:
    "The same deletion as `DELETE /v1/me`, through the user's actor (a suspended account too): " +
    "every token refused, all data erased, a tombstone left.",
  request: {
    params: UserIdParam,
    body: jsonBody(ReasonBody, { reason: "Deletion requested by email, ticket 5120" }),
  },
  responses: {
    200: jsonResponse(
      z.object({ status: z.literal("deleted"), erased: z.boolean() }).openapi("AdminUserDeleted"),
      "Deleted (erased false: the actor finishes erasing on its alarm).",
      { status: "deleted", erased: true },
    ),
  },
  errors: { ...ADMIN_ONLY, 404: ["user_not_found"] },
});

function toAdminUser(row: UserRow) {
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    account_status: row.accountStatus,
    email_verified: row.emailVerified,
    onboarding_completed: row.onboardingCompleted,
    created_at: row.createdAt,
    deleted_at: row.deletedAt,
  };
}

async function detail(env: Env, userId: string) {
  const db = database(env.DB);
  const row = await findUserById(db, userId);
  if (!row) throw notFound("No user with this id.", "user_not_found");
  // A deleted account's actor storage is erased: nothing to count, and no call to wake it.
  const deleted = row.accountStatus === "deleted";
  const [programs, logs, notifications] = await Promise.all([
    countPrograms(db, userId),
    deleted
      ? { workout_sessions: 0, workout_sets: 0, meal_logs: 0 }
      : actorFor(env, userId).operator.logCounts(),
    deleted
      ? { reminders: {}, receipt_errors: {} }
      : actorFor(env, userId).operator.deliveryCounts(),
  ]);
  return { ...toAdminUser(row), counts: { programs, ...logs }, notifications };
}

/** The account if it is not deleted: suspending or deleting a tombstone means nothing. */
export async function openAccount(db: ReturnType<typeof database>, userId: string) {
  const row = await findUserById(db, userId);
  if (!row || row.accountStatus === "deleted")
    throw notFound("No open account with this id.", "user_not_found");
  return row;
}

export const adminUserRoutes = routeGroup()
  .openapi(searchRoute, async (c) => {
    const { q, limit } = c.req.valid("query");
    const rows = await searchUsers(database(c.env.DB), q, limit);
    // The audit names whom the search found, by id: never the address typed (personal data
    // that would outlive the account's deletion).
    await audit(c, {
      action: "users.search",
      target: rows.length > 0 ? rows.map((row) => row.id).join(",") : null,
    });
    return c.json({ items: rows.map(toAdminUser) }, 200);
  })
  .openapi(viewRoute, async (c) => {
    const { id } = c.req.valid("param");
    const user = await detail(c.env, id);
    await audit(c, { action: "users.view", targetUserId: id });
    return c.json(user, 200);
  })
  .openapi(suspendRoute, async (c) => {
    const { id } = c.req.valid("param");
    const { reason } = c.req.valid("json");
    const db = database(c.env.DB);
    await openAccount(db, id);
    remember(id, unwrap(await actorFor(c.env, id).operator.setSuspended(true)));
    await audit(c, { action: "users.suspend", targetUserId: id, reason });
    return c.json(await detail(c.env, id), 200);
  })
  .openapi(unsuspendRoute, async (c) => {
    const { id } = c.req.valid("param");
    const { reason } = c.req.valid("json");
    const db = database(c.env.DB);
    await openAccount(db, id);
    remember(id, unwrap(await actorFor(c.env, id).operator.setSuspended(false)));
    await audit(c, { action: "users.unsuspend", targetUserId: id, reason: reason ?? null });
    return c.json(await detail(c.env, id), 200);
  })
  .openapi(deleteRoute, async (c) => {
    const { id } = c.req.valid("param");
    const { reason } = c.req.valid("json");
    await openAccount(database(c.env.DB), id);
    const result = await actorFor(c.env, id).operator.deleteAccount();
    remember(id, { status: "deleted", sessionEpoch: Date.now() });
    await audit(c, { action: "users.delete", targetUserId: id, reason });
    return c.json({ status: "deleted" as const, erased: result.completed }, 200);
  });
