import { database } from "../../d1/client";
import { findProgram, listPrograms } from "../../d1/programs";
import { userActor } from "../actor";
import { notFound, unwrap } from "../errors";
import { requireUser } from "../middleware/auth";
import { bearerSecurity, jsonBody, jsonResponse } from "./common.schemas";
import { defineRoute } from "./define-route";
import { JOB, JOB_ID, PROGRAM, PROGRAM_SUMMARY } from "./examples";
import { parseCursor } from "./pagination";
import {
  AcceptedSchema,
  GenerateBody,
  IdempotencyHeader,
  JobIdParam,
  JobSchema,
  ProgramIdParam,
  ProgramListQuery,
  ProgramListSchema,
  ProgramSchema,
} from "./programs.schemas";
import { routeGroup } from "./route-group";

const auth = { security: bearerSecurity, middleware: [requireUser()] };

const generateRoute = defineRoute({
  method: "post",
  path: "/generate",
  operationId: "generateProgram",
  tags: ["programs"],
  summary: "Start generating a program in the background",
  description:
    "Answers 202 at once with the job and its status URL in `Location`; follow the job with " +
    "GET /v1/programs/status/{job_id} or the `job.*` events on /v1/realtime. Fields not sent " +
    "come from the profile. An identical request while its job is pending or running returns " +
    "that job; so does a repeated Idempotency-Key (with a different body: 422). One job runs at " +
    "a time per user; others queue. At most PROGRAM_JOBS_PER_DAY (10) new jobs in any 24 " +
    "hours, PROGRAM_JOBS_PER_DAY_UNVERIFIED (2) while the account's email is not verified " +
    "(429 `program_quota_exceeded` with Retry-After).",
  ...auth,
  request: {
    headers: IdempotencyHeader,
    body: jsonBody(GenerateBody, { duration_weeks: 8, days_per_week: 4 }),
  },
  responses: {
    202: jsonResponse(AcceptedSchema, "Accepted (or the existing job for the same request).", {
      job_id: JOB_ID,
      status: "pending",
      message: "Generating your program. Follow its progress at the status URL.",
    }),
  },
  successHeaders: { 202: ["Location"] },
  errors: {
    404: ["profile_not_found"],
    409: ["onboarding_incomplete"],
    422: ["idempotency_key_reused"],
    429: ["program_quota_exceeded"],
  },
});

const statusRoute = defineRoute({
  method: "get",
  path: "/status/{job_id}",
  operationId: "getProgramJob",
  tags: ["programs"],
  summary: "A generation job's status and progress",
  description:
    "Stages: queued, validate, build, personalise, store, complete. `program_id` is set once " +
    "the job completed; `error_message` says why a failed job failed.",
  ...auth,
  request: { params: JobIdParam },
  responses: { 200: jsonResponse(JobSchema, "The job.", JOB) },
  errors: { 404: ["job_not_found"] },
});

const listRoute = defineRoute({
  method: "get",
  path: "/",
  operationId: "listPrograms",
  tags: ["programs"],
  summary: "The user's programs, newest first",
  description: "Summaries without the weeks; GET /v1/programs/{program_id} has the whole program.",
  ...auth,
  request: { query: ProgramListQuery },
  responses: {
    200: jsonResponse(ProgramListSchema, "A page of programs.", {
      items: [PROGRAM_SUMMARY],
      next_cursor: null,
    }),
  },
});

const currentRoute = defineRoute({
  method: "get",
  path: "/current",
  operationId: "getCurrentProgram",
  tags: ["programs"],
  summary: "The active program, whole",
  description: "The program being followed, with its weeks, days and exercises.",
  ...auth,
  responses: { 200: jsonResponse(ProgramSchema, "The active program.", PROGRAM) },
  errors: { 404: ["program_not_found"] },
});

const getRoute = defineRoute({
  method: "get",
  path: "/{program_id}",
  operationId: "getProgram",
  tags: ["programs"],
  summary: "One program with its weeks, days and exercises",
  description: "Any of the user's programs, active or not.",
  ...auth,
  request: { params: ProgramIdParam },
  responses: { 200: jsonResponse(ProgramSchema, "The program.", PROGRAM) },
  errors: { 404: ["program_not_found"] },
});

const activateRoute = defineRoute({
  method: "post",
  path: "/{program_id}/activate",
  operationId: "activateProgram",
  tags: ["programs"],
  summary: "Make a program the current one, starting this week",
  description:
    "The program becomes the active one (the previous one is deactivated); week 1 is the " +
    "current calendar week in the user's timezone.",
  ...auth,
  request: { params: ProgramIdParam },
  responses: { 200: jsonResponse(ProgramSchema, "The now active program.", PROGRAM) },
  errors: { 404: ["program_not_found"] },
});

const programNotFound = () => notFound("No such program.", "program_not_found");

export const programRoutes = routeGroup()
  .openapi(generateRoute, async (c) => {
    const { activate, ...overrides } = c.req.valid("json");
    const key = c.req.valid("header")["idempotency-key"] ?? null;
    const { job, created } = unwrap(
      await userActor(c).programs.submitJob({ overrides, activate }, key),
    );
    const message = created
      ? "Generating your program. Follow its progress at the status URL."
      : "This request is already being handled; here is its job.";
    c.header("Location", `/v1/programs/status/${job.job_id}`);
    return c.json({ job_id: job.job_id, status: job.status, message }, 202);
  })
  .openapi(statusRoute, async (c) => {
    const job = await userActor(c).programs.job(c.req.valid("param").job_id);
    if (!job) throw notFound("No such job.", "job_not_found");
    return c.json(job, 200);
  })
  .openapi(listRoute, async (c) => {
    const { limit, cursor } = c.req.valid("query");
    const page = await listPrograms(database(c.env.DB), c.get("userId"), {
      limit,
      after: parseCursor(cursor),
    });
    return c.json({ items: page.items, next_cursor: page.nextCursor }, 200);
  })
  .openapi(currentRoute, async (c) => {
    const program = await userActor(c).programs.active();
    if (!program) throw notFound("No active program yet.", "program_not_found");
    return c.json(program, 200);
  })
  .openapi(getRoute, async (c) => {
    const program = await findProgram(
      database(c.env.DB),
      c.get("userId"),
      c.req.valid("param").program_id,
    );
    if (!program) throw programNotFound();
    return c.json(program, 200);
  })
  .openapi(activateRoute, async (c) => {
    const program = await userActor(c).programs.activate(c.req.valid("param").program_id);
    if (!program) throw programNotFound();
    return c.json(program, 200);
  });
