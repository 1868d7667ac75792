import { z } from "zod";
import type { FoodRecord } from "./food";
import {
  type Amount,
  gramsOf,
  MAX_ITEM_GRAMS,
  MAX_ITEM_SERVINGS,
  type Nutrients,
  nutrientsFor,
  sumNutrients,
} from "./portion";

// A meal logged by food and amount. Each item keeps the food's name and the nutrients computed
// when it was logged, so a later change to a cached food never rewrites history; the log's
// totals are the sum of its items. The item is a superset of the free-form food of a quick log
// (`{name, grams?, calories, protein_g, fat_g, carbs_g}`), so both kinds add up the same way.

const foodIdField = z.string().min(3).max(80);
export const mealItemInputSchema = z.union([
  z.object({ food_id: foodIdField, grams: z.number().positive().max(MAX_ITEM_GRAMS) }).strict(),
  z
    .object({ food_id: foodIdField, servings: z.number().positive().max(MAX_ITEM_SERVINGS) })
    .strict(),
]);
export type MealItemInput = z.infer<typeof mealItemInputSchema>;

export interface LoggedFoodItem extends Nutrients {
  food_id: string;
  source: FoodRecord["source"];
  name: string;
  brand?: string;
  grams: number;
  /** Present when the amount was given in servings (of the serving below). */
  servings?: number;
  serving_label?: string;
}

export const amountOf = (input: MealItemInput): Amount =>
  "grams" in input ? { grams: input.grams } : { servings: input.servings };

/** One logged item: the amount of the food in grams and its nutrients at that weight. */
export function loggedItem(food: FoodRecord, amount: Amount): LoggedFoodItem {
  const grams = gramsOf(food, amount);
  return {
    food_id: food.id,
    source: food.source,
    name: food.name,
    ...(food.brand ? { brand: food.brand } : {}),
    grams,
    ...("servings" in amount
      ? { servings: amount.servings, serving_label: food.serving.label }
      : {}),
    ...nutrientsFor(food, grams),
  };
}

export type ItemsResult =
  | { ok: true; items: LoggedFoodItem[]; totals: Nutrients }
  | { ok: false; unknown: { index: number; food_id: string }[] };

/**
 * A meal's items from what the user sent and the foods they name (looked up by the caller:
 * built-in, cache or provider). Every unknown food id is reported, with its index, so the
 * answer can name each field.
 */
export function mealFromItems(
  inputs: readonly MealItemInput[],
  foods: ReadonlyMap<string, FoodRecord>,
): ItemsResult {
  const unknown = inputs.flatMap((input, index) =>
    foods.has(input.food_id) ? [] : [{ index, food_id: input.food_id }],
  );
  if (unknown.length) return { ok: false, unknown };
  const items = inputs.map((input) =>
    loggedItem(foods.get(input.food_id) as FoodRecord, amountOf(input)),
  );
  return { ok: true, items, totals: sumNutrients(items) };
}
