import { createRoute, z } from "@hono/zod-openapi";
import { userActor } from "../actor";
import { addDays } from "../coaching/dates";
import { database } from "../db/client";
import { completedSessions, listBodyWeights, setsSince } from "../db/tracking";
import { requireUser } from "../middleware/auth";
import {
  adherence,
  bodyWeightTrend,
  estimatedOneRepMax,
  hardSetsLastWeek,
  personalRecords,
  plannedSessions,
  streaks,
} from "../tracking/progress";
import { bearerSecurity, errorResponses, jsonResponse } from "./common.schemas";
import { routeGroup } from "./route-group";

const ProgressQuery = z.object({
  days: z.coerce.number().int().min(7).max(730).default(365).openapi({
    description: "how far back the 1RM series, records and body-weight trend reach",
  }),
});

const ProgressSchema = z
  .object({
    date: z.string(),
    adherence: z.object({
      last_7_days: z.object({ planned: z.number(), done: z.number(), rate: z.number().nullable() }),
      last_28_days: z.object({
        planned: z.number(),
        done: z.number(),
        rate: z.number().nullable(),
      }),
    }),
    streak: z.object({ current: z.number(), longest: z.number() }),
    weekly_hard_sets: z.array(
      z.object({ muscle: z.string(), done: z.number(), target: z.number() }),
    ),
    estimated_1rm: z.array(
      z.object({
        exercise_id: z.string(),
        series: z.array(z.object({ date: z.string(), e1rm_kg: z.number() })),
      }),
    ),
    personal_records: z.array(z.record(z.string(), z.unknown())),
    body_weight: z.array(
      z.object({ date: z.string(), weight_kg: z.number(), average_7d_kg: z.number() }),
    ),
  })
  .openapi("Progress");

const progressRoute = createRoute({
  method: "get",
  path: "/v1/progress",
  tags: ["tracking"],
  summary: "Adherence, streaks, weekly hard sets, estimated 1RM, records and weight trend",
  description: "Rules and formulas: docs/coaching.md (Progress).",
  security: bearerSecurity,
  middleware: [requireUser()],
  request: { query: ProgressQuery },
  responses: { 200: jsonResponse(ProgressSchema, "Progress."), ...errorResponses(401, 422, 500) },
});

export const progressRoutes = routeGroup().openapi(progressRoute, async (c) => {
  const userId = c.get("userId");
  const actor = userActor(c);
  const db = database(c.env.DB);
  const [now, program] = await Promise.all([
    actor.localNow(userId),
    actor.getActiveProgram(userId),
  ]);
  const since = addDays(now.date, -(c.req.valid("query").days - 1));
  const [done, sets, weights, today] = await Promise.all([
    program ? completedSessions(db, userId, program.id) : Promise.resolve([]),
    setsSince(db, userId, since),
    listBodyWeights(db, userId, { from: since }),
    program ? actor.getTodayWorkout(userId) : null,
  ]);
  const planned = program ? plannedSessions(program, now.date) : [];
  const currentWeek = program?.weeks.find((w) => w.week === (today?.week ?? 1));
  return c.json(
    {
      date: now.date,
      adherence: {
        last_7_days: adherence(planned, done, now.date, 7),
        last_28_days: adherence(planned, done, now.date, 28),
      },
      streak: streaks(planned, done, now.date),
      weekly_hard_sets: hardSetsLastWeek(
        sets,
        now.date,
        currentWeek?.days.flatMap((d) => d.exercises) ?? [],
      ),
      estimated_1rm: estimatedOneRepMax(sets),
      personal_records: personalRecords(sets),
      body_weight: bodyWeightTrend(
        weights.map((w) => ({ local_date: w.localDate, weight_kg: w.weightKg })),
      ),
    },
    200,
  );
});
