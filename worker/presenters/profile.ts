import type { NutritionTargets } from "../coaching/nutrition";
import type { StoredProfile } from "../db/profiles";
import { type ProfileView, withPreferredUnits } from "../onboarding/profile";

/** The profile as the API returns it. */
export type ProfileRecord = ProfileView & {
  nutrition_targets: NutritionTargets | null;
  version: number;
  updated_at: string;
};

export function toProfileRecord(stored: StoredProfile): ProfileRecord {
  return {
    ...withPreferredUnits(stored.data),
    nutrition_targets: stored.nutritionTargets,
    version: stored.version,
    updated_at: stored.updatedAt,
  };
}
