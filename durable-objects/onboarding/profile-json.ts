import type { StoredProfile } from "../../d1/profiles";
import type { NutritionTargets } from "../../engine/coaching/nutrition";
import { type ProfileView, withPreferredUnits } from "../../engine/onboarding/profile";

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
