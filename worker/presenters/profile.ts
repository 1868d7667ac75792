import type { StoredProfile } from "../db/profiles";
import { withPreferredUnits } from "../onboarding/profile";

/** The profile as the API returns it. */
export type ProfileRecord = Record<string, unknown> & {
  nutrition_targets: Record<string, unknown> | null;
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
