import { z } from "@hono/zod-openapi";
import { userActor } from "../actor";
import { programDaySchema } from "../coaching/program-schema";
import { weekdaySchema } from "../coaching/vocabulary";
import { requireUser } from "../middleware/auth";
import { bearerSecurity, jsonResponse } from "./common.schemas";
import { defineRoute } from "./define-route";
import { PROGRAM_DAY, PROGRAM_ID } from "./examples";
import { routeGroup } from "./route-group";

const TodaySchema = z
  .object({
    date: z.string().openapi({ example: "2026-11-23", description: "the user's local date" }),
    weekday: weekdaySchema,
    status: z.enum(["session", "rest", "not_started", "finished", "no_program"]),
    program_id: z.string().nullable(),
    week: z.number().int().nullable(),
    deload: z.boolean(),
    session: programDaySchema.nullable(),
    completed: z
      .boolean()
      .openapi({ description: "a finished session is logged for this planned day" }),
  })
  .openapi("TodayWorkout");

const todayRoute = defineRoute({
  method: "get",
  path: "/v1/workouts/today",
  operationId: "getTodayWorkout",
  tags: ["programs"],
  summary: "Today's planned session (or a rest day) in the user's timezone",
  description:
    "`status`: `session` (a session is planned), `rest`, `not_started` (the program starts " +
    "later), `finished` (past its last week) or `no_program`. `completed` says whether a " +
    "finished session is logged for today's planned day.",
  security: bearerSecurity,
  middleware: [requireUser()] as const,
  responses: {
    200: jsonResponse(TodaySchema, "Today's plan.", {
      date: "2026-11-23",
      weekday: "mon",
      status: "session",
      program_id: PROGRAM_ID,
      week: 1,
      deload: false,
      session: PROGRAM_DAY,
      completed: false,
    }),
  },
});

export const workoutRoutes = routeGroup().openapi(todayRoute, async (c) => {
  return c.json(await userActor(c).getTodayWorkout(c.get("userId")), 200);
});
