import { z } from "@hono/zod-openapi";
import { weekdaySchema } from "../coaching/vocabulary";
import { pageQuery } from "./common.schemas";

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date YYYY-MM-DD");
const isoTime = z.string().datetime({ offset: true, message: "must be an ISO 8601 date-time" });
const clientId = z.string().trim().min(1).max(100).openapi({
  description:
    "The app's id for this record; sending it again returns the stored record instead of a copy.",
});

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

const imperialOnly = (what: string) =>
  z
    .number()
    .optional()
    .openapi({ description: `${what} in lb; imperial users only` });

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

export const BodyWeightBody = z
  .object({
    client_id: clientId.optional(),
    weight_kg: z.number().min(20).max(400).optional(),
    weight_lb: z
      .number()
      .min(44)
      .max(880)
      .optional()
      .openapi({ description: "instead of weight_kg" }),
    measured_at: isoTime.optional(),
    measurements: z
      .object({
        body_fat_pct: z.number().min(2).max(70).optional(),
        waist_cm: z.number().min(30).max(250).optional(),
        hips_cm: z.number().min(30).max(250).optional(),
        chest_cm: z.number().min(30).max(250).optional(),
        arm_cm: z.number().min(10).max(100).optional(),
        thigh_cm: z.number().min(20).max(150).optional(),
      })
      .strict()
      .optional(),
  })
  .strict()
  .refine((b) => (b.weight_kg === undefined) !== (b.weight_lb === undefined), {
    message: "give exactly one of weight_kg or weight_lb",
    path: ["weight_kg"],
  })
  .openapi("BodyWeightCreate");

const measurements = z
  .object({
    body_fat_pct: z.number().optional(),
    waist_cm: z.number().optional(),
    hips_cm: z.number().optional(),
    chest_cm: z.number().optional(),
    arm_cm: z.number().optional(),
    thigh_cm: z.number().optional(),
  })
  .nullable();

export const BodyWeightSchema = z
  .object({
    id: z.string(),
    client_id: z.string().nullable(),
    weight_kg: z.number(),
    weight_lb: imperialOnly("weight_kg"),
    measured_at: z.string(),
    local_date: z.string(),
    measurements,
  })
  .openapi("BodyWeight");

const food = z
  .object({
    name: z.string().min(1).max(120),
    grams: z.number().min(0).max(5000).optional(),
    calories: z.number().min(0).max(10000),
    protein_g: z.number().min(0).max(1000).default(0),
    fat_g: z.number().min(0).max(1000).default(0),
    carbs_g: z.number().min(0).max(2000).default(0),
  })
  .strict();

export const MealLogBody = z
  .object({
    client_id: clientId.optional(),
    meal: z.string().trim().min(1).max(40).openapi({ example: "lunch" }),
    logged_at: isoTime.optional(),
    foods: z.array(food).min(1).max(50).optional(),
    calories: z.number().min(0).max(10000).optional(),
    protein_g: z.number().min(0).max(1000).optional(),
    fat_g: z.number().min(0).max(1000).optional(),
    carbs_g: z.number().min(0).max(2000).optional(),
  })
  .strict()
  .refine((b) => (b.foods !== undefined) !== (b.calories !== undefined), {
    message: "give either foods or calories (with optional macros), not both",
    path: ["foods"],
  })
  .openapi("MealLogCreate");

export const MealLogSchema = z
  .object({
    id: z.string(),
    client_id: z.string().nullable(),
    meal: z.string(),
    logged_at: z.string(),
    local_date: z.string(),
    foods: z.array(food).nullable(),
    calories: z.number(),
    protein_g: z.number(),
    fat_g: z.number(),
    carbs_g: z.number(),
  })
  .openapi("MealLog");

const macros = z.object({
  calories: z.number(),
  protein_g: z.number(),
  fat_g: z.number(),
  carbs_g: z.number(),
});
export const NutritionTodaySchema = z
  .object({
    date: z.string().openapi({ description: "the user's local date" }),
    targets: macros,
    logged: macros.extend({ meals: z.number().int() }),
    remaining: macros,
  })
  .openapi("NutritionToday");

export const DateRangeQuery = z
  .object({
    from: isoDate.optional().openapi({ description: "first local date (inclusive)" }),
    to: isoDate.optional().openapi({ description: "last local date (inclusive)" }),
    ...pageQuery,
  })
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
