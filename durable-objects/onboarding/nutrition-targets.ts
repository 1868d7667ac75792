import { computeNutritionTargets, type NutritionTargets } from "../../engine/coaching/nutrition";
import type { ProfileData } from "../../engine/onboarding/profile";

/** The coaching engine's daily targets for a profile (onboarding data, metric). */
export function nutritionTargetsFor(profile: ProfileData): NutritionTargets {
  return computeNutritionTargets({
    sex: profile.sex,
    age_years: profile.age,
    weight_kg: profile.weight_kg,
    height_cm: profile.height_cm,
    activity_level: profile.activity_level,
    goal: profile.primary_goal,
    meals_per_day: profile.meals_per_day,
    diet_type: profile.diet_type,
  });
}
