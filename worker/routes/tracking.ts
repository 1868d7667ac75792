import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { actorFor, userActor } from "../actor";
import type { AppEnv } from "../app-env";
import { database } from "../db/client";
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
  listSets,
  mealTotals,
  sessionJson,
  setJson,
  updateSession,
  updateSet,
} from "../db/tracking";
import { conflict, notFound, validationFailed } from "../errors";
import { requireUser } from "../middleware/auth";
import { KG_PER_LB } from "../onboarding/steps";
import { localParts } from "../time/zoned";
import { bearerSecurity, errorResponses, jsonBody, jsonResponse } from "./common.schemas";
import { routeGroup } from "./route-group";
import {
  BodyWeightBody,
  DateRangeQuery,
  IdParam,
  Loose,
  MealLogBody,
  SessionCreateBody,
  SessionListQuery,
  SessionPatchBody,
  SessionSchema,
  SetBody,
  SetParams,
  SetPatchBody,
  SetSchema,
} from "./tracking.schemas";

const auth = { tags: ["tracking"], security: bearerSecurity, middleware: [requireUser()] };

/** The user's local date of an instant (logs are grouped by the day the user lived them). */
async function localDateOf(c: Context<AppEnv>, at: string): Promise<string> {
  const { timezone } = await userActor(c).localNow(c.get("userId"));
  return localParts(Date.parse(at), timezone).date;
}

const sessionNotFound = () => notFound("No such workout session.", "session_not_found");

const routes = {
  createSession: createRoute({
    method: "post",
    path: "/v1/workouts/sessions",
    summary: "Start a workout session, optionally for a planned day",
    ...auth,
    request: { body: jsonBody(SessionCreateBody) },
    responses: {
      201: jsonResponse(SessionSchema, "Started."),
      200: jsonResponse(SessionSchema, "Already stored under this client_id."),
      ...errorResponses(400, 401, 409, 422, 500),
    },
  }),
  patchSession: createRoute({
    method: "patch",
    path: "/v1/workouts/sessions/{id}",
    summary: "Finish a session, add notes or perceived effort (1-10)",
    ...auth,
    request: { params: IdParam, body: jsonBody(SessionPatchBody) },
    responses: {
      200: jsonResponse(SessionSchema, "Updated."),
      ...errorResponses(400, 401, 404, 422, 500),
    },
  }),
  listSessions: createRoute({
    method: "get",
    path: "/v1/workouts/sessions",
    summary: "Sessions in a date range (local dates), newest first",
    ...auth,
    request: { query: SessionListQuery },
    responses: {
      200: jsonResponse(
        z
          .object({ items: z.array(SessionSchema), next_cursor: z.string().nullable() })
          .openapi("WorkoutSessionList"),
        "A page of sessions.",
      ),
      ...errorResponses(401, 422, 500),
    },
  }),
  addSet: createRoute({
    method: "post",
    path: "/v1/workouts/sessions/{id}/sets",
    summary: "Log a set (idempotent by client_id)",
    ...auth,
    request: { params: IdParam, body: jsonBody(SetBody) },
    responses: {
      201: jsonResponse(SetSchema, "Logged, with the program's targets for it."),
      200: jsonResponse(SetSchema, "Already logged under this client_id."),
      ...errorResponses(400, 401, 404, 422, 500),
    },
  }),
  listSets: createRoute({
    method: "get",
    path: "/v1/workouts/sessions/{id}/sets",
    summary: "The sets of a session",
    ...auth,
    request: { params: IdParam },
    responses: {
      200: jsonResponse(
        z.object({ items: z.array(SetSchema) }).openapi("WorkoutSetList"),
        "The sets.",
      ),
      ...errorResponses(401, 404, 500),
    },
  }),
  patchSet: createRoute({
    method: "patch",
    path: "/v1/workouts/sessions/{id}/sets/{set_id}",
    summary: "Correct a logged set",
    ...auth,
    request: { params: SetParams, body: jsonBody(SetPatchBody) },
    responses: {
      200: jsonResponse(SetSchema, "Updated."),
      ...errorResponses(400, 401, 404, 422, 500),
    },
  }),
  deleteSet: createRoute({
    method: "delete",
    path: "/v1/workouts/sessions/{id}/sets/{set_id}",
    summary: "Delete a logged set",
    ...auth,
    request: { params: SetParams },
    responses: { 204: { description: "Deleted." }, ...errorResponses(401, 404, 500) },
  }),
  addWeight: createRoute({
    method: "post",
    path: "/v1/body/weight",
    summary: "Record body weight (kg or lb) and optional measurements",
    ...auth,
    request: { body: jsonBody(BodyWeightBody) },
    responses: {
      201: jsonResponse(
        Loose("BodyWeight", "weight_kg, measured_at, local_date, measurements"),
        "Recorded.",
      ),
      200: jsonResponse(
        Loose("BodyWeightExisting", "the stored entry"),
        "Already stored under this client_id.",
      ),
      ...errorResponses(400, 401, 422, 500),
    },
  }),
  listWeights: createRoute({
    method: "get",
    path: "/v1/body/weight",
    summary: "Body weight entries in a date range",
    ...auth,
    request: { query: DateRangeQuery },
    responses: {
      200: jsonResponse(Loose("BodyWeightList", "{items}"), "Entries."),
      ...errorResponses(401, 422, 500),
    },
  }),
  addMeal: createRoute({
    method: "post",
    path: "/v1/meals/logs",
    summary: "Log a meal: a list of foods, or calories and macros",
    ...auth,
    request: { body: jsonBody(MealLogBody) },
    responses: {
      201: jsonResponse(Loose("MealLog", "the stored log with totals"), "Logged."),
      200: jsonResponse(
        Loose("MealLogExisting", "the stored log"),
        "Already stored under this client_id.",
      ),
      ...errorResponses(400, 401, 422, 500),
    },
  }),
  listMeals: createRoute({
    method: "get",
    path: "/v1/meals/logs",
    summary: "Meal logs in a date range (default: today)",
    ...auth,
    request: { query: DateRangeQuery },
    responses: {
      200: jsonResponse(Loose("MealLogList", "{items}"), "Logs."),
      ...errorResponses(401, 422, 500),
    },
  }),
  nutritionToday: createRoute({
    method: "get",
    path: "/v1/nutrition/today",
    summary: "Today's nutrition targets against what is logged so far",
    ...auth,
    responses: {
      200: jsonResponse(Loose("NutritionToday", "{date, targets, logged, remaining}"), "Today."),
      ...errorResponses(401, 404, 500),
    },
  }),
};

const mealJson = (row: Awaited<ReturnType<typeof addMealLog>>["log"]) => ({
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

const weightJson = (row: Awaited<ReturnType<typeof addBodyWeight>>["entry"]) => ({
  id: row.id,
  client_id: row.clientId,
  weight_kg: row.weightKg,
  measured_at: row.measuredAt,
  local_date: row.localDate,
  measurements: row.measurements ?? null,
});

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
    const query = c.req.valid("query");
    const page = await listSessions(database(c.env.DB), c.get("userId"), {
      ...query,
      before: query.cursor,
    });
    return c.json({ items: page.items.map(sessionJson), next_cursor: page.nextCursor }, 200);
  })
  .openapi(routes.addSet, async (c) => {
    const body = c.req.valid("json");
    const db = database(c.env.DB);
    const userId = c.get("userId");
    // Independent reads, in parallel: a set is logged between every working set.
    const [session, known] = await Promise.all([
      findSession(db, userId, c.req.valid("param").id),
      exercisesExist(db, [body.exercise_id]),
    ]);
    if (!session) throw sessionNotFound();
    if (!known.has(body.exercise_id))
      throw validationFailed([{ field: "exercise_id", message: "no exercise with this id" }]);
    let planned: Record<string, unknown> | null = null;
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
      weightKg: body.weight_kg,
      rir: body.rir ?? null,
      restSeconds: body.rest_seconds ?? null,
      planned,
    });
    if (!created && set.sessionId !== session.id)
      throw conflict(
        "client_id_reused",
        "This client_id was already used for a set in another session.",
      );
    return c.json(setJson(set) as never, created ? 201 : 200);
  })
  .openapi(routes.listSets, async (c) => {
    const db = database(c.env.DB);
    const session = await findSession(db, c.get("userId"), c.req.valid("param").id);
    if (!session) throw sessionNotFound();
    const sets = await listSets(db, c.get("userId"), session.id);
    return c.json({ items: sets.map(setJson) } as never, 200);
  })
  .openapi(routes.patchSet, async (c) => {
    const { id, set_id } = c.req.valid("param");
    const body = c.req.valid("json");
    const updated = await updateSet(database(c.env.DB), c.get("userId"), id, set_id, {
      ...(body.reps !== undefined ? { reps: body.reps } : {}),
      ...(body.weight_kg !== undefined ? { weightKg: body.weight_kg } : {}),
      ...(body.rir !== undefined ? { rir: body.rir } : {}),
      ...(body.rest_seconds !== undefined ? { restSeconds: body.rest_seconds } : {}),
    });
    if (!updated) throw notFound("No such set in this session.", "set_not_found");
    return c.json(setJson(updated) as never, 200);
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
    const weightKg = body.weight_kg ?? Math.round((body.weight_lb as number) * KG_PER_LB * 10) / 10;
    const { entry, created } = await addBodyWeight(database(c.env.DB), c.get("userId"), {
      clientId: body.client_id ?? null,
      measuredAt,
      localDate: await localDateOf(c, measuredAt),
      weightKg,
      measurements: body.measurements ?? null,
    });
    return c.json(weightJson(entry), created ? 201 : 200);
  })
  .openapi(routes.listWeights, async (c) => {
    const rows = await listBodyWeights(database(c.env.DB), c.get("userId"), c.req.valid("query"));
    return c.json({ items: rows.map(weightJson) }, 200);
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
    const query = c.req.valid("query");
    // No range given: today (local). A given range is used as is; either end may be open.
    let range: { from?: string; to?: string } = query;
    if (!query.from && !query.to) {
      const today = (await userActor(c).localNow(c.get("userId"))).date;
      range = { from: today, to: today };
    }
    const rows = await listMealLogs(database(c.env.DB), c.get("userId"), range);
    return c.json({ items: rows.map(mealJson) }, 200);
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
    const keys = ["calories", "protein_g", "fat_g", "carbs_g"] as const;
    return c.json(
      {
        date: now.date,
        targets: Object.fromEntries(keys.map((k) => [k, targets[k]])),
        logged: {
          ...Object.fromEntries(keys.map((k) => [k, round(logged[k])])),
          meals: logged.meals,
        },
        remaining: Object.fromEntries(keys.map((k) => [k, round((targets[k] ?? 0) - logged[k])])),
      },
      200,
    );
  });
