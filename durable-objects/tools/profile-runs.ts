import type { profileTools } from "../../engine/tools/profile-tools";
import { fail, ok } from "../../kernel/result";
import type { ToolRuns } from "./tool-context";

// The user's profile, read and (energy) updated by the coaches.

export const noProfile = () => fail("profile_not_found", "The user has not finished onboarding.");

const SUMMARY_FIELDS = [
  "age",
  "sex",
  "height_cm",
  "weight_kg",
  "primary_goal",
  "secondary_goal",
  "fitness_level",
  "injuries",
  "days_per_week",
  "session_minutes",
  "location",
  "diet_type",
  "allergies",
  "energy_level",
];

export const profileRuns: ToolRuns<typeof profileTools> = {
  async get_profile_summary(_args, context) {
    const profile = await context.profile();
    if (!profile) return noProfile();
    const data = profile.data as Record<string, unknown>;
    return ok({
      ...Object.fromEntries(SUMMARY_FIELDS.map((key) => [key, data[key] ?? null])),
      nutrition_targets: profile.nutritionTargets
        ? {
            calories: profile.nutritionTargets.calories,
            protein_g: profile.nutritionTargets.protein_g,
          }
        : null,
    });
  },
  async update_energy_level(args, context) {
    const patched = await context.patchProfile({ energy_level: args.energy_level });
    return patched.ok ? ok({ energy_level: args.energy_level, saved: true }) : noProfile();
  },
};
