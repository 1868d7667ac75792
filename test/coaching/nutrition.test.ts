import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  bmrMifflinStJeor,
  CALORIE_FLOOR,
  computeNutritionTargets,
  type NutritionInputRaw,
  PROTEIN_G_PER_KG,
  splitPerMeal,
} from "../../engine/coaching/nutrition";
import { ACTIVITY_LEVELS, DIET_TYPES, GOALS, SEXES } from "../../engine/coaching/vocabulary";
import { RUNS, Violations } from "./support";

const nutritionArb: fc.Arbitrary<NutritionInputRaw> = fc.record({
  sex: fc.constantFrom(...SEXES),
  age_years: fc.integer({ min: 14, max: 100 }),
  weight_kg: fc.integer({ min: 300, max: 3000 }).map((x) => x / 10),
  height_cm: fc.integer({ min: 120, max: 230 }),
  activity_level: fc.constantFrom(...ACTIVITY_LEVELS),
  goal: fc.constantFrom(...GOALS),
  meals_per_day: fc.integer({ min: 2, max: 6 }),
  diet_type: fc.constantFrom(...DIET_TYPES),
});

const reference = {
  sex: "male",
  age_years: 30,
  weight_kg: 80,
  height_cm: 180,
  activity_level: "moderate",
  goal: "general_fitness",
  meals_per_day: 3,
} as const;

describe("energy targets", () => {
  it("computes Mifflin-St Jeor BMR and TDEE for an 80 kg, 180 cm, 30-year-old man", () => {
    // BMR = 10*80 + 6.25*180 - 5*30 + 5 = 800 + 1125 - 150 + 5 = 1780
    // TDEE = 1780 * 1.55 (moderate) = 2759
    const targets = computeNutritionTargets(reference);
    expect(targets.bmr).toBe(1780);
    expect(targets.tdee).toBe(2759);
    expect(targets.calories).toBe(2759);
  });

  it("uses -161 for women and the mean, -78, when sex is unspecified", () => {
    // 10*60 + 6.25*165 - 5*25 - 161 = 600 + 1031.25 - 125 - 161 = 1345.25
    expect(bmrMifflinStJeor({ sex: "female", weight_kg: 60, height_cm: 165, age_years: 25 })).toBe(
      1345.25,
    );
    // 10*70 + 6.25*175 - 5*35 - 78 = 700 + 1093.75 - 175 - 78 = 1540.75
    expect(
      bmrMifflinStJeor({ sex: "unspecified", weight_kg: 70, height_cm: 175, age_years: 35 }),
    ).toBe(1540.75);
  });

  it("sets a fat-loss deficit of 0.75% of body weight a week", () => {
    // deficit = 0.0075 * 80 * 7700 / 7 = 660 kcal/day; 2759 - 660 = 2099
    // protein = 2.2 * 80 = 176 g; fat = ceil(0.25 * 2099 / 9) = 59 g;
    // carbs = floor((2099 - 4*176 - 9*59) / 4) = floor(864 / 4) = 216 g
    const targets = computeNutritionTargets({ ...reference, goal: "fat_loss" });
    expect(targets).toMatchObject({
      calories: 2099,
      protein_g: 176,
      fat_g: 59,
      carbs_g: 216,
      floor_applied: false,
    });
  });

  it("adds a modest surplus for muscle gain and a small one for strength", () => {
    // muscle gain: 10% of 2759 = 275.9 (within 250..350) -> 3034.9 -> 3035
    expect(computeNutritionTargets({ ...reference, goal: "muscle_gain" }).calories).toBe(3035);
    // strength: 5% of 2759 = 137.95 (within 100..200) -> 2896.95 -> 2897
    expect(computeNutritionTargets({ ...reference, goal: "strength" }).calories).toBe(2897);
  });

  it("never goes below the floor: a small sedentary woman on fat loss gets 1200 kcal", () => {
    // BMR = 500 + 1000 - 200 - 161 = 1139; TDEE = 1366.8; wanted = 1366.8 - 412.5 = 954.3
    // floor = max(1139, 1200) = 1200
    const targets = computeNutritionTargets({
      sex: "female",
      age_years: 40,
      weight_kg: 50,
      height_cm: 160,
      activity_level: "sedentary",
      goal: "fat_loss",
    });
    expect(targets).toMatchObject({
      bmr: 1139,
      calories: 1200,
      calorie_floor: 1200,
      floor_applied: true,
    });
  });
});

describe("macro rules over the whole input space", () => {
  it("respects the floor, the fat minimum, the protein range and never-negative carbs", () => {
    fc.assert(
      fc.property(nutritionArb, (input) => {
        const t = computeNutritionTargets(input);
        const v = new Violations();
        const weight = input.weight_kg;
        v.check(t.calories >= t.calorie_floor, "below floor");
        v.check(
          t.calorie_floor >= CALORIE_FLOOR[input.sex] && t.calorie_floor >= t.bmr - 1,
          "floor",
        );
        v.check(9 * t.fat_g >= 0.2 * t.calories, "fat under 20%");
        v.check(t.carbs_g >= 0, "negative carbs");
        const energy = 4 * t.protein_g + 9 * t.fat_g + 4 * t.carbs_g;
        v.check(
          energy <= t.calories && energy >= t.calories - 12,
          `macros ${energy} vs ${t.calories}`,
        );
        const perKg = t.protein_g / weight;
        // Protein is lowered only when it and the 20% fat minimum cannot both fit.
        const minFat = Math.ceil((0.2 * t.calories) / 9);
        const wanted = Math.round(PROTEIN_G_PER_KG[input.goal] * weight);
        const capped = 4 * wanted + 9 * minFat > t.calories;
        if (capped) {
          v.check(t.protein_g === Math.floor((t.calories - 9 * minFat) / 4), "capped protein");
          v.check(t.carbs_g === 0 || input.diet_type === "keto", "capped carbs");
        }
        v.check(
          capped || Math.abs(t.protein_g - PROTEIN_G_PER_KG[input.goal] * weight) <= 0.5,
          "protein",
        );
        // Whole grams: within half a gram of 1.6-2.2 g/kg.
        const slack = 0.5 / weight;
        v.check(capped || (perKg >= 1.6 - slack && perKg <= 2.2 + slack), `protein ${perKg} g/kg`);
        if (input.diet_type === "keto") v.check(t.carbs_g <= 30, "keto carbs");
        if (input.goal === "fat_loss" && !t.floor_applied) {
          const weeklyLoss = ((t.tdee - t.calories) * 7) / 7700 / weight;
          v.check(weeklyLoss >= 0.005 && weeklyLoss <= 0.01, `loss ${weeklyLoss}`);
        }
        if (input.goal === "muscle_gain" && !t.floor_applied) {
          v.check(t.calories - t.tdee >= 249 && t.calories - t.tdee <= 351, "surplus");
        }
        if (input.goal === "endurance" || input.goal === "general_fitness") {
          v.check(t.calories === Math.max(t.tdee, t.calorie_floor), "maintenance");
        }
        expect(v.list).toEqual([]);
      }),
      { numRuns: RUNS * 2 },
    );
  });

  it("splits the day over meals so that the meals add up exactly", () => {
    fc.assert(
      fc.property(nutritionArb, (input) => {
        const t = computeNutritionTargets(input);
        expect(t.meals).toHaveLength(input.meals_per_day ?? 3);
        for (const key of ["calories", "protein_g", "fat_g", "carbs_g"] as const) {
          expect(t.meals.reduce((sum, meal) => sum + meal[key], 0)).toBe(t[key]);
          const values = t.meals.map((meal) => meal[key]);
          expect(Math.max(...values) - Math.min(...values)).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: RUNS },
    );
    expect(splitPerMeal({ calories: 2000, protein_g: 151, fat_g: 60, carbs_g: 200 }, 3)[0]).toEqual(
      {
        meal: 1,
        calories: 667,
        protein_g: 51,
        fat_g: 20,
        carbs_g: 67,
      },
    );
  });
});
