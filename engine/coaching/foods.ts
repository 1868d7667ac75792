import { type Allergen, DIET_TYPES, type DietType } from "./vocabulary";

// A small built-in food list for deterministic meal plans. Values are per 100 g as eaten
// (cooked for meat, fish, grains and legumes; dry for oats and powders), rounded from
// common food-composition tables. Diet compatibility is derived from the food group plus
// keto and paleo flags, so it cannot contradict the group.

export type FoodRole = "protein" | "carb" | "fat" | "produce";

export type FoodGroup =
  | "poultry"
  | "meat"
  | "fish"
  | "shellfish"
  | "egg"
  | "dairy"
  | "soy"
  | "legume"
  | "grain"
  | "tuber"
  | "fruit"
  | "vegetable"
  | "nut"
  | "seed"
  | "oil";

export interface Food {
  id: string;
  name: string;
  group: FoodGroup;
  role: FoodRole;
  kcal: number;
  protein_g: number;
  fat_g: number;
  carbs_g: number;
  allergens: readonly Allergen[];
  /** Fits a ketogenic day in a normal portion (low in net carbohydrate). */
  keto: boolean;
  /** No grains, legumes, dairy or refined products. */
  paleo: boolean;
  /** Largest sensible portion in one meal, grams. */
  max_portion_g: number;
  /** Diet types the food fits, derived from the group and the keto and paleo flags. */
  diets: readonly DietType[];
}

type Row = [
  id: string,
  name: string,
  group: FoodGroup,
  role: FoodRole,
  macros: [kcal: number, protein: number, fat: number, carbs: number],
  allergens: Allergen[],
  keto: boolean,
  paleo: boolean,
  maxPortion: number,
];

const ANIMAL_FLESH: ReadonlySet<FoodGroup> = new Set(["poultry", "meat", "fish", "shellfish"]);
const ANIMAL_PRODUCT: ReadonlySet<FoodGroup> = new Set(["egg", "dairy"]);

// biome-ignore format: one food a line reads as a table
const ROWS: readonly Row[] = [
  ["chicken-breast", "Chicken breast", "poultry", "protein", [165, 31, 3.6, 0], [], true, true, 300],
  ["turkey-breast", "Turkey breast", "poultry", "protein", [135, 30, 1, 0], [], true, true, 300],
  ["lean-beef", "Lean ground beef", "meat", "protein", [164, 26, 6.5, 0], [], true, true, 250],
  ["pork-tenderloin", "Pork tenderloin", "meat", "protein", [143, 26, 3.5, 0], [], true, true, 250],
  ["salmon", "Salmon", "fish", "protein", [206, 22, 12, 0], ["fish"], true, true, 250],
  ["tuna", "Tuna in water", "fish", "protein", [116, 26, 1, 0], ["fish"], true, true, 200],
  ["cod", "Cod", "fish", "protein", [105, 23, 0.9, 0], ["fish"], true, true, 300],
  ["sardines", "Sardines", "fish", "protein", [208, 25, 11, 0], ["fish"], true, true, 150],
  ["shrimp", "Shrimp", "shellfish", "protein", [99, 24, 0.3, 0.2], ["shellfish"], true, true, 250],
  ["eggs", "Whole eggs", "egg", "protein", [143, 12.6, 9.5, 0.7], ["egg"], true, true, 200],
  ["egg-whites", "Egg whites", "egg", "protein", [52, 11, 0.2, 0.7], ["egg"], true, true, 300],
  ["greek-yogurt", "Greek yogurt, plain non-fat", "dairy", "protein", [59, 10, 0.4, 3.6], ["dairy"], false, false, 400],
  ["cottage-cheese", "Cottage cheese, low fat", "dairy", "protein", [72, 12.4, 1, 2.7], ["dairy"], false, false, 300],
  ["cheddar", "Cheddar cheese", "dairy", "fat", [403, 25, 33, 1.3], ["dairy"], true, false, 60],
  ["whey-protein", "Whey protein isolate", "dairy", "protein", [370, 88, 1, 3], ["dairy"], true, false, 50],
  ["tofu", "Firm tofu", "soy", "protein", [144, 17, 9, 3], ["soy"], true, false, 300],
  ["tempeh", "Tempeh", "soy", "protein", [192, 20, 11, 8], ["soy"], true, false, 200],
  ["edamame", "Edamame", "soy", "protein", [121, 12, 5, 9], ["soy"], false, false, 250],
  ["seitan", "Seitan", "grain", "protein", [141, 25, 1.9, 6], ["gluten"], false, false, 250],
  ["pea-protein", "Pea protein powder", "legume", "protein", [380, 80, 6, 3], [], true, false, 50],
  ["lentils", "Lentils", "legume", "carb", [116, 9, 0.4, 20], [], false, false, 300],
  ["chickpeas", "Chickpeas", "legume", "carb", [164, 8.9, 2.6, 27], [], false, false, 250],
  ["black-beans", "Black beans", "legume", "carb", [132, 8.9, 0.5, 24], [], false, false, 250],
  ["oats", "Rolled oats", "grain", "carb", [389, 17, 7, 66], ["gluten"], false, false, 120],
  ["brown-rice", "Brown rice", "grain", "carb", [112, 2.3, 0.8, 24], [], false, false, 400],
  ["white-rice", "White rice", "grain", "carb", [130, 2.7, 0.3, 28], [], false, false, 400],
  ["quinoa", "Quinoa", "grain", "carb", [120, 4.4, 1.9, 21], [], false, false, 350],
  ["wholewheat-bread", "Wholewheat bread", "grain", "carb", [247, 13, 3.4, 41], ["gluten"], false, false, 150],
  ["wholewheat-pasta", "Wholewheat pasta", "grain", "carb", [149, 6, 1.7, 30], ["gluten"], false, false, 350],
  ["potato", "Boiled potato", "tuber", "carb", [87, 1.9, 0.1, 20], [], false, false, 450],
  ["sweet-potato", "Baked sweet potato", "tuber", "carb", [90, 2, 0.2, 21], [], false, true, 450],
  ["banana", "Banana", "fruit", "carb", [89, 1.1, 0.3, 23], [], false, true, 250],
  ["plantain", "Cooked plantain", "fruit", "carb", [116, 0.8, 0.2, 31], [], false, true, 350],
  ["dates", "Dates", "fruit", "carb", [282, 2.5, 0.4, 75], [], false, true, 80],
  ["apple", "Apple", "fruit", "produce", [52, 0.3, 0.2, 14], [], false, true, 250],
  ["orange", "Orange", "fruit", "produce", [47, 0.9, 0.1, 12], [], false, true, 250],
  ["raspberries", "Raspberries", "fruit", "produce", [52, 1.2, 0.7, 12], [], true, true, 200],
  ["olive-oil", "Olive oil", "oil", "fat", [884, 0, 100, 0], [], true, true, 30],
  ["butter", "Butter", "dairy", "fat", [717, 0.9, 81, 0.1], ["dairy"], true, false, 30],
  ["avocado", "Avocado", "fruit", "fat", [160, 2, 15, 9], [], true, true, 200],
  ["almonds", "Almonds", "nut", "fat", [579, 21, 50, 22], ["nuts"], true, true, 60],
  ["walnuts", "Walnuts", "nut", "fat", [654, 15, 65, 14], ["nuts"], true, true, 60],
  ["peanut-butter", "Peanut butter", "legume", "fat", [588, 25, 50, 20], ["peanuts"], true, false, 50],
  ["tahini", "Tahini", "seed", "fat", [595, 17, 54, 21], ["sesame"], true, true, 50],
  ["chia-seeds", "Chia seeds", "seed", "fat", [486, 17, 31, 42], [], true, true, 40],
  ["sunflower-seeds", "Sunflower seeds", "seed", "fat", [584, 21, 51, 20], [], true, true, 60],
  ["pumpkin-seeds", "Pumpkin seeds", "seed", "fat", [559, 30, 49, 11], [], true, true, 60],
  ["broccoli", "Broccoli", "vegetable", "produce", [34, 2.8, 0.4, 7], [], true, true, 300],
  ["spinach", "Spinach", "vegetable", "produce", [23, 2.9, 0.4, 3.6], [], true, true, 200],
  ["salad-greens", "Mixed salad greens", "vegetable", "produce", [17, 1.4, 0.2, 2.9], [], true, true, 200],
  ["bell-pepper", "Bell pepper", "vegetable", "produce", [31, 1, 0.3, 6], [], true, true, 250],
  ["carrots", "Carrots", "vegetable", "produce", [41, 0.9, 0.2, 10], [], false, true, 250],
  ["zucchini", "Zucchini", "vegetable", "produce", [17, 1.2, 0.3, 3.1], [], true, true, 300],
  ["cauliflower", "Cauliflower", "vegetable", "produce", [25, 1.9, 0.3, 5], [], true, true, 300],
  ["green-beans", "Green beans", "vegetable", "produce", [31, 1.8, 0.1, 7], [], true, true, 300],
  ["tomato", "Tomato", "vegetable", "produce", [18, 0.9, 0.2, 3.9], [], true, true, 300],
];

export const FOODS: readonly Food[] = ROWS.map(
  ([id, name, group, role, [kcal, protein, fat, carbs], allergens, keto, paleo, maxPortion]) => {
    const food = {
      id,
      name,
      group,
      role,
      kcal,
      protein_g: protein,
      fat_g: fat,
      carbs_g: carbs,
      allergens,
      keto,
      paleo,
      max_portion_g: maxPortion,
    };
    return { ...food, diets: DIET_TYPES.filter((diet) => fitsDiet(food, diet)) };
  },
);

/** Whether a food fits a diet type. */
export function fitsDiet(food: Pick<Food, "group" | "keto" | "paleo">, diet: DietType): boolean {
  switch (diet) {
    case "omnivore":
      return true;
    case "vegan":
      return !ANIMAL_FLESH.has(food.group) && !ANIMAL_PRODUCT.has(food.group);
    case "vegetarian":
      return !ANIMAL_FLESH.has(food.group);
    case "pescatarian":
      return food.group !== "poultry" && food.group !== "meat";
    case "keto":
      return food.keto;
    case "paleo":
      return food.paleo;
  }
}

/**
 * A dislike matches a food by id, by a word in its name ("beans" matches "Black beans") or
 * by its group ("fish" matches salmon, tuna, cod and sardines). Case-insensitive.
 */
export function matchesDislike(food: Food, dislike: string): boolean {
  const needle = dislike.trim().toLowerCase();
  if (needle.length === 0) return false;
  return food.id === needle || food.group === needle || food.name.toLowerCase().includes(needle);
}

export function allowedFoods(
  foods: readonly Food[],
  diet: DietType,
  allergies: readonly Allergen[],
  dislikes: readonly string[],
): Food[] {
  return foods.filter(
    (food) =>
      fitsDiet(food, diet) &&
      !food.allergens.some((allergen) => allergies.includes(allergen)) &&
      !dislikes.some((dislike) => matchesDislike(food, dislike)),
  );
}
