import { z } from "@hono/zod-openapi";
import { clientId, isoTime } from "./common.schemas";

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
