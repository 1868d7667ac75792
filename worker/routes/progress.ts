import { z } from "@hono/zod-openapi";
import { userActor } from "../actor";
import { requireUser } from "../middleware/auth";
import { sendJsonText } from "../responses";
import { bearerSecurity, jsonResponse } from "./common.schemas";
import { defineRoute } from "./define-route";
import { routeGroup } from "./route-group";

const ProgressQuery = z
  .object({
    days: z.coerce.number().int().min(7).max(730).default(365).openapi({
      description: "how far back the 1RM series, records and body-weight trend reach",
    }),
  })
  .strict();

const lb = (of: string) =>
  z
    .number()
    .optional()
    .openapi({ description: `${of} in lb; imperial users only` });

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
        series: z.array(
          z.object({ date: z.string(), e1rm_kg: z.number(), e1rm_lb: lb("e1rm_kg") }),
        ),
      }),
    ),
    personal_records: z.array(
      z.object({
        exercise_id: z.string(),
        e1rm_kg: z.number(),
        e1rm_lb: lb("e1rm_kg"),
        e1rm_date: z.string(),
        heaviest_kg: z.number(),
        heaviest_lb: lb("heaviest_kg"),
        heaviest_reps: z.number().int(),
        heaviest_date: z.string(),
      }),
    ),
    body_weight: z.array(
      z.object({
        date: z.string(),
        weight_kg: z.number(),
        weight_lb: lb("weight_kg"),
        average_7d_kg: z.number(),
        average_7d_lb: lb("average_7d_kg"),
      }),
    ),
  })
  .openapi("Progress");

const progressRoute = defineRoute({
  method: "get",
  path: "/",
  operationId: "getProgress",
  tags: ["tracking"],
  summary: "Adherence, streaks, weekly hard sets, estimated 1RM, records and weight trend",
  description:
    "Computed from the logs in the user's timezone. Weights in kg, with the lb values beside " +
    "them for imperial users. Rules and formulas: docs/coaching.md (Progress).",
  security: bearerSecurity,
  middleware: [requireUser()],
  request: { query: ProgressQuery },
  responses: {
    200: jsonResponse(ProgressSchema, "Progress.", {
      date: "2026-11-23",
      adherence: {
        last_7_days: { planned: 4, done: 3, rate: 0.75 },
        last_28_days: { planned: 16, done: 14, rate: 0.875 },
      },
      streak: { current: 3, longest: 9 },
      weekly_hard_sets: [{ muscle: "quads", done: 9, target: 12 }],
      estimated_1rm: [
        {
          exercise_id: "barbell-back-squat",
          series: [{ date: "2026-11-23", e1rm_kg: 77.6, e1rm_lb: 171.1 }],
        },
      ],
      personal_records: [
        {
          exercise_id: "barbell-back-squat",
          e1rm_kg: 77.6,
          e1rm_lb: 171.1,
          e1rm_date: "2026-11-23",
          heaviest_kg: 61.23,
          heaviest_lb: 135,
          heaviest_reps: 8,
          heaviest_date: "2026-11-23",
        },
      ],
      body_weight: [
        {
          date: "2026-11-23",
          weight_kg: 79.83,
          weight_lb: 176,
          average_7d_kg: 80.1,
          average_7d_lb: 176.6,
        },
      ],
    }),
  },
});

// Computed in the user's actor, from its own logs and cached program, and kept there as JSON
// text until a write: one call, and the Worker sends the text as it is.
export const progressRoutes = routeGroup().openapi(progressRoute, async (c) => {
  return sendJsonText(c, await userActor(c).tracking.progressJson(c.req.valid("query").days));
});
