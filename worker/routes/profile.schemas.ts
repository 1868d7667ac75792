import { z } from "@hono/zod-openapi";
import { FIELD_STEP, storedProfileSchema } from "../../engine/onboarding/profile";
import { STEP_SCHEMAS } from "../../engine/onboarding/steps";
import { STEP_EXAMPLES } from "./onboarding.schemas";

// The profile is every onboarding field, flat, as stored (metric), plus the targets computed
// from it. Built from the step schemas so the document follows them.

const macros = {
  calories: z.number(),
  protein_g: z.number(),
  fat_g: z.number(),
  carbs_g: z.number(),
};

export const NutritionTargetsSchema = z
  .object({
    ...macros,
    bmr: z.number().openapi({ description: "basal metabolic rate, kcal (Mifflin-St Jeor)" }),
    tdee: z.number().openapi({ description: "total daily energy expenditure, kcal" }),
    calorie_floor: z.number(),
    floor_applied: z.boolean(),
    meals: z.array(z.object({ meal: z.number().int(), ...macros })),
  })
  .openapi("NutritionTargets");

export const NUTRITION_TARGETS_EXAMPLE = {
  calories: 2150,
  protein_g: 128,
  fat_g: 60,
  carbs_g: 271,
  bmr: 1398,
  tdee: 2167,
  calorie_floor: 1200,
  floor_applied: false,
  meals: [
    { meal: 1, calories: 538, protein_g: 32, fat_g: 15, carbs_g: 68 },
    { meal: 2, calories: 538, protein_g: 32, fat_g: 15, carbs_g: 68 },
    { meal: 3, calories: 537, protein_g: 32, fat_g: 15, carbs_g: 67 },
    { meal: 4, calories: 537, protein_g: 32, fat_g: 15, carbs_g: 68 },
  ],
};

export const ProfileSchema = storedProfileSchema
  .extend({
    height_in: z.number().optional().openapi({ description: "imperial users only" }),
    weight_lb: z.number().optional().openapi({ description: "imperial users only" }),
    target_weight_lb: z.number().optional().openapi({ description: "imperial users only" }),
    nutrition_targets: NutritionTargetsSchema.nullable(),
    version: z.number().int().openapi({ description: "increases with every change (ETag)" }),
    updated_at: z.string(),
  })
  .openapi("Profile", {
    description:
      "Every onboarding field, flat and metric (height_in and weight_lb added when " +
      "unit_preference is imperial), plus nutrition_targets, version and updated_at.",
  });

export const PROFILE_EXAMPLE = {
  ...STEP_EXAMPLES.basics,
  ...STEP_EXAMPLES.goals,
  ...STEP_EXAMPLES.experience,
  ...STEP_EXAMPLES.schedule,
  ...STEP_EXAMPLES.equipment,
  ...STEP_EXAMPLES.nutrition,
  ...STEP_EXAMPLES.lifestyle,
  ...STEP_EXAMPLES.reminders,
  nutrition_targets: NUTRITION_TARGETS_EXAMPLE,
  version: 3,
  updated_at: "2026-11-23T09:00:00.000Z",
} as z.output<typeof ProfileSchema>;

// Any subset of the fields; a default (e.g. `injuries: []`) must never fill in a field the
// patch did not send, so defaults are unwrapped.
const patchField = (schema: z.ZodType) =>
  (schema instanceof z.ZodDefault ? (schema.unwrap() as z.ZodType) : schema).optional();
const stepShapes = Object.values(STEP_SCHEMAS).map(
  (step) => step.shape as Record<string, z.ZodType>,
);
export const ProfilePatchBody = z
  .object(
    Object.fromEntries(
      [...FIELD_STEP.keys()].map((field) => [
        field,
        patchField(stepShapes.find((shape) => field in shape)?.[field] as z.ZodType),
      ]),
    ),
  )
  .strict()
  .openapi("ProfilePatch", {
    description:
      "Any subset of the onboarding fields, flat, same names and rules (imperial height_in and " +
      "weight_lb accepted). Unknown fields are rejected.",
  });

const nullableObject = (description: string) =>
  z.record(z.string(), z.unknown()).nullable().openapi({ description });

export const CoachingContextSchema = z
  .object({
    user: z.object({
      id: z.string(),
      name: z.string().nullable(),
      timezone: z.string().nullable(),
      local_date: z.string().nullable(),
      locale: z.string().openapi({
        description:
          "the user's language (profile.locale, BCP 47; en until set): coaches answer in it",
      }),
    }),
    onboarding: z.object({
      completed: z.boolean(),
      progress_percent: z.number().int(),
      current_step: z.string().nullable(),
    }),
    profile_summary: z.string().nullable(),
    goals: nullableObject("primary and secondary goal, target weight"),
    limitations: z
      .object({ injuries: z.array(z.string()), training_history: z.string().nullable() })
      .nullable(),
    training: nullableObject("level, schedule, equipment"),
    nutrition: nullableObject("diet, allergies, meals per day, targets"),
    lifestyle: nullableObject("activity level, sleep, energy"),
    today: z
      .object({
        status: z.string(),
        week: z.number().int().nullable(),
        deload: z.boolean(),
        workout: z.unknown(),
      })
      .nullable(),
    program: z
      .object({
        id: z.string(),
        name: z.string(),
        goal: z.string(),
        duration_weeks: z.number().int(),
        days_per_week: z.number().int(),
        starts_on: z.string().nullable(),
      })
      .nullable(),
    adherence: z.unknown(),
    readiness: z
      .object({
        score: z.number().int(),
        level: z.enum(["low", "normal", "high"]),
        reason: z.string(),
      })
      .nullable()
      .openapi({
        description:
          "Today's readiness from the phone's health data (GET /v1/health/readiness); null without any.",
      }),
    recent_calls: z.array(z.string()).openapi({
      description:
        'The last voice calls\' summaries, latest first ("last call, 2 days ago: workout coach, 12 min; ...").',
    }),
    generated_at: z.string(),
  })
  .openapi("CoachingContext", {
    description: "What a coach knows for one turn (for debugging clients; may gain fields).",
  });
