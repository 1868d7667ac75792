import { database } from "../../d1/client";
import { findIssue, openIssues, resolveIssue } from "../../d1/operator-issues";
import { actorFor } from "../actor";
import { audit } from "../admin/audit";
import { conflict, notFound, unwrap } from "../errors";
import { requireAdmin } from "../middleware/admin";
import {
  FAILED_JOB,
  FailedJobListSchema,
  IssueIdParam,
  IssueListQuery,
  OptionalReasonBody,
  RetriedJobSchema,
} from "./admin.schemas";
import { bearerSecurity, jsonBody, jsonResponse } from "./common.schemas";
import { defineRoute } from "./define-route";
import { JOB } from "./examples";
import { routeGroup } from "./route-group";

// Failed program jobs. The jobs live in each user's actor; the actor also records a failure
// in D1 (operator_issues), which is what is listed here, and a retry goes back to that actor.

const adminOnly = requireAdmin();

const listRoute = defineRoute({
  method: "get",
  path: "/failed",
  operationId: "adminListFailedJobs",
  tags: ["admin-jobs"],
  summary: "Failed program jobs",
  description:
    "Jobs that failed and were not retried yet, newest first, with their error messages.",
  security: bearerSecurity,
  middleware: [adminOnly] as const,
  request: { query: IssueListQuery },
  responses: {
    200: jsonResponse(FailedJobListSchema, "The failed jobs.", { items: [FAILED_JOB] }),
  },
  errors: { 403: ["forbidden"] },
});

const retryRoute = defineRoute({
  method: "post",
  path: "/failed/{id}/retry",
  operationId: "adminRetryFailedJob",
  tags: ["admin-jobs"],
  summary: "Retry a failed program job",
  description:
    "The user's actor queues a new job with the failed one's request (not counted against " +
    "the user's daily quota); the user sees it through the usual job status and events.",
  security: bearerSecurity,
  middleware: [adminOnly] as const,
  request: {
    params: IssueIdParam,
    body: jsonBody(OptionalReasonBody, { reason: "Anthropic outage is over" }),
  },
  responses: {
    200: jsonResponse(RetriedJobSchema, "The new job.", {
      retry_of: FAILED_JOB.job_id,
      job: { ...JOB, status: "pending", progress: 0, stage: "queued", program_id: null },
    }),
  },
  errors: { 403: ["forbidden"], 404: ["issue_not_found"], 409: ["issue_resolved"] },
});

export const adminJobRoutes = routeGroup()
  .openapi(listRoute, async (c) => {
    const rows = await openIssues(database(c.env.DB), "program_job", c.req.valid("query").limit);
    await audit(c, { action: "jobs.list" });
    return c.json(
      {
        items: rows.map((row) => ({
          id: row.id,
          user_id: row.userId,
          job_id: row.refId,
          error_message: row.error,
          failed_at: row.at,
        })),
      },
      200,
    );
  })
  .openapi(retryRoute, async (c) => {
    const { id } = c.req.valid("param");
    const { reason } = c.req.valid("json");
    const db = database(c.env.DB);
    const issue = await findIssue(db, "program_job", id);
    if (!issue) throw notFound("No failed job with this id.", "issue_not_found");
    if (issue.resolvedAt) throw conflict("issue_resolved", "This job was already retried.");
    const result = await actorFor(c.env, issue.userId).programs.retryFailedJob(issue.refId);
    if (!result.ok && result.error.code === "job_not_found") {
      // The actor no longer has it (the account was reset): nothing left to retry.
      await resolveIssue(db, issue);
      throw conflict("issue_resolved", "The job is gone from the user's actor.");
    }
    const job = unwrap(result);
    await audit(c, {
      action: "jobs.retry",
      targetUserId: issue.userId,
      target: issue.refId,
      reason: reason ?? null,
    });
    return c.json({ retry_of: issue.refId, job }, 200);
  });
