import {
  buildMealPlan,
  computeNutritionTargets,
  generateProgram,
} from "../../engine/coaching/index.ts";
import { sequential } from "../lib/measure.mjs";

/** The pure coaching engine in Node (no I/O): the budget is 50 ms for the largest program. */
export async function engine() {
  let i = 0;
  const program = await sequential(300, async () => {
    generateProgram({
      goal: ["muscle_gain", "strength", "fat_loss"][i % 3],
      fitness_level: ["beginner", "intermediate", "advanced"][i % 3],
      days_per_week: 6,
      session_minutes: 90,
      duration_weeks: 16,
      location: "gym",
      seed: `bench-${i++}`,
    });
  });
  const targets = computeNutritionTargets({
    sex: "female",
    age_years: 34,
    weight_kg: 68,
    height_cm: 170,
    activity_level: "active",
    goal: "fat_loss",
    meals_per_day: 4,
  });
  const meals = await sequential(500, async () => {
    buildMealPlan({
      calories: targets.calories,
      protein_g: targets.protein_g,
      fat_g: targets.fat_g,
      carbs_g: targets.carbs_g,
      meals_per_day: 4,
      diet_type: "vegetarian",
      allergies: ["peanuts"],
      seed: `meal-${i++}`,
    });
  });
  return {
    rows: [
      {
        scenario: "generateProgram 16 weeks x 6 days",
        p50: program.p50,
        p99: program.p99,
        note: "node, 300 runs",
      },
      {
        scenario: "buildMealPlan (4 meals, vegetarian)",
        p50: meals.p50,
        p99: meals.p99,
        note: "node, 500 runs",
      },
    ],
  };
}
