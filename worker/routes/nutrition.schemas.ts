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
  })
  .openapi("NutritionToday");
