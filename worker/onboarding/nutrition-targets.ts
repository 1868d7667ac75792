import { computeNutritionTargets } from "../coaching/nutrition";
import type { JsonObject } from "../json";

/** The coaching engine's daily targets for a profile (onboarding data, metric). */
export function nutritionTargetsFor(profile: Record<string, unknown>): JsonObject {
  return computeNutritionTargets({
    sex: profile.sex as "male" | "female" | "unspecified",
    age_years: profile.age as number,
    weight_kg: profile.weight_kg as number,
    height_cm: profile.height_cm as number,
    activity_level: profile.activity_level as "moderate",
    goal: profile.primary_goal as "fat_loss",
    meals_per_day: profile.meals_per_day as number,
    diet_type: profile.diet_type as "omnivore",
  }) as unknown as JsonObject;
}
