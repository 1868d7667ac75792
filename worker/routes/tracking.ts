import type { Context } from "hono";
import { actorFor, userActor } from "../actor";
import type { AppEnv } from "../app-env";
import { database } from "../db/client";
import type { PlannedTargets } from "../db/schema";
import {
  addBodyWeight,
  addMealLog,
  addSet,
  createSession,
  deleteSet,
  exercisesExist,
  findSession,
  listBodyWeights,
  listMealLogs,
  listSessions,
  listSetsPage,
  mealTotals,
  sessionJson,
  setJson,
  updateSession,
  updateSet,
} from "../db/tracking";
import { conflict, notFound, validationFailed } from "../errors";
import { requireUser } from "../middleware/auth";
import { localParts } from "../time/zoned";
import { lbToKg, type UnitPreference, withPounds } from "../units";
import { bearerSecurity, jsonBody, jsonResponse, pageOf } from "./common.schemas";
import { defineRoute } from "./define-route";
import { AT } from "./examples";
import { parseCursor } from "./pagination";
import { routeGroup } from "./route-group";
import {
  BodyWeightBody,
  BodyWeightSchema,
  DateRangeQuery,
  IdParam,
  MealLogBody,
  MealLogSchema,
  NutritionTodaySchema,
  SessionCreateBody,
  SessionListQuery,
  SessionPatchBody,
  SessionSchema,
  SetBody,
  SetListQuery,
  SetParams,
  SetPatchBody,
  SetSchema,
} from "./tracking.schemas";

const auth = {
  tags: ["tracking"] as ["tracking"],
  security: bearerSecurity,
  middleware: [requireUser()],
};

/** The user's local date of an instant (logs are grouped by the day the user lived them). */
async function localDateOf(c: Context<AppEnv>, at: string): Promise<string> {
  const { timezone } = await userActor(c).localNow(c.get("userId"));
  return localParts(Date.parse(at), timezone).date;
}

const unitsOf = async (c: Context<AppEnv>) => (await userActor(c).localNow(c.get("userId"))).units;

/** kg from a body that may give `weight_kg` or `weight_lb`. */
const kilograms = (body: { weight_kg?: number; weight_lb?: number }) =>
  body.weight_lb !== undefined ? lbToKg(body.weight_lb) : body.weight_kg;

const sessionNotFound = () => notFound("No such workout session.", "session_not_found");

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
const WEIGHT = {
  id: "bw_0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d",
  client_id: null,
  weight_kg: 79.83,
  weight_lb: 176,
  measured_at: AT,
  local_date: "2026-11-23",
  measurements: { waist_cm: 84 },
};
const FOOD = {
  name: "Chicken breast",
  grams: 150,
  calories: 248,
  protein_g: 46,
  fat_g: 5,
  carbs_g: 0,
};
const MEAL = {
  id: "meal_5d4c3b2a1f0e9d8c7b6a5f4e3d2c1b0a",
  client_id: null,
  meal: "lunch",
  logged_at: AT,
  local_date: "2026-11-23",
  foods: [FOOD],
  calories: 248,
  protein_g: 46,
  fat_g: 5,
  carbs_g: 0,
};

const routes = {
  createSession: defineRoute({
    method: "post",
    path: "/v1/workouts/sessions",
    operationId: "startWorkoutSession",
    summary: "Start a workout session, optionally for a planned day",
    description:
      'With `planned_day` ("today" or `{week, weekday}`) the session is tied to the active ' +
      "program, and its sets carry the program's targets. Idempotent by `client_id`: the same " +
      "id answers 200 with the stored session.",
    ...auth,
    request: { body: jsonBody(SessionCreateBody, { client_id: "a1b2c3", planned_day: "today" }) },
    responses: {
      201: jsonResponse(SessionSchema, "Started.", SESSION),
      200: jsonResponse(SessionSchema, "Already stored under this client_id.", SESSION),
    },
    errors: { 409: ["no_active_program", "no_session_that_day"] },
  }),
  patchSession: defineRoute({
    method: "patch",
    path: "/v1/workouts/sessions/{id}",
    operationId: "updateWorkoutSession",
    summary: "Finish a session, add notes or perceived effort (1-10)",
    description:
      '`status: "completed"` (or a `finished_at`) finishes it; finishing a planned session ' +
      "counts toward adherence.",
    ...auth,
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
    path: "/v1/workouts/sessions",
    operationId: "listWorkoutSessions",
    summary: "Sessions in a date range (local dates), newest first",
    description: "Both ends of the range are optional and inclusive.",
    ...auth,
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
    path: "/v1/workouts/sessions/{id}/sets",
    operationId: "logWorkoutSet",
    summary: "Log a set (idempotent by client_id)",
    description:
      "Weight in `weight_kg` or `weight_lb` (absent or 0 for bodyweight). The same `client_id` " +
      "answers 200 with the stored set; one used for a set of another session is a 409.",
    ...auth,
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
    errors: { 404: ["session_not_found"], 409: ["client_id_reused"] },
  }),
  listSets: defineRoute({
    method: "get",
    path: "/v1/workouts/sessions/{id}/sets",
    operationId: "listWorkoutSets",
    summary: "The sets of a session, in logging order",
    description: "A page of the session's sets, oldest first.",
    ...auth,
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
    path: "/v1/workouts/sessions/{id}/sets/{set_id}",
    operationId: "updateWorkoutSet",
    summary: "Correct a logged set",
    description: "Send the fields to change; weight in `weight_kg` or `weight_lb`.",
    ...auth,
    request: { params: SetParams, body: jsonBody(SetPatchBody, { reps: 7 }) },
    responses: { 200: jsonResponse(SetSchema, "Updated.", { ...SET, reps: 7 }) },
    errors: { 404: ["set_not_found"] },
  }),
  deleteSet: defineRoute({
    method: "delete",
    path: "/v1/workouts/sessions/{id}/sets/{set_id}",
    operationId: "deleteWorkoutSet",
    summary: "Delete a logged set",
    description: "Removes the set from the session and from progress.",
    ...auth,
    request: { params: SetParams },
    responses: { 204: { description: "Deleted." } },
    errors: { 404: ["set_not_found"] },
  }),
  addWeight: defineRoute({
    method: "post",
    path: "/v1/body/weight",
    operationId: "logBodyWeight",
    summary: "Record body weight (kg or lb) and optional measurements",
    description:
      "Exactly one of `weight_kg` and `weight_lb`. Idempotent by `client_id`: the same id " +
      "answers 200 with the stored entry.",
    ...auth,
    request: { body: jsonBody(BodyWeightBody, { weight_lb: 176, measurements: { waist_cm: 84 } }) },
    responses: {
      201: jsonResponse(BodyWeightSchema, "Recorded.", WEIGHT),
      200: jsonResponse(BodyWeightSchema, "Already stored under this client_id.", WEIGHT),
    },
  }),
  listWeights: defineRoute({
    method: "get",
    path: "/v1/body/weight",
    operationId: "listBodyWeights",
    summary: "Body weight entries in a date range, oldest first",
    description: "Both ends of the range are optional and inclusive (local dates).",
    ...auth,
    request: { query: DateRangeQuery },
    responses: {
      200: jsonResponse(pageOf(BodyWeightSchema, "BodyWeightList"), "A page of entries.", {
        items: [WEIGHT],
        next_cursor: null,
      }),
    },
  }),
  addMeal: defineRoute({
    method: "post",
    path: "/v1/meals/logs",
    operationId: "logMeal",
    summary: "Log a meal: a list of foods, or calories and macros",
    description:
      "Either `foods` (their totals are summed) or `calories` with optional macros. Idempotent " +
      "by `client_id`.",
    ...auth,
    request: { body: jsonBody(MealLogBody, { meal: "lunch", foods: [FOOD] }) },
    responses: {
      201: jsonResponse(MealLogSchema, "Logged.", MEAL),
      200: jsonResponse(MealLogSchema, "Already stored under this client_id.", MEAL),
    },
  }),
  listMeals: defineRoute({
    method: "get",
    path: "/v1/meals/logs",
    operationId: "listMealLogs",
    summary: "Meal logs in a date range (default: today), oldest first",
    description: "Without `from` and `to`, today's logs in the user's timezone.",
    ...auth,
    request: { query: DateRangeQuery },
    responses: {
      200: jsonResponse(pageOf(MealLogSchema, "MealLogList"), "A page of logs.", {
        items: [MEAL],
        next_cursor: null,
      }),
    },
  }),
  nutritionToday: defineRoute({
    method: "get",
    path: "/v1/nutrition/today",
    operationId: "getNutritionToday",
    summary: "Today's nutrition targets against what is logged so far",
    description: "Targets from the profile, totals of today's meal logs, and what remains.",
    ...auth,
    responses: {
      200: jsonResponse(NutritionTodaySchema, "Today.", {
        date: "2026-11-23",
        targets: { calories: 2150, protein_g: 128, fat_g: 60, carbs_g: 271 },
        logged: { calories: 248, protein_g: 46, fat_g: 5, carbs_g: 0, meals: 1 },
        remaining: { calories: 1902, protein_g: 82, fat_g: 55, carbs_g: 271 },
      }),
    },
    errors: { 404: ["profile_not_found"] },
  }),
};

type MealRow = Awaited<ReturnType<typeof addMealLog>>["log"];
type WeightRow = Awaited<ReturnType<typeof addBodyWeight>>["entry"];

const mealJson = (row: MealRow) => ({
  id: row.id,
  client_id: row.clientId,
  meal: row.meal,
  logged_at: row.loggedAt,
  local_date: row.localDate,
  foods: row.foods ?? null,
  calories: row.calories,
  protein_g: row.proteinG,
  fat_g: row.fatG,
  carbs_g: row.carbsG,
});

const weightJson = (row: WeightRow, units: UnitPreference) =>
  withPounds(
    {
      id: row.id,
      client_id: row.clientId,
      weight_kg: row.weightKg,
      measured_at: row.measuredAt,
      local_date: row.localDate,
      measurements: row.measurements ?? null,
    },
    units,
    ["weight_kg"],
  );

const setOut = (row: Parameters<typeof setJson>[0], units: UnitPreference) =>
  withPounds(setJson(row), units, ["weight_kg"]);

export const trackingRoutes = routeGroup()
  .openapi(routes.createSession, async (c) => {
    const body = c.req.valid("json");
    const userId = c.get("userId");
    let plan = null;
    if (body.planned_day) {
      const resolved = await userActor(c).resolvePlannedDay(userId, body.planned_day);
      if ("error" in resolved)
        throw conflict(
          resolved.error,
          resolved.error === "no_active_program"
            ? "There is no active program to plan this session from."
            : "The active program has no session on that day.",
        );
      plan = resolved;
    }
    const startedAt = body.started_at
      ? new Date(body.started_at).toISOString()
      : new Date().toISOString();
    const { session, created } = await createSession(database(c.env.DB), userId, {
      clientId: body.client_id ?? null,
      programId: plan?.program_id ?? null,
      plannedWeek: plan?.week ?? null,
      plannedWeekday: plan?.weekday ?? null,
      localDate: await localDateOf(c, startedAt),
      startedAt,
      notes: body.notes ?? null,
    });
    return c.json(sessionJson(session), created ? 201 : 200);
  })
  .openapi(routes.patchSession, async (c) => {
    const body = c.req.valid("json");
    const db = database(c.env.DB);
    const userId = c.get("userId");
    const current = await findSession(db, userId, c.req.valid("param").id);
    if (!current) throw sessionNotFound();
    const completing =
      current.status !== "completed" &&
      (body.status === "completed" || body.finished_at !== undefined);
    const updated = await updateSession(db, userId, current.id, {
      ...(completing
        ? {
            status: "completed",
            finishedAt: body.finished_at
              ? new Date(body.finished_at).toISOString()
              : new Date().toISOString(),
          }
        : {}),
      ...(body.notes !== undefined ? { notes: body.notes } : {}),
      ...(body.perceived_effort !== undefined ? { perceivedEffort: body.perceived_effort } : {}),
    });
    if (!updated) throw sessionNotFound();
    // A planned session done changes adherence: the actor's cached context must know.
    if (completing && updated.programId) await actorFor(c.env, userId).sessionCompleted(userId);
    return c.json(sessionJson(updated), 200);
  })
  .openapi(routes.listSessions, async (c) => {
    const { cursor, ...query } = c.req.valid("query");
    const page = await listSessions(database(c.env.DB), c.get("userId"), {
      ...query,
      after: parseCursor(cursor),
    });
    return c.json({ items: page.items.map(sessionJson), next_cursor: page.nextCursor }, 200);
  })
  .openapi(routes.addSet, async (c) => {
    const body = c.req.valid("json");
    const db = database(c.env.DB);
    const userId = c.get("userId");
    // Independent reads, in parallel: a set is logged between every working set.
    const [session, known, units] = await Promise.all([
      findSession(db, userId, c.req.valid("param").id),
      exercisesExist(db, [body.exercise_id]),
      unitsOf(c),
    ]);
    if (!session) throw sessionNotFound();
    if (!known.has(body.exercise_id))
      throw validationFailed([{ field: "exercise_id", message: "no exercise with this id" }]);
    let planned: PlannedTargets | null = null;
    if (session.programId && session.plannedWeek !== null && session.plannedWeekday) {
      const plan = await userActor(c).resolvePlannedDay(userId, {
        week: session.plannedWeek,
        weekday: session.plannedWeekday,
      });
      if (!("error" in plan) && plan.program_id === session.programId)
        planned = plan.targets[body.exercise_id] ?? null;
    }
    const { set, created } = await addSet(db, userId, {
      sessionId: session.id,
      clientId: body.client_id,
      exerciseId: body.exercise_id,
      reps: body.reps,
      weightKg: kilograms(body) ?? 0,
      rir: body.rir ?? null,
      restSeconds: body.rest_seconds ?? null,
      planned,
    });
    if (!created && set.sessionId !== session.id)
      throw conflict(
        "client_id_reused",
        "This client_id was already used for a set in another session.",
      );
    return c.json(setOut(set, units), created ? 201 : 200);
  })
  .openapi(routes.listSets, async (c) => {
    const db = database(c.env.DB);
    const userId = c.get("userId");
    const { limit, cursor } = c.req.valid("query");
    const [session, units] = await Promise.all([
      findSession(db, userId, c.req.valid("param").id),
      unitsOf(c),
    ]);
    if (!session) throw sessionNotFound();
    const page = await listSetsPage(db, userId, session.id, { limit, after: parseCursor(cursor) });
    return c.json(
      { items: page.items.map((set) => setOut(set, units)), next_cursor: page.nextCursor },
      200,
    );
  })
  .openapi(routes.patchSet, async (c) => {
    const { id, set_id } = c.req.valid("param");
    const body = c.req.valid("json");
    const weightKg = kilograms(body);
    const [updated, units] = await Promise.all([
      updateSet(database(c.env.DB), c.get("userId"), id, set_id, {
        ...(body.reps !== undefined ? { reps: body.reps } : {}),
        ...(weightKg !== undefined ? { weightKg } : {}),
        ...(body.rir !== undefined ? { rir: body.rir } : {}),
        ...(body.rest_seconds !== undefined ? { restSeconds: body.rest_seconds } : {}),
      }),
      unitsOf(c),
    ]);
    if (!updated) throw notFound("No such set in this session.", "set_not_found");
    return c.json(setOut(updated, units), 200);
  })
  .openapi(routes.deleteSet, async (c) => {
    const { id, set_id } = c.req.valid("param");
    if (!(await deleteSet(database(c.env.DB), c.get("userId"), id, set_id)))
      throw notFound("No such set in this session.", "set_not_found");
    return c.body(null, 204);
  })
  .openapi(routes.addWeight, async (c) => {
    const body = c.req.valid("json");
    const measuredAt = body.measured_at
      ? new Date(body.measured_at).toISOString()
      : new Date().toISOString();
    const now = await userActor(c).localNow(c.get("userId"));
    const { entry, created } = await addBodyWeight(database(c.env.DB), c.get("userId"), {
      clientId: body.client_id ?? null,
      measuredAt,
      localDate: localParts(Date.parse(measuredAt), now.timezone).date,
      weightKg: kilograms(body) as number,
      measurements: body.measurements ?? null,
    });
    return c.json(weightJson(entry, now.units), created ? 201 : 200);
  })
  .openapi(routes.listWeights, async (c) => {
    const { cursor, ...query } = c.req.valid("query");
    const [page, units] = await Promise.all([
      listBodyWeights(database(c.env.DB), c.get("userId"), {
        ...query,
        after: parseCursor(cursor),
      }),
      unitsOf(c),
    ]);
    return c.json(
      { items: page.items.map((row) => weightJson(row, units)), next_cursor: page.nextCursor },
      200,
    );
  })
  .openapi(routes.addMeal, async (c) => {
    const body = c.req.valid("json");
    const loggedAt = body.logged_at
      ? new Date(body.logged_at).toISOString()
      : new Date().toISOString();
    const sum = (key: "calories" | "protein_g" | "fat_g" | "carbs_g") =>
      body.foods ? body.foods.reduce((total, item) => total + item[key], 0) : (body[key] ?? 0);
    const { log, created } = await addMealLog(database(c.env.DB), c.get("userId"), {
      clientId: body.client_id ?? null,
      meal: body.meal,
      loggedAt,
      localDate: await localDateOf(c, loggedAt),
      foods: body.foods ?? null,
      calories: sum("calories"),
      proteinG: sum("protein_g"),
      fatG: sum("fat_g"),
      carbsG: sum("carbs_g"),
    });
    return c.json(mealJson(log), created ? 201 : 200);
  })
  .openapi(routes.listMeals, async (c) => {
    const { cursor, limit, ...query } = c.req.valid("query");
    // No range given: today (local). A given range is used as is; either end may be open.
    let range: { from?: string; to?: string } = query;
    if (!query.from && !query.to) {
      const today = (await userActor(c).localNow(c.get("userId"))).date;
      range = { from: today, to: today };
    }
    const page = await listMealLogs(database(c.env.DB), c.get("userId"), {
      ...range,
      limit,
      after: parseCursor(cursor),
    });
    return c.json({ items: page.items.map(mealJson), next_cursor: page.nextCursor }, 200);
  })
  .openapi(routes.nutritionToday, async (c) => {
    const userId = c.get("userId");
    const actor = userActor(c);
    const [profile, now] = await Promise.all([actor.getProfile(userId), actor.localNow(userId)]);
    if (!profile?.nutritionTargets)
      throw notFound("No nutrition targets yet: finish onboarding first.", "profile_not_found");
    const targets = profile.nutritionTargets as Record<string, number>;
    const logged = await mealTotals(database(c.env.DB), userId, now.date);
    const round = (n: number) => Math.round(n * 10) / 10;
    const macros = (value: (key: (typeof KEYS)[number]) => number) =>
      Object.fromEntries(KEYS.map((key) => [key, value(key)])) as Record<
        (typeof KEYS)[number],
        number
      >;
    return c.json(
      {
        date: now.date,
        targets: macros((key) => targets[key] ?? 0),
        logged: { ...macros((key) => round(logged[key])), meals: logged.meals },
        remaining: macros((key) => round((targets[key] ?? 0) - logged[key])),
      },
      200,
    );
  });

const KEYS = ["calories", "protein_g", "fat_g", "carbs_g"] as const;
