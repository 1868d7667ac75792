import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeNutritionTargets } from "../../../engine/coaching/nutrition";
import { activityAdjustedTargets } from "../../../engine/health/activity-calories";
import { baselineOf } from "../../../engine/health/baselines";

// The opt-in activity adjustment: half of the active energy above the user's usual day is
// added to the calorie target, up to 400 kcal and 20% of it; never down; macros follow.

const base = computeNutritionTargets({
  sex: "male",
  age_years: 30,
  weight_kg: 80,
  height_cm: 180,
  activity_level: "moderate",
  goal: "fat_loss",
});
const usual = baselineOf([480, 520, 500, 510, 490, 505, 495], false);
const adjust = (active: number | null, baseline = usual) =>
  activityAdjustedTargets({
    targets: base,
    active_energy_kcal: active,
    baseline,
    weight_kg: 80,
    goal: "fat_loss",
    keto: false,
  });

describe("activity-adjusted calorie target", () => {
  it("adds half of today's extra active energy, with the macros recomputed for the new target", () => {
    const day = adjust(1100);
    expect(day.base_calories).toBe(2099);
    expect(day.adjustment_kcal).toBe(300);
    expect(day.calories).toBe(2399);
    expect(day.protein_g).toBe(base.protein_g);
    expect(day.carbs_g).toBeGreaterThan(base.carbs_g);
    expect(day.reason).toBe(
      "You burned 600 kcal more than your usual 500 kcal of active energy; half of it is added.",
    );
  });

  it("stops at 400 kcal, and at 20% of a small target", () => {
    expect(adjust(3000).adjustment_kcal).toBe(400);
    expect(adjust(3000).reason).toContain("up to the cap");
    const small = activityAdjustedTargets({
      targets: { calories: 1500, protein_g: 120, fat_g: 42, carbs_g: 160 },
      active_energy_kcal: 3000,
      baseline: usual,
      weight_kg: 55,
      goal: "fat_loss",
      keto: false,
    });
    expect(small.adjustment_kcal).toBe(300);
  });

  it("never lowers the target, and changes nothing without today's energy or a usual day", () => {
    expect(adjust(200)).toMatchObject({ calories: base.calories, adjustment_kcal: 0 });
    expect(adjust(null).reason).toBe("No active energy from your phone today yet.");
    expect(adjust(1100, null as never).adjustment_kcal).toBe(0);
  });

  it("stays within 0..cap and keeps the macros' energy within 12 kcal under the target", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 5000 }),
        fc.integer({ min: 100, max: 1500 }),
        (active, mean) => {
          const day = adjust(active, baselineOf([mean], false));
          const cap = Math.min(400, 0.2 * base.calories);
          expect(day.adjustment_kcal).toBeGreaterThanOrEqual(0);
          expect(day.adjustment_kcal).toBeLessThanOrEqual(cap);
          expect(day.calories).toBe(base.calories + day.adjustment_kcal);
          const energy = 4 * day.protein_g + 9 * day.fat_g + 4 * day.carbs_g;
          expect(energy).toBeLessThanOrEqual(day.calories);
          expect(energy).toBeGreaterThan(day.calories - 13);
        },
      ),
      { numRuns: 200 },
    );
  });
});
