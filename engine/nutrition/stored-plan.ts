import { z } from "zod";
import {
  buildMealPlan,
  CALORIE_TOLERANCE,
  type Meal,
  type MealPlan,
  type MealPlanInputRaw,
  PROTEIN_TOLERANCE,
} from "../coaching/meal-plan";
import type { MacroTargets } from "../coaching/nutrition";
import { type Allergen, allergenSchema, dietTypeSchema } from "../coaching/vocabulary";

// The meal plan a user sees and the coaches read: one stored plan per local date, built from
// the user's targets, diet, allergies and dislikes (the "preferences") with a seed of the user,
// the date and how many times the day was regenerated. It is rebuilt when the preferences
// change (their fingerprint differs), on "regenerate" (the next variant), and one meal at a
// time on "swap" (another meal for the same slot's targets). Every path goes through
// buildMealPlan, which filters foods by diet, allergies and dislikes before choosing any, so
// no stored or swapped plan can hold an excluded food.

export const planPreferencesSchema = z.object({
  targets: z.object({
    calories: z.number().int().min(800).max(10000),
    protein_g: z.number().int().min(0).max(1000),
    fat_g: z.number().int().min(0).max(1200),
    carbs_g: z.number().int().min(0).max(2500),
  }),
  meals_per_day: z.number().int().min(2).max(6),
  diet_type: dietTypeSchema,
  allergies: z.array(allergenSchema),
  dislikes: z.array(z.string().max(60)).max(60),
});
export type PlanPreferences = z.infer<typeof planPreferencesSchema>;

export interface StoredPlan {
  /** The user's local date the plan is for (YYYY-MM-DD). */
  date: string;
  /** Of the preferences the plan was built from (preferencesFingerprint). */
  fingerprint: string;
  /** Regenerations of the day: 0 for the first plan. */
  variant: number;
  /** Swaps made per meal slot, so the next swap of a slot draws a new meal. */
  swaps: Record<string, number>;
  plan: MealPlan;
}

export interface PlanKey {
  userId: string;
  date: string;
}

/** Up to this many draws look for a swapped meal whose foods differ from the current one. */
export const SWAP_DRAWS = 8;

const sortedUnique = (items: readonly string[]) => [...new Set(items)].sort();

/** A stable text of what a plan depends on: equal fingerprints, same plan for a seed. */
export function preferencesFingerprint(prefs: PlanPreferences): string {
  return JSON.stringify([
    prefs.targets.calories,
    prefs.targets.protein_g,
    prefs.targets.fat_g,
    prefs.targets.carbs_g,
    prefs.meals_per_day,
    prefs.diet_type,
    sortedUnique(prefs.allergies),
    sortedUnique(prefs.dislikes.map((dislike) => dislike.trim().toLowerCase()).filter(Boolean)),
  ]);
}

function planInput(prefs: PlanPreferences, seed: string): MealPlanInputRaw {
  return {
    ...prefs.targets,
    meals_per_day: prefs.meals_per_day,
    diet_type: prefs.diet_type,
    allergies: prefs.allergies as Allergen[],
    dislikes: prefs.dislikes,
    seed,
  };
}

const seedOf = (key: PlanKey, variant: number) => `${key.userId}:${key.date}:${variant}`;

export function buildStoredPlan(prefs: PlanPreferences, key: PlanKey, variant = 0): StoredPlan {
  return {
    date: key.date,
    fingerprint: preferencesFingerprint(prefs),
    variant,
    swaps: {},
    plan: buildMealPlan(planInput(prefs, seedOf(key, variant))),
  };
}

/**
 * The plan to answer for a date: the stored one while it is for that date and built from the
 * current preferences, else a new one (the same day keeps its variant, so a changed allergy
 * does not undo a regeneration the user asked for, only the foods it now excludes).
 */
export function currentPlan(
  stored: StoredPlan | null,
  prefs: PlanPreferences,
  key: PlanKey,
): { stored: StoredPlan; rebuilt: boolean } {
  if (stored && stored.date === key.date && stored.fingerprint === preferencesFingerprint(prefs))
    return { stored, rebuilt: false };
  const variant = stored?.date === key.date ? stored.variant : 0;
  return { stored: buildStoredPlan(prefs, key, variant), rebuilt: true };
}

/** A new plan for the day: the next variant, swaps forgotten. */
export function regeneratePlan(
  stored: StoredPlan | null,
  prefs: PlanPreferences,
  key: PlanKey,
): StoredPlan {
  const variant = stored?.date === key.date ? stored.variant + 1 : 0;
  return buildStoredPlan(prefs, key, variant);
}

function withinTolerance(totals: MacroTargets, targets: MacroTargets): boolean {
  return (
    Math.abs(totals.calories - targets.calories) <= CALORIE_TOLERANCE * targets.calories &&
    Math.abs(totals.protein_g - targets.protein_g) <= PROTEIN_TOLERANCE * targets.protein_g
  );
}

const foodSet = (meal: Meal) =>
  meal.items
    .map((item) => item.food_id)
    .sort()
    .join(",");

export type SwapResult =
  | { ok: true; stored: StoredPlan; changed: boolean }
  | { ok: false; reason: "no_such_slot" };

/**
 * Another meal for one slot (1-based) with the same targets: drawn from plans of other seeds
 * for the same preferences (the slot's target depends only on the day's targets and the number
 * of meals), the first whose foods differ from the current meal. `changed: false` when the
 * allowed foods are too few for another meal. The other meals stay as they are. A stored plan
 * of another day or of older preferences is brought up to date first.
 */
export function swapMeal(
  stored: StoredPlan | null,
  prefs: PlanPreferences,
  key: PlanKey,
  slot: number,
): SwapResult {
  const current = currentPlan(stored, prefs, key).stored;
  const index = current.plan.meals.findIndex((meal) => meal.meal === slot);
  const old = current.plan.meals[index];
  if (!old) return { ok: false, reason: "no_such_slot" };
  const done = current.swaps[String(slot)] ?? 0;
  let replacement = old;
  let draws = 0;
  while (draws < SWAP_DRAWS) {
    draws++;
    const seed = `${seedOf(key, current.variant)}:swap:${slot}:${done + draws}`;
    const drawn = buildMealPlan(planInput(prefs, seed)).meals[index];
    if (drawn && foodSet(drawn) !== foodSet(old)) {
      replacement = drawn;
      break;
    }
  }
  const meals = current.plan.meals.map((meal, i) => (i === index ? replacement : meal));
  const totals = meals.reduce(
    (sum, meal) => ({
      calories: sum.calories + meal.totals.calories,
      protein_g: sum.protein_g + meal.totals.protein_g,
      fat_g: sum.fat_g + meal.totals.fat_g,
      carbs_g: sum.carbs_g + meal.totals.carbs_g,
    }),
    { calories: 0, protein_g: 0, fat_g: 0, carbs_g: 0 },
  );
  const plan: MealPlan = {
    ...current.plan,
    meals,
    totals,
    within_tolerance: withinTolerance(totals, current.plan.targets),
  };
  return {
    ok: true,
    changed: replacement !== old,
    stored: { ...current, swaps: { ...current.swaps, [String(slot)]: done + draws }, plan },
  };
}
