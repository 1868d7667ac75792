import { z } from "@hono/zod-openapi";
import { weekdaySchema } from "../../kernel/dates";
import { clientId, imperialOnly, isoDate, isoTime, pageQuery } from "./common.schemas";

export const SessionCreateBody = z
  .object({
    client_id: clientId.optional(),
    planned_day: z
      .union([
        z.literal("today"),
        z.object({ week: z.number().int().min(1).max(16), weekday: weekdaySchema }).strict(),
      ])
      .optional()
      .openapi({ description: '"today" or {week, weekday} of the active program' }),
    started_at: isoTime.optional(),
    notes: z.string().max(2000).optional(),
  })
  .strict()
  .openapi("WorkoutSessionCreate", { example: { client_id: "a1b2c3", planned_day: "today" } });

export const SessionPatchBody = z
  .object({
    status: z.literal("completed").optional(),
    finished_at: isoTime.optional(),
    notes: z.string().max(2000).nullable().optional(),
    perceived_effort: z.number().int().min(1).max(10).optional(),
  })
  .strict()
  .refine((body) => Object.keys(body).length > 0, "send at least one field")
  .openapi("WorkoutSessionPatch", { example: { status: "completed", perceived_effort: 8 } });

export const SessionSchema = z
  .object({
    id: z.string(),
    client_id: z.string().nullable(),
    program_id: z.string().nullable(),
    planned_week: z.number().int().nullable(),
    planned_weekday: z.string().nullable(),
    local_date: z.string(),
    status: z.enum(["in_progress", "completed"]),
    started_at: z.string(),
    finished_at: z.string().nullable(),
    notes: z.string().nullable(),
    perceived_effort: z.number().int().nullable(),
  })
  .openapi("WorkoutSession");

const setWeight = {
  weight_kg: z
    .number()
    .min(0)
    .max(1000)
    .optional()
    .openapi({ description: "0 or absent for bodyweight" }),
  weight_lb: z
    .number()
    .min(0)
    .max(2200)
    .optional()
    .openapi({ description: "instead of weight_kg" }),
};

const oneWeight = (body: { weight_kg?: number; weight_lb?: number }) =>
  body.weight_kg === undefined || body.weight_lb === undefined;

export const SetBody = z
  .object({
    client_id: clientId,
    exercise_id: z.string().min(1).max(200),
    reps: z.number().int().min(0).max(200),
    ...setWeight,
    rir: z.number().int().min(0).max(10).optional(),
    rest_seconds: z.number().int().min(0).max(3600).optional(),
  })
  .strict()
  .refine(oneWeight, { message: "give weight_kg or weight_lb, not both", path: ["weight_kg"] })
  .openapi("WorkoutSetCreate");

export const SetPatchBody = z
  .object({
    reps: z.number().int().min(0).max(200).optional(),
    ...setWeight,
    rir: z.number().int().min(0).max(10).nullable().optional(),
    rest_seconds: z.number().int().min(0).max(3600).nullable().optional(),
  })
  .strict()
  .refine((body) => Object.keys(body).length > 0, "send at least one field")
  .refine(oneWeight, { message: "give weight_kg or weight_lb, not both", path: ["weight_kg"] })
  .openapi("WorkoutSetPatch");

export const SetSchema = z
  .object({
    id: z.string(),
    session_id: z.string(),
    client_id: z.string(),
    exercise_id: z.string(),
    reps: z.number().int(),
    weight_kg: z.number(),
    weight_lb: imperialOnly("weight_kg"),
    rir: z.number().int().nullable(),
    rest_seconds: z.number().int().nullable(),
    planned: z
      .object({
        sets: z.number().int(),
        rep_min: z.number().int(),
        rep_max: z.number().int(),
        target_rir: z.number().int(),
        rest_seconds: z.number().int(),
      })
      .nullable()
      .openapi({ description: "the program's targets for this exercise on a planned session" }),
    created_at: z.string(),
  })
  .openapi("WorkoutSet");

export const SessionListQuery = z
  .object({ from: isoDate.optional(), to: isoDate.optional(), ...pageQuery })
  .strict();

export const SetListQuery = z.object(pageQuery).strict();

export const IdParam = z.object({
  id: z
    .string()
    .max(100)
    .openapi({ param: { name: "id", in: "path" } }),
});

export const SetParams = z.object({
  id: z
    .string()
    .max(100)
    .openapi({ param: { name: "id", in: "path" } }),
  set_id: z
    .string()
    .max(100)
    .openapi({ param: { name: "set_id", in: "path" } }),
});
