import { createRoute } from "@hono/zod-openapi";
import { userActor } from "../actor";
import { database } from "../db/client";
import { findProgram, listPrograms } from "../db/programs";
import { notFound } from "../errors";
import { requireUser } from "../middleware/auth";
import { bearerSecurity, errorResponses, jsonBody, jsonResponse } from "./common.schemas";
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

const generateRoute = createRoute({
  method: "post",
  path: "/v1/programs/generate",
  tags: ["programs"],
  summary: "Start generating a program in the background",
  description:
    "Answers 202 at once; follow the job with GET /v1/programs/status/{job_id} or the " +
    "`job.*` events on /v1/realtime. An identical request while its job is pending or " +
    "running returns that job; so does a repeated Idempotency-Key. One job runs at a time " +
    "per user; others queue.",
  ...auth,
  request: { headers: IdempotencyHeader, body: jsonBody(GenerateBody) },
  responses: {
    202: jsonResponse(AcceptedSchema, "Accepted (or the existing job for the same request)."),
    ...errorResponses(400, 401, 409, 413, 422, 500),
  },
});

const statusRoute = createRoute({
  method: "get",
  path: "/v1/programs/status/{job_id}",
  tags: ["programs"],
  summary: "A generation job's status and progress",
  ...auth,
  request: { params: JobIdParam },
  responses: { 200: jsonResponse(JobSchema, "The job."), ...errorResponses(401, 404, 500) },
});

const listRoute = createRoute({
  method: "get",
  path: "/v1/programs",
  tags: ["programs"],
  summary: "The user's programs, newest first",
  ...auth,
  request: { query: ProgramListQuery },
  responses: {
    200: jsonResponse(ProgramListSchema, "A page of programs."),
    ...errorResponses(401, 422, 500),
  },
});

const currentRoute = createRoute({
  method: "get",
  path: "/v1/programs/current",
  tags: ["programs"],
  summary: "The active program, whole",
  ...auth,
  responses: {
    200: jsonResponse(ProgramSchema, "The active program."),
    ...errorResponses(401, 404, 500),
  },
});

const getRoute = createRoute({
  method: "get",
  path: "/v1/programs/{program_id}",
  tags: ["programs"],
  summary: "One program with its weeks, days and exercises",
  ...auth,
  request: { params: ProgramIdParam },
  responses: { 200: jsonResponse(ProgramSchema, "The program."), ...errorResponses(401, 404, 500) },
});

const activateRoute = createRoute({
  method: "post",
  path: "/v1/programs/{program_id}/activate",
  tags: ["programs"],
  summary: "Make a program the current one, starting this week",
  ...auth,
  request: { params: ProgramIdParam },
  responses: {
    200: jsonResponse(ProgramSchema, "The now active program."),
    ...errorResponses(401, 404, 500),
  },
});

const programNotFound = () => notFound("No such program.", "program_not_found");

export const programRoutes = routeGroup()
  .openapi(generateRoute, async (c) => {
    const { activate, ...overrides } = c.req.valid("json");
    const key = c.req.valid("header")["idempotency-key"] ?? null;
    const { job, created } = await userActor(c).submitProgramJob(
      c.get("userId"),
      { overrides, activate },
      key,
    );
    const message = created
      ? "Generating your program. Follow its progress at the status URL."
      : "This request is already being handled; here is its job.";
    c.header("Location", `/v1/programs/status/${job.job_id}`);
    return c.json({ job_id: job.job_id, status: job.status, message }, 202);
  })
  .openapi(statusRoute, async (c) => {
    const job = await userActor(c).getProgramJob(c.get("userId"), c.req.valid("param").job_id);
    if (!job) throw notFound("No such job.", "job_not_found");
    return c.json(job, 200);
  })
  .openapi(listRoute, async (c) => {
    const { limit, cursor } = c.req.valid("query");
    const page = await listPrograms(database(c.env.DB), c.get("userId"), { limit, before: cursor });
    return c.json({ items: page.items, next_cursor: page.nextCursor } as never, 200);
  })
  .openapi(currentRoute, async (c) => {
    const program = await userActor(c).getActiveProgram(c.get("userId"));
    if (!program) throw notFound("No active program yet.", "no_active_program");
    return c.json(program as never, 200);
  })
  .openapi(getRoute, async (c) => {
    const program = await findProgram(
      database(c.env.DB),
      c.get("userId"),
      c.req.valid("param").program_id,
    );
    if (!program) throw programNotFound();
    return c.json(program as never, 200);
  })
  .openapi(activateRoute, async (c) => {
    const program = await userActor(c).activateProgram(
      c.get("userId"),
      c.req.valid("param").program_id,
    );
    if (!program) throw programNotFound();
    return c.json(program as never, 200);
  });
