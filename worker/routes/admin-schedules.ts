import type { Context } from "hono";
import { database } from "../../d1/client";
import { findIssue, openIssues, resolveIssue } from "../../d1/operator-issues";
import { actorFor } from "../actor";
import { audit } from "../admin/audit";
import type { AppEnv } from "../app-env";
import { conflict, notFound } from "../errors";
import { requireAdmin } from "../middleware/admin";
import {
  IssueIdParam,
  IssueListQuery,
  OptionalReasonBody,
  PARKED,
  ParkedScheduleListSchema,
  ScheduleActionSchema,
} from "./admin.schemas";
import { bearerSecurity, jsonBody, jsonResponse } from "./common.schemas";
import { defineRoute } from "./define-route";
import { routeGroup } from "./route-group";

// Parked schedules: pushes and reminders the user's actor gave up on after its last attempt
// (durable-objects/scheduler/scheduler.ts "park"). Recorded in D1 when parked; retried or dropped by
// RPC to that actor, whose schedules table is the truth.

const adminOnly = requireAdmin();

const listRoute = defineRoute({
  method: "get",
  path: "/parked",
  operationId: "adminListParkedSchedules",
  tags: ["admin-schedules"],
  summary: "Parked schedules",
  description: "Work parked after its last attempt and not yet retried or dropped, newest first.",
  security: bearerSecurity,
  middleware: [adminOnly] as const,
  request: { query: IssueListQuery },
  responses: {
    200: jsonResponse(ParkedScheduleListSchema, "The parked schedules.", { items: [PARKED] }),
  },
  errors: { 403: ["forbidden"] },
});

const actionRoute = (action: "retry" | "drop") =>
  defineRoute({
    method: "post",
    path: `/parked/{id}/${action}`,
    operationId: action === "retry" ? "adminRetryParkedSchedule" : "adminDropParkedSchedule",
    tags: ["admin-schedules"],
    summary: action === "retry" ? "Run a parked schedule again" : "Drop a parked schedule",
    description:
      action === "retry"
        ? "The user's actor runs it again now, with a fresh set of attempts."
        : "The user's actor deletes it; it never runs.",
    security: bearerSecurity,
    middleware: [adminOnly] as const,
    request: {
      params: IssueIdParam,
      body: jsonBody(OptionalReasonBody, { reason: "Expo outage is over" }),
    },
    responses: {
      200: jsonResponse(ScheduleActionSchema, "Done.", {
        id: PARKED.id,
        key: PARKED.key,
        outcome: action === "retry" ? "retried" : "dropped",
      }),
    },
    errors: { 403: ["forbidden"], 404: ["issue_not_found"], 409: ["issue_resolved"] },
  });

const retryRoute = actionRoute("retry");
const dropRoute = actionRoute("drop");

async function act(
  c: Context<AppEnv>,
  id: string,
  reason: string | undefined,
  action: "retry" | "drop",
) {
  const db = database(c.env.DB);
  const issue = await findIssue(db, "parked_schedule", id);
  if (!issue) throw notFound("No parked schedule with this id.", "issue_not_found");
  if (issue.resolvedAt)
    throw conflict("issue_resolved", "This schedule was already retried or dropped.");
  const { reminders } = actorFor(c.env, issue.userId);
  const found =
    action === "retry"
      ? await reminders.retryParked(issue.refId)
      : await reminders.dropParked(issue.refId);
  if (!found) {
    // Re-planned or cancelled in the actor since: nothing is parked under that key any more.
    await resolveIssue(db, issue);
    throw conflict("issue_resolved", "Nothing is parked under this key any more.");
  }
  await audit(c, {
    action: `schedules.${action}`,
    targetUserId: issue.userId,
    target: issue.refId,
    reason: reason ?? null,
  });
  return {
    id: issue.id,
    key: issue.refId,
    outcome: action === "retry" ? ("retried" as const) : ("dropped" as const),
  };
}

export const adminScheduleRoutes = routeGroup()
  .openapi(listRoute, async (c) => {
    const rows = await openIssues(
      database(c.env.DB),
      "parked_schedule",
      c.req.valid("query").limit,
    );
    await audit(c, { action: "schedules.list" });
    return c.json(
      {
        items: rows.map((row) => ({
          id: row.id,
          user_id: row.userId,
          key: row.refId,
          reason: row.error,
          parked_at: row.at,
        })),
      },
      200,
    );
  })
  .openapi(retryRoute, async (c) =>
    c.json(await act(c, c.req.valid("param").id, c.req.valid("json").reason, "retry"), 200),
  )
  .openapi(dropRoute, async (c) =>
    c.json(await act(c, c.req.valid("param").id, c.req.valid("json").reason, "drop"), 200),
  );
