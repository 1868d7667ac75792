import { createRoute, z } from "@hono/zod-openapi";
import { userActor } from "../actor";
import { programDaySchema } from "../coaching/program-schema";
import { weekdaySchema } from "../coaching/vocabulary";
import { requireUser } from "../middleware/auth";
import { bearerSecurity, errorResponses, jsonResponse } from "./common.schemas";
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

const todayRoute = createRoute({
  method: "get",
  path: "/v1/workouts/today",
  tags: ["programs"],
  summary: "Today's planned session (or a rest day) in the user's timezone",
  security: bearerSecurity,
  middleware: [requireUser()] as const,
  responses: { 200: jsonResponse(TodaySchema, "Today's plan."), ...errorResponses(401, 500) },
});

export const workoutRoutes = routeGroup().openapi(todayRoute, async (c) => {
  return c.json((await userActor(c).getTodayWorkout(c.get("userId"))) as never, 200);
});
