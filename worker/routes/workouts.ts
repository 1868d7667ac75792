import { lbToKg } from "../../kernel/units";
import { userActor } from "../actor";
import { apiError, unwrap } from "../errors";
import { requireUser } from "../middleware/auth";
import { sendJsonText } from "../responses";
import { bearerSecurity, jsonBody, jsonResponse, pageOf } from "./common.schemas";
import { defineRoute } from "./define-route";
import { AT } from "./examples";
import {
  DayWithTargetsSchema,
  SESSION_TARGETS_EXAMPLE,
  SessionTargetsSchema,
  TODAY_EXAMPLE,
} from "./lifter.schemas";
import { parseCursor } from "./pagination";
import { routeGroup } from "./route-group";
import {
  IdParam,
  SessionCreateBody,
  SessionListQuery,
  SessionPatchBody,
  SessionSchema,
  SetBody,
  SetListQuery,
  SetParams,
  SetPatchBody,
  SetSchema,
} from "./workouts.schemas";

// /v1/workouts: today's planned workout, and the sessions and sets the user logs. The logs live
// in the user's actor: each request is one actor call (durable-objects/tracking/tracking.ts).

const secured = {
  tags: ["tracking"] as ["tracking"],
  security: bearerSecurity,
  middleware: [requireUser()],
};

/** kg from a body that may give `weight_kg` or `weight_lb`. */
const kilograms = (body: { weight_kg?: number; weight_lb?: number }) =>
  body.weight_lb !== undefined ? lbToKg(body.weight_lb) : body.weight_kg;

const SESSION = {
  id: "wks_1f0c2d3e4a5b6c7d8e9f0a1b2c3d4e5f",
  client_id: "a1b2c3",
  program_id: "prg_7d2b9e4e0f8a6c3d",
  planned_week: 1,
  planned_weekday: "mon",
  local_date: "2026-11-23",
  status: "in_progress" as const,
  started_at: AT,
  finished_at: null,
  notes: null,
  perceived_effort: null,
};

const SET = {
  id: "set_9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d",
  session_id: SESSION.id,
  client_id: "set-1",
  exercise_id: "barbell-back-squat",
  reps: 8,
  weight_kg: 61.23,
  weight_lb: 135,
  rir: 2,
  rest_seconds: 180,
  planned: { sets: 4, rep_min: 6, rep_max: 8, target_rir: 2, rest_seconds: 180 },
  created_at: AT,
};

const routes = {
  today: defineRoute({
    method: "get",
    path: "/today",
    operationId: "getTodayWorkout",
    tags: ["programs"],
    summary: "Today's planned session (or a rest day) in the user's timezone",
    description:
      "`status`: `session` (a session is planned), `rest`, `not_started` (the program starts " +
      "later), `finished` (past its last week) or `no_program`. `completed` says whether a " +
      "finished session is logged for today's planned day. Each planned exercise carries " +
      "`last` (its most recent session's sets), `suggested` (today's load, reps, sets and RIR " +
      "from its progression scheme, with the rule's `reason`) and `warmup` (before the first " +
      "main lift only); loads are loadable with `load_increments`.",
    security: bearerSecurity,
    middleware: [requireUser()],
    responses: {
      200: jsonResponse(DayWithTargetsSchema, "Today's plan.", TODAY_EXAMPLE),
    },
  }),

  createSession: defineRoute({
    method: "post",
    path: "/sessions",
    operationId: "startWorkoutSession",
    summary: "Start a workout session, optionally for a planned day",
    description:
      'With `planned_day` ("today" or `{week, weekday}`) the session is tied to the active ' +
      "program, and its sets carry the program's targets. Idempotent by `client_id`: the same " +
      "id answers 200 with the stored session.",
    ...secured,
    request: { body: jsonBody(SessionCreateBody, { client_id: "a1b2c3", planned_day: "today" }) },
    responses: {
      201: jsonResponse(SessionSchema, "Started.", SESSION),
      200: jsonResponse(SessionSchema, "Already stored under this client_id.", SESSION),
    },
    errors: { 409: ["no_active_program", "no_session_that_day"] },
  }),
  patchSession: defineRoute({
    method: "patch",
    path: "/sessions/{id}",
    operationId: "updateWorkoutSession",
    summary: "Finish a session, add notes or perceived effort (1-10)",
    description:
      '`status: "completed"` (or a `finished_at`) finishes it; finishing a planned session ' +
      "counts toward adherence.",
    ...secured,
    request: {
      params: IdParam,
      body: jsonBody(SessionPatchBody, { status: "completed", perceived_effort: 8 }),
    },
    responses: {
      200: jsonResponse(SessionSchema, "Updated.", {
        ...SESSION,
        status: "completed",
        finished_at: "2026-11-23T19:35:00.000Z",
        perceived_effort: 8,
      }),
    },
    errors: { 404: ["session_not_found"] },
  }),
  listSessions: defineRoute({
    method: "get",
    path: "/sessions",
    operationId: "listWorkoutSessions",
    summary: "Sessions in a date range (local dates), newest first",
    description: "Both ends of the range are optional and inclusive.",
    ...secured,
    request: { query: SessionListQuery },
    responses: {
      200: jsonResponse(pageOf(SessionSchema, "WorkoutSessionList"), "A page of sessions.", {
        items: [SESSION],
        next_cursor: null,
      }),
    },
  }),
  addSet: defineRoute({
    method: "post",
    path: "/sessions/{id}/sets",
    operationId: "logWorkoutSet",
    summary: "Log a set (idempotent by client_id)",
    description:
      "Weight in `weight_kg` or `weight_lb` (absent or 0 for bodyweight). The same `client_id` " +
      "answers 200 with the stored set; one used for a set of another session is a 409.",
    ...secured,
    request: {
      params: IdParam,
      body: jsonBody(SetBody, {
        client_id: "set-1",
        exercise_id: "barbell-back-squat",
        reps: 8,
        weight_lb: 135,
        rir: 2,
        rest_seconds: 180,
      }),
    },
    responses: {
      201: jsonResponse(SetSchema, "Logged, with the program's targets for it.", SET),
      200: jsonResponse(SetSchema, "Already logged under this client_id.", SET),
    },
    errors: { 404: ["session_not_found"], 409: ["client_id_reused"], 422: ["unknown_exercise"] },
  }),
  sessionTargets: defineRoute({
    method: "get",
    path: "/sessions/{id}/targets",
    operationId: "getWorkoutSessionTargets",
    summary: "Last time, today's target and warm-up for each exercise of a session's planned day",
    description:
      "For a session started for a planned day: the same `last`, `suggested` and `warmup` as " +
      "GET /v1/workouts/today, from the sessions before this one. An unplanned session has no " +
      "items.",
    ...secured,
    request: { params: IdParam },
    responses: {
      200: jsonResponse(SessionTargetsSchema, "The targets.", SESSION_TARGETS_EXAMPLE),
    },
    errors: { 404: ["session_not_found"] },
  }),
  listSets: defineRoute({
    method: "get",
    path: "/sessions/{id}/sets",
    operationId: "listWorkoutSets",
    summary: "The sets of a session, in logging order",
    description: "A page of the session's sets, oldest first.",
    ...secured,
    request: { params: IdParam, query: SetListQuery },
    responses: {
      200: jsonResponse(pageOf(SetSchema, "WorkoutSetList"), "A page of sets.", {
        items: [SET],
        next_cursor: null,
      }),
    },
    errors: { 404: ["session_not_found"] },
  }),
  patchSet: defineRoute({
    method: "patch",
    path: "/sessions/{id}/sets/{set_id}",
    operationId: "updateWorkoutSet",
    summary: "Correct a logged set",
    description: "Send the fields to change; weight in `weight_kg` or `weight_lb`.",
    ...secured,
    request: { params: SetParams, body: jsonBody(SetPatchBody, { reps: 7 }) },
    responses: { 200: jsonResponse(SetSchema, "Updated.", { ...SET, reps: 7 }) },
    errors: { 404: ["set_not_found"] },
  }),
  deleteSet: defineRoute({
    method: "delete",
    path: "/sessions/{id}/sets/{set_id}",
    operationId: "deleteWorkoutSet",
    summary: "Delete a logged set",
    description: "Removes the set from the session and from progress.",
    ...secured,
    request: { params: SetParams },
    responses: { 204: { description: "Deleted." } },
    errors: { 404: ["set_not_found"] },
  }),
};

export const workoutRoutes = routeGroup()
  // The actor keeps today's answer as JSON text until the logs, program or profile change.
  .openapi(routes.today, async (c) => sendJsonText(c, await userActor(c).lifter.today()))
  .openapi(routes.sessionTargets, async (c) =>
    c.json(unwrap(await userActor(c).lifter.sessionTargets(c.req.valid("param").id)), 200),
  )
  .openapi(routes.createSession, async (c) => {
    const body = c.req.valid("json");
    const result = await userActor(c).tracking.startSession({
      clientId: body.client_id ?? null,
      plannedDay: body.planned_day ?? null,
      ...(body.started_at ? { startedAt: body.started_at } : {}),
      notes: body.notes ?? null,
    });
    if (!result.ok) throw apiError(result.error);
    return c.json(result.value.session, result.value.created ? 201 : 200);
  })
  .openapi(routes.patchSession, async (c) => {
    const body = c.req.valid("json");
    const finishing = body.status === "completed" || body.finished_at !== undefined;
    const session = await userActor(c).tracking.updateSession(c.req.valid("param").id, {
      ...(finishing ? { finish: body.finished_at ? { at: body.finished_at } : {} } : {}),
      ...(body.notes !== undefined ? { notes: body.notes } : {}),
      ...(body.perceived_effort !== undefined ? { perceivedEffort: body.perceived_effort } : {}),
    });
    return c.json(unwrap(session), 200);
  })
  .openapi(routes.listSessions, async (c) => {
    const { cursor, ...query } = c.req.valid("query");
    const page = await userActor(c).tracking.listSessions({ ...query, after: parseCursor(cursor) });
    return c.json(page, 200);
  })
  .openapi(routes.addSet, async (c) => {
    const body = c.req.valid("json");
    const result = await userActor(c).tracking.logSet(c.req.valid("param").id, {
      clientId: body.client_id,
      exerciseId: body.exercise_id,
      reps: body.reps,
      weightKg: kilograms(body) ?? 0,
      rir: body.rir ?? null,
      restSeconds: body.rest_seconds ?? null,
    });
    if (!result.ok) throw apiError(result.error);
    return c.json(result.value.set, result.value.created ? 201 : 200);
  })
  .openapi(routes.listSets, async (c) => {
    const { limit, cursor } = c.req.valid("query");
    const page = await userActor(c).tracking.listSets({
      sessionId: c.req.valid("param").id,
      limit,
      after: parseCursor(cursor),
    });
    return c.json(unwrap(page), 200);
  })
  .openapi(routes.patchSet, async (c) => {
    const { id, set_id } = c.req.valid("param");
    const body = c.req.valid("json");
    const weightKg = kilograms(body);
    const set = await userActor(c).tracking.correctSet(id, set_id, {
      ...(body.reps !== undefined ? { reps: body.reps } : {}),
      ...(weightKg !== undefined ? { weightKg } : {}),
      ...(body.rir !== undefined ? { rir: body.rir } : {}),
      ...(body.rest_seconds !== undefined ? { restSeconds: body.rest_seconds } : {}),
    });
    return c.json(unwrap(set), 200);
  })
  .openapi(routes.deleteSet, async (c) => {
    const { id, set_id } = c.req.valid("param");
    unwrap(await userActor(c).tracking.removeSet(id, set_id));
    return c.body(null, 204);
  });
