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
