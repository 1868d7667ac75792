import { FOODS, type Food } from "../coaching/foods";
import { type FoodRecord, foodId, type Serving } from "./food";

// The built-in foods (the meal planner's list) in the shape every food has, so they answer a
// search and a log with no provider key at all. Their values are per 100 g as eaten; a
// serving is a common household measure where one is obvious (grams from USDA's household
// weights, rounded), else 100 g.

// biome-ignore format: one food a line reads as a table
const SERVINGS: Readonly<Record<string, Serving>> = {
  "chicken-breast": { grams: 120, label: "1 breast fillet" },
  "eggs": { grams: 50, label: "1 large egg" },
  "egg-whites": { grams: 33, label: "1 large egg white" },
  "greek-yogurt": { grams: 170, label: "1 pot (170 g)" },
  "cheddar": { grams: 28, label: "1 slice (28 g)" },
  "whey-protein": { grams: 30, label: "1 scoop" },
  "pea-protein": { grams: 30, label: "1 scoop" },
  "oats": { grams: 40, label: "1/2 cup dry" },
  "brown-rice": { grams: 195, label: "1 cup cooked" },
  "white-rice": { grams: 160, label: "1 cup cooked" },
  "quinoa": { grams: 185, label: "1 cup cooked" },
  "wholewheat-bread": { grams: 32, label: "1 slice" },
  "wholewheat-pasta": { grams: 140, label: "1 cup cooked" },
  "potato": { grams: 170, label: "1 medium potato" },
  "sweet-potato": { grams: 150, label: "1 medium sweet potato" },
  "banana": { grams: 118, label: "1 medium banana" },
  "dates": { grams: 24, label: "1 Medjool date" },
  "apple": { grams: 182, label: "1 medium apple" },
  "orange": { grams: 131, label: "1 medium orange" },
  "raspberries": { grams: 123, label: "1 cup" },
  "olive-oil": { grams: 13.5, label: "1 tablespoon" },
  "butter": { grams: 14, label: "1 tablespoon" },
  "avocado": { grams: 150, label: "1 avocado, flesh" },
  "almonds": { grams: 28, label: "1 handful (28 g)" },
  "walnuts": { grams: 28, label: "1 handful (28 g)" },
  "peanut-butter": { grams: 32, label: "2 tablespoons" },
  "tahini": { grams: 15, label: "1 tablespoon" },
  "chia-seeds": { grams: 12, label: "1 tablespoon" },
  "broccoli": { grams: 91, label: "1 cup chopped" },
  "spinach": { grams: 30, label: "1 cup raw" },
  "bell-pepper": { grams: 119, label: "1 medium pepper" },
  "carrots": { grams: 61, label: "1 medium carrot" },
  "tomato": { grams: 123, label: "1 medium tomato" },
};

const HUNDRED_GRAMS: Serving = { grams: 100, label: "100 g" };

function toRecord(food: Food): FoodRecord {
  return {
    id: foodId("builtin", food.id),
    source: "builtin",
    name: food.name,
    serving: SERVINGS[food.id] ?? HUNDRED_GRAMS,
    per_100g: {
      kcal: food.kcal,
      protein_g: food.protein_g,
      carbs_g: food.carbs_g,
      fat_g: food.fat_g,
    },
  };
}

export const BUILTIN_FOODS: readonly FoodRecord[] = FOODS.map(toRecord);

const byId = new Map(BUILTIN_FOODS.map((food) => [food.id, food]));

/** A built-in food by its full id (`builtin:oats`). */
export const builtinFood = (id: string): FoodRecord | undefined => byId.get(id);
