import type { FoodRecord } from "../../engine/foods/food";
import {
  type LoggedFoodItem,
  loggedItem,
  type MealItemInput,
  mealFromItems,
} from "../../engine/foods/meal-items";
import { apiError, validationFailed } from "../errors";
import type { FoodLookup } from "./food-lookup";

// A meal's items by food id and amount, as the logged foods the actor stores: each food found
// (built-in, cache, provider) and its nutrients computed now, so a later change to a cached
// food never rewrites the log. An unknown food is a 422 naming the item.

export async function loggedFoods(
  lookup: FoodLookup,
  items: readonly MealItemInput[],
): Promise<LoggedFoodItem[]> {
  const found = await lookup.byIds(items.map((item) => item.food_id));
  if (!found.ok) throw apiError(found.error);
  const meal = mealFromItems(items, found.value);
  if (!meal.ok)
    throw validationFailed(
      meal.unknown.map(({ index }) => ({
        field: `items[${index}].food_id`,
        code: "invalid_value" as const,
        message: "is not a known food (search /v1/foods)",
      })),
    );
  return meal.items;
}

/** A draft's items as they were seen, when the user confirms it unedited. */
export const draftFoods = (items: readonly { food: FoodRecord; grams: number }[]) =>
  items.map((item) => loggedItem(item.food, { grams: item.grams }));
