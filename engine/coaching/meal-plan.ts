import { z } from "zod";
import { allowedFoods, FOODS, type Food, type FoodRole } from "./foods";
import { type MacroTargets, splitPerMeal } from "./nutrition";
import { deriveRng, type Rng } from "./rng";
import { allergenSchema, dietTypeSchema } from "./vocabulary";

// A day's meal plan for given targets. Foods come from the built-in list filtered by diet
// type, allergies and dislikes (never relaxed). Each meal gets two protein foods, a carb
// food (none on keto), a fat food and a vegetable or fruit, chosen with a seeded shuffle so
// meals differ. Portions are solved per meal by non-negative least squares (coordinate
// descent within 0..max portion, at least 50 g of produce), each error weighed against its
// tolerance band; while a meal is short of protein (under 95%) or calories (under 97%), up
// to six more foods of the missing kind are added and the meal is solved again. Portions
// are rounded to 5 g; a food under 10 g is removed and the meal solved again. The plan
// reports whether the day is within ±10% of the calorie target and ±15% of the protein
// target; with a reasonable food list it is (the property test states the exact
// conditions), but a list cut down by many exclusions may not allow it, and the plan says
// so rather than breaking the diet.

export const CALORIE_TOLERANCE = 0.1;
export const PROTEIN_TOLERANCE = 0.15;

export const mealPlanInputSchema = z.object({
  calories: z.number().int().min(800).max(10000),
  protein_g: z.number().int().min(0).max(1000),
  fat_g: z.number().int().min(0).max(1200),
  carbs_g: z.number().int().min(0).max(2500),
  meals_per_day: z.number().int().min(2).max(6).default(3),
  diet_type: dietTypeSchema.default("omnivore"),
  allergies: z.array(allergenSchema).default([]),
  /** Food ids, words of food names or food groups, e.g. "tofu", "beans", "fish". */
  dislikes: z.array(z.string().max(60)).max(60).default([]),
  seed: z.union([z.string().max(200), z.number().int()]).default(0),
});
export type MealPlanInput = z.output<typeof mealPlanInputSchema>;
export type MealPlanInputRaw = z.input<typeof mealPlanInputSchema>;

export interface MealItem extends MacroTargets {
  food_id: string;
  name: string;
  grams: number;
}

export interface Meal {
  meal: number;
  name: string;
  items: MealItem[];
  totals: MacroTargets;
}

export interface MealPlan {
  targets: MacroTargets;
  meals: Meal[];
  totals: MacroTargets;
  within_tolerance: boolean;
}

const MEAL_NAMES: Readonly<Record<number, readonly string[]>> = {
  2: ["Breakfast", "Dinner"],
  3: ["Breakfast", "Lunch", "Dinner"],
  4: ["Breakfast", "Lunch", "Afternoon snack", "Dinner"],
  5: ["Breakfast", "Morning snack", "Lunch", "Afternoon snack", "Dinner"],
  6: ["Breakfast", "Morning snack", "Lunch", "Afternoon snack", "Dinner", "Evening snack"],
};

const MACRO_WEIGHT = 0.25;
const MIN_PRODUCE = 0.5;
/** Smaller portions are dropped: 5 g of tahini is not a meal item. */
const MIN_ITEM_GRAMS = 10;
const ITERATIONS = 60;

const vector = (food: Food) => [food.kcal, food.protein_g, food.fat_g, food.carbs_g] as const;

/** Portions in units of 100 g minimising the weighted relative error against `target`. */
function solvePortions(foods: readonly Food[], target: MacroTargets): number[] {
  const goal = [target.calories, target.protein_g, target.fat_g, target.carbs_g];
  // Each error is measured against its tolerance band: calories against 10% of the
  // calories, protein against 15% of the protein, fat and carbohydrate as kcal against 10% of
  // the calories at a quarter of the weight (so 10 g of carbs on keto never outweigh
  // hundreds of missing kcal).
  const calorieBand = CALORIE_TOLERANCE * Math.max(target.calories, 100);
  const weight = [
    1 / calorieBand ** 2,
    1 / (PROTEIN_TOLERANCE * Math.max(target.protein_g, 10)) ** 2,
    MACRO_WEIGHT * (9 / calorieBand) ** 2,
    MACRO_WEIGHT * (4 / calorieBand) ** 2,
  ];
  const lower = foods.map((food) => (food.role === "produce" ? MIN_PRODUCE : 0));
  const upper = foods.map((food, j) => Math.max(food.max_portion_g / 100, lower[j] as number));
  const x = foods.map(
    (food, j) => (food.role === "produce" ? 1 : 0.5) * Math.min(1, upper[j] as number),
  );
  const totals = goal.map((_, k) =>
    foods.reduce((sum, food, j) => sum + (vector(food)[k] as number) * (x[j] as number), 0),
  );
  for (let iteration = 0; iteration < ITERATIONS; iteration++) {
    foods.forEach((food, j) => {
      const a = vector(food);
      let gradient = 0;
      let curvature = 0;
      for (let k = 0; k < 4; k++) {
        const ak = a[k] as number;
        gradient += (weight[k] as number) * ak * ((totals[k] as number) - (goal[k] as number));
        curvature += (weight[k] as number) * ak * ak;
      }
      if (curvature === 0) return;
      const old = x[j] as number;
      const updated = Math.min(
        upper[j] as number,
        Math.max(lower[j] as number, old - gradient / curvature),
      );
      if (updated === old) return;
      x[j] = updated;
      for (let k = 0; k < 4; k++)
        totals[k] = (totals[k] as number) + (a[k] as number) * (updated - old);
    });
  }
  return x;
}

function itemFor(food: Food, grams: number): MealItem {
  const factor = grams / 100;
  return {
    food_id: food.id,
    name: food.name,
    grams,
    calories: Math.round(food.kcal * factor),
    protein_g: Math.round(food.protein_g * factor),
    fat_g: Math.round(food.fat_g * factor),
    carbs_g: Math.round(food.carbs_g * factor),
  };
}

function sumTotals(items: readonly MacroTargets[]): MacroTargets {
  return items.reduce(
    (sum, item) => ({
      calories: sum.calories + item.calories,
      protein_g: sum.protein_g + item.protein_g,
      fat_g: sum.fat_g + item.fat_g,
      carbs_g: sum.carbs_g + item.carbs_g,
    }),
    { calories: 0, protein_g: 0, fat_g: 0, carbs_g: 0 },
  );
}

/** A rotating supply of foods of one role, in a seeded order. */
function rotation(foods: readonly Food[], role: FoodRole, rng: Rng) {
  const pool = rng.shuffle(foods.filter((food) => food.role === role));
  let cursor = 0;
  return (exclude: ReadonlySet<string>): Food | null => {
    for (let tries = 0; tries < pool.length; tries++) {
      const food = pool[cursor % pool.length] as Food;
      cursor++;
      if (!exclude.has(food.id)) return food;
    }
    return null;
  };
}

/** Solves, then re-solves without foods that came out under the minimum portion. */
function buildMeal(foods: readonly Food[], target: MacroTargets): MealItem[] {
  let kept = [...foods];
  for (;;) {
    const portions = solvePortions(kept, target);
    const grams = kept.map((_, j) => Math.round(((portions[j] as number) * 100) / 5) * 5);
    const enough = kept.filter((_, j) => (grams[j] as number) >= MIN_ITEM_GRAMS);
    if (enough.length === kept.length || enough.length === 0) {
      return kept
        .map((food, j) => itemFor(food, grams[j] as number))
        .filter((item) => item.grams >= MIN_ITEM_GRAMS);
    }
    kept = enough;
  }
}

const MAX_EXTRA_FOODS = 6;

/**
 * Kinds of food to add, in order, when a meal falls short: protein when under 95% of its
 * protein, otherwise (under 97% of its calories) the energy macro it lacks most, then the
 * other one. Empty when the meal is close enough.
 */
function shortRoles(totals: MacroTargets, target: MacroTargets, keto: boolean): FoodRole[] {
  const energy: FoodRole[] = keto
    ? ["fat"]
    : (target.carbs_g - totals.carbs_g) * 4 >= (target.fat_g - totals.fat_g) * 9
      ? ["carb", "fat"]
      : ["fat", "carb"];
  if (totals.protein_g < 0.95 * target.protein_g) return ["protein", ...energy];
  if (totals.calories < 0.97 * target.calories) return [...energy, "produce"];
  return [];
}

export function buildMealPlan(raw: MealPlanInputRaw, foodList: readonly Food[] = FOODS): MealPlan {
  const input = mealPlanInputSchema.parse(raw);
  const targets: MacroTargets = {
    calories: input.calories,
    protein_g: input.protein_g,
    fat_g: input.fat_g,
    carbs_g: input.carbs_g,
  };
  const allowed = allowedFoods(foodList, input.diet_type, input.allergies, input.dislikes);
  const rng = deriveRng(input.seed, "meal-plan");
  const next = {
    protein: rotation(allowed, "protein", rng),
    carb: rotation(allowed, "carb", rng),
    fat: rotation(allowed, "fat", rng),
    produce: rotation(allowed, "produce", rng),
  };
  const keto = input.diet_type === "keto";
  const names = MEAL_NAMES[input.meals_per_day] ?? [];

  const meals = splitPerMeal(targets, input.meals_per_day).map((target, i) => {
    const chosen: Food[] = [];
    const take = (role: FoodRole) => {
      const food = next[role](new Set(chosen.map((f) => f.id)));
      if (food) chosen.push(food);
    };
    take("protein");
    take("protein");
    if (!keto) take("carb");
    take("fat");
    take("produce");
    let items = buildMeal(chosen, target);
    // Big meals outgrow one portion of each food: add the food the meal is shortest of.
    for (let extra = 0; extra < MAX_EXTRA_FOODS; extra++) {
      const before = chosen.length;
      for (const role of shortRoles(sumTotals(items), target, keto)) {
        take(role);
        if (chosen.length > before) break;
      }
      if (chosen.length === before) break;
      items = buildMeal(chosen, target);
    }
    return {
      meal: target.meal,
      name: names[i] ?? `Meal ${i + 1}`,
      items,
      totals: sumTotals(items),
    };
  });

  const totals = sumTotals(meals.map((meal) => meal.totals));
  const within =
    Math.abs(totals.calories - targets.calories) <= CALORIE_TOLERANCE * targets.calories &&
    Math.abs(totals.protein_g - targets.protein_g) <= PROTEIN_TOLERANCE * targets.protein_g;
  return { targets, meals, totals, within_tolerance: within };
}
