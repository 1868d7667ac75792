import { z } from "@hono/zod-openapi";

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
    activity: z
      .object({
        base_calories: z.number(),
        adjustment_kcal: z.number(),
        reason: z.string(),
      })
      .nullable()
      .openapi({
        description:
          "With profile.adjust_calories_for_activity: how the phone's active energy moved today's calories (docs/coaching.md); null otherwise.",
      }),
  })
  .openapi("NutritionToday");

const macroTotals = macros.openapi("MacroTotals");

export const MealPlanSchema = z
  .object({
    date: z.string().openapi({ description: "the user's local date the plan is for" }),
    variant: z.number().int().openapi({ description: "regenerations of the day; 0 first" }),
    targets: macroTotals,
    totals: macroTotals,
    within_tolerance: z.boolean(),
    meals: z.array(
      z.object({
        slot: z.number().int().openapi({ description: "1-based; the path of a swap" }),
        name: z.string(),
        items: z.array(
          macros.extend({
            food_id: z.string().openapi({ description: "loggable as is: POST /v1/meals/logs" }),
            name: z.string(),
            grams: z.number(),
          }),
        ),
        totals: macroTotals,
      }),
    ),
  })
  .openapi("MealPlanDay");

export const MealSwapSchema = z
  .object({
    plan: MealPlanSchema,
    changed: z.boolean().openapi({
      description: "false when no other meal fits the diet, allergies and dislikes",
    }),
  })
  .openapi("MealSwap");

export const PlanDateQuery = z
  .object({
    date: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date YYYY-MM-DD")
      .optional()
      .openapi({ description: "A local date from 7 days ago to 14 ahead; today when omitted." }),
  })
  .strict();

export const SlotParam = z.object({
  slot: z.coerce
    .number()
    .int()
    .min(1)
    .max(6)
    .openapi({ param: { name: "slot", in: "path" }, example: 2 }),
});
