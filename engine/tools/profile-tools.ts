import { z } from "zod";
import { fail, ok } from "../../kernel/result";
import { defineTool } from "./define-tool";

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

export const profileTools = [
  defineTool({
    name: "get_profile_summary",
    description:
      "The user's profile in brief: goals, level, schedule, limitations, nutrition targets.",
    input: z.object({}).strict(),
    async run(_args, context) {
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
  }),
  defineTool({
    name: "update_energy_level",
    description: "Record how energetic the user feels today, 1 (exhausted) to 5 (great).",
    input: z.object({ energy_level: z.number().int().min(1).max(5) }).strict(),
    async run(args, context) {
      const patched = await context.patchProfile({ energy_level: args.energy_level });
      return patched.ok ? ok({ energy_level: args.energy_level, saved: true }) : noProfile();
    },
  }),
];
