import { type FoodRecord, round } from "./food";

// The arithmetic of an amount of a food: grams from grams or servings, nutrients from grams,
// totals of several items. Everything scales linearly from the per-100 g values:
// nutrient(g) = per_100g x g / 100. Amounts are rounded to 0.1 g and each item's nutrients to
// 0.1 (kcal, g, mg); totals add the rounded item values, so what a user sees adds up.

export const MAX_ITEM_GRAMS = 5000;
export const MAX_ITEM_SERVINGS = 50;

/** How much of a food: grams, or servings of the food's serving. */
export type Amount = { grams: number } | { servings: number };

/** Nutrients of an amount of food. `calories` (kcal) keeps the meal logs' name. */
export interface Nutrients {
  calories: number;
  protein_g: number;
  carbs_g: number;
  fat_g: number;
  fiber_g?: number;
  sugar_g?: number;
  sodium_mg?: number;
}

const OPTIONAL = ["fiber_g", "sugar_g", "sodium_mg"] as const;

export function gramsOf(food: Pick<FoodRecord, "serving">, amount: Amount): number {
  return round("grams" in amount ? amount.grams : amount.servings * food.serving.grams, 1);
}

export function nutrientsFor(food: Pick<FoodRecord, "per_100g">, grams: number): Nutrients {
  const n = food.per_100g;
  const scaled = (value: number) => round((value * grams) / 100, 1);
  const nutrients: Nutrients = {
    calories: scaled(n.kcal),
    protein_g: scaled(n.protein_g),
    carbs_g: scaled(n.carbs_g),
    fat_g: scaled(n.fat_g),
  };
  for (const key of OPTIONAL) {
    const value = n[key];
    if (value !== undefined) nutrients[key] = scaled(value);
  }
  return nutrients;
}

/**
 * The sum of several items. An optional nutrient is in the total only when every item
 * states it: a fibre total over half the plate would read as the plate's.
 */
export function sumNutrients(items: readonly Nutrients[]): Nutrients {
  const add = (pick: (item: Nutrients) => number) =>
    round(
      items.reduce((sum, item) => sum + pick(item), 0),
      1,
    );
  const total: Nutrients = {
    calories: add((i) => i.calories),
    protein_g: add((i) => i.protein_g),
    carbs_g: add((i) => i.carbs_g),
    fat_g: add((i) => i.fat_g),
  };
  for (const key of OPTIONAL)
    if (items.length > 0 && items.every((item) => item[key] !== undefined))
      total[key] = add((item) => item[key] as number);
  return total;
}
