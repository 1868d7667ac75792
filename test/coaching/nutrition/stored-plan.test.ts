import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FOODS, fitsDiet, matchesDislike } from "../../../engine/coaching/foods";
import type { MealPlan } from "../../../engine/coaching/meal-plan";
import { computeNutritionTargets, splitPerMeal } from "../../../engine/coaching/nutrition";
import {
  ACTIVITY_LEVELS,
  ALLERGENS,
  DIET_TYPES,
  GOALS,
  SEXES,
} from "../../../engine/coaching/vocabulary";
import {
  currentPlan,
  type PlanPreferences,
  preferencesFingerprint,
  regeneratePlan,
  type StoredPlan,
  swapMeal,
} from "../../../engine/nutrition/stored-plan";
import { RUNS } from "../support";

// The stored plan the app and the coaches read: whatever the user does (open the plan on
// several days, regenerate it, swap meals, change diet, allergies or dislikes in between), the
// plan answered never holds a food the current preferences exclude, and a swap only changes
// the meal it was asked for.

const foodsById = new Map(FOODS.map((food) => [food.id, food]));
const DISLIKES = ["tofu", "fish", "beans", "rice", "chicken", "eggs", "broccoli", "oats", "nut"];

const prefsArb: fc.Arbitrary<PlanPreferences> = fc
  .record({
    sex: fc.constantFrom(...SEXES),
    age_years: fc.integer({ min: 18, max: 80 }),
    weight_kg: fc.integer({ min: 45, max: 150 }),
    height_cm: fc.integer({ min: 150, max: 205 }),
    activity_level: fc.constantFrom(...ACTIVITY_LEVELS),
    goal: fc.constantFrom(...GOALS),
    meals_per_day: fc.integer({ min: 2, max: 6 }),
    diet_type: fc.constantFrom(...DIET_TYPES),
    allergies: fc.subarray([...ALLERGENS], { maxLength: 3 }),
    dislikes: fc.subarray(DISLIKES, { maxLength: 3 }),
  })
  .map((p) => {
    const t = computeNutritionTargets(p);
    return {
      targets: { calories: t.calories, protein_g: t.protein_g, fat_g: t.fat_g, carbs_g: t.carbs_g },
      meals_per_day: p.meals_per_day,
      diet_type: p.diet_type,
      allergies: p.allergies,
      dislikes: p.dislikes,
    };
  });

type Op =
  | { kind: "open"; day: number }
  | { kind: "regenerate"; day: number }
  | { kind: "swap"; day: number; slot: number }
  | { kind: "change"; prefs: PlanPreferences };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant("open" as const), day: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ kind: fc.constant("regenerate" as const), day: fc.integer({ min: 1, max: 3 }) }),
  fc.record({
    kind: fc.constant("swap" as const),
    day: fc.integer({ min: 1, max: 3 }),
    slot: fc.integer({ min: 1, max: 6 }),
  }),
  fc.record({ kind: fc.constant("change" as const), prefs: prefsArb }),
);

/** Every item of the plan that breaks the preferences' diet, allergies or dislikes. */
function excluded(plan: MealPlan, prefs: PlanPreferences): string[] {
  return plan.meals.flatMap((meal) =>
    meal.items.flatMap((item) => {
      const food = foodsById.get(item.food_id);
      if (!food) return [`${item.food_id} unknown`];
      const broken =
        !fitsDiet(food, prefs.diet_type) ||
        food.allergens.some((a) => prefs.allergies.includes(a)) ||
        prefs.dislikes.some((d) => matchesDislike(food, d));
      return broken ? [`${food.id} in ${meal.name}`] : [];
    }),
  );
}

const keyOf = (day: number) => ({ userId: "user-1", date: `2026-11-2${day}` });

describe("the stored meal plan", () => {
  it("never answers a food the current diet, allergies or dislikes exclude", () => {
    fc.assert(
      fc.property(prefsArb, fc.array(opArb, { minLength: 1, maxLength: 8 }), (first, ops) => {
        let prefs = first;
        let stored: StoredPlan | null = null;
        for (const op of ops) {
          if (op.kind === "change") {
            prefs = op.prefs;
            continue;
          }
          const key = keyOf(op.day);
          if (op.kind === "open") stored = currentPlan(stored, prefs, key).stored;
          if (op.kind === "regenerate") stored = regeneratePlan(stored, prefs, key);
          if (op.kind === "swap") {
            const swapped = swapMeal(stored, prefs, key, op.slot);
            if (!swapped.ok) {
              expect(op.slot).toBeGreaterThan(prefs.meals_per_day);
              continue;
            }
            stored = swapped.stored;
          }
          expect(stored?.date).toBe(key.date);
          expect(excluded((stored as StoredPlan).plan, prefs)).toEqual([]);
          expect(stored?.plan.meals).toHaveLength(prefs.meals_per_day);
        }
      }),
      { numRuns: RUNS / 2 },
    );
  });

  it("swaps only the asked meal, for a meal of the same slot, and records the swap", () => {
    fc.assert(
      fc.property(prefsArb, fc.integer({ min: 1, max: 6 }), (prefs, wanted) => {
        const key = keyOf(1);
        const before = currentPlan(null, prefs, key).stored;
        const slot = Math.min(wanted, prefs.meals_per_day);
        const swapped = swapMeal(before, prefs, key, slot);
        if (!swapped.ok) throw new Error("slot exists");
        const after = swapped.stored.plan;
        after.meals.forEach((meal, i) => {
          const old = before.plan.meals[i];
          expect(meal.meal).toBe(old?.meal);
          expect(meal.name).toBe(old?.name);
          if (meal.meal !== slot) expect(meal).toEqual(old);
        });
        const ids = (plan: MealPlan) => plan.meals[slot - 1]?.items.map((i) => i.food_id).sort();
        if (swapped.changed) expect(ids(after)).not.toEqual(ids(before.plan));
        expect(after.totals.calories).toBe(after.meals.reduce((s, m) => s + m.totals.calories, 0));
        expect(swapped.stored.swaps[String(slot)]).toBeGreaterThan(0);
        expect(swapped.stored.variant).toBe(before.variant);
      }),
      { numRuns: RUNS / 2 },
    );
  });

  it("finds another meal for an ordinary omnivore, near the slot's own targets", () => {
    const prefs: PlanPreferences = {
      targets: { calories: 2400, protein_g: 160, fat_g: 70, carbs_g: 280 },
      meals_per_day: 3,
      diet_type: "omnivore",
      allergies: [],
      dislikes: [],
    };
    const key = keyOf(2);
    let stored = currentPlan(null, prefs, key).stored;
    const lunchTarget = splitPerMeal(prefs.targets, 3)[1];
    for (let swap = 1; swap <= 3; swap++) {
      const swapped = swapMeal(stored, prefs, key, 2);
      if (!swapped.ok) throw new Error("slot 2 exists");
      expect(swapped.changed).toBe(true);
      const lunch = swapped.stored.plan.meals[1];
      expect(lunch?.name).toBe("Lunch");
      expect(Math.abs((lunch?.totals.calories ?? 0) - (lunchTarget?.calories ?? 0))).toBeLessThan(
        0.1 * (lunchTarget?.calories ?? 0),
      );
      stored = swapped.stored;
    }
    expect(stored.swaps).toEqual({ 2: expect.any(Number) });
  });

  it("is kept while nothing changes, rebuilt when the preferences or the day change", () => {
    fc.assert(
      fc.property(prefsArb, (prefs) => {
        const key = keyOf(1);
        const { stored } = currentPlan(null, prefs, key);
        expect(currentPlan(stored, prefs, key)).toEqual({ stored, rebuilt: false });
        const reordered = {
          ...prefs,
          allergies: [...prefs.allergies].reverse(),
          dislikes: prefs.dislikes.map((d) => ` ${d.toUpperCase()}`),
        };
        expect(preferencesFingerprint(reordered)).toBe(preferencesFingerprint(prefs));
        const moreAllergies = {
          ...prefs,
          allergies: [...new Set([...prefs.allergies, "soy" as const, "fish" as const])],
        };
        if (moreAllergies.allergies.length !== prefs.allergies.length)
          expect(currentPlan(stored, moreAllergies, key).rebuilt).toBe(true);
        expect(currentPlan(stored, prefs, keyOf(2)).rebuilt).toBe(true);
        const again = regeneratePlan(stored, prefs, key);
        expect(again.variant).toBe(stored.variant + 1);
        expect(
          currentPlan(again, { ...prefs, dislikes: [...prefs.dislikes, "oats"] }, key).stored
            .variant,
        ).toBe(again.variant);
      }),
      { numRuns: RUNS / 4 },
    );
  });

  it("answers no plan for a slot the day does not have", () => {
    const prefs: PlanPreferences = {
      targets: { calories: 2000, protein_g: 120, fat_g: 60, carbs_g: 240 },
      meals_per_day: 3,
      diet_type: "vegan",
      allergies: ["soy"],
      dislikes: [],
    };
    expect(swapMeal(null, prefs, keyOf(1), 4)).toEqual({ ok: false, reason: "no_such_slot" });
    expect(swapMeal(null, prefs, keyOf(1), 0)).toEqual({ ok: false, reason: "no_such_slot" });
  });
});
