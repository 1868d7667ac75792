import { z } from "@hono/zod-openapi";
import { foodSourceSchema } from "../../engine/foods/food";
import { mealItemInputSchema } from "../../engine/foods/meal-items";
import { clientId, isoTime } from "./common.schemas";
import { FoodSchema } from "./foods.schemas";

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

const MealItemInput = mealItemInputSchema.openapi("MealItemInput", {
  description: "A food by id (from /v1/foods) and its amount, in grams or servings.",
});

export const MealLogBody = z
  .object({
    client_id: clientId.optional(),
    meal: z.string().trim().min(1).max(40).openapi({ example: "lunch" }),
    logged_at: isoTime.optional(),
    items: z.array(MealItemInput).min(1).max(50).optional().openapi({
      description: "Foods by id and amount: the macros are computed from each food.",
    }),
    draft_id: z.string().min(1).max(80).optional().openapi({
      description:
        "A plate-photo draft (POST /v1/meals/photo) to confirm: its items, or `items` as edited.",
    }),
    foods: z.array(food).min(1).max(50).optional(),
    calories: z.number().min(0).max(10000).optional(),
    protein_g: z.number().min(0).max(1000).optional(),
    fat_g: z.number().min(0).max(1000).optional(),
    carbs_g: z.number().min(0).max(2000).optional(),
  })
  .strict()
  .refine(
    (b) =>
      [b.foods, b.calories, b.items ?? b.draft_id].filter((given) => given !== undefined).length ===
      1,
    {
      message: "give one of items (or draft_id), foods, or calories (with optional macros)",
      path: ["foods"],
    },
  )
  .openapi("MealLogCreate");

/** A logged food: the free-form one, or one by food id with what was computed when logged. */
const loggedFood = food
  .extend({
    food_id: z.string().optional(),
    source: foodSourceSchema.optional(),
    brand: z.string().optional(),
    servings: z.number().optional(),
    serving_label: z.string().optional(),
    fiber_g: z.number().optional(),
    sugar_g: z.number().optional(),
    sodium_mg: z.number().optional(),
  })
  .openapi("LoggedFood");

export const MealLogSchema = z
  .object({
    id: z.string(),
    client_id: z.string().nullable(),
    meal: z.string(),
    logged_at: z.string(),
    local_date: z.string(),
    foods: z.array(loggedFood).nullable(),
    calories: z.number(),
    protein_g: z.number(),
    fat_g: z.number(),
    carbs_g: z.number(),
  })
  .openapi("MealLog");

const nutrients = z.object({
  calories: z.number(),
  protein_g: z.number(),
  carbs_g: z.number(),
  fat_g: z.number(),
  fiber_g: z.number().optional(),
  sugar_g: z.number().optional(),
  sodium_mg: z.number().optional(),
});

export const MealPhotoDraftSchema = z
  .object({
    id: z.string().openapi({ description: "The draft's id: POST /v1/meals/logs {draft_id}" }),
    photo_key: z.string().openapi({ description: "Where the photo is kept (R2), under the user" }),
    created_at: z.string(),
    meal_log_id: z.string().nullable().openapi({ description: "The log once confirmed" }),
    items: z.array(
      nutrients.extend({
        seen_as: z.string().openapi({ description: "What the model called it" }),
        food: FoodSchema,
        grams: z.number(),
        confidence: z.number().min(0).max(1),
      }),
    ),
    unmatched: z.array(
      z.object({ seen_as: z.string(), grams: z.number(), confidence: z.number() }),
    ),
    totals: nutrients,
  })
  .openapi("MealPhotoDraft");
