import { z } from "@hono/zod-openapi";
import { STEP_EXAMPLES } from "./onboarding.schemas";

export const ProfileSchema = z.record(z.string(), z.unknown()).openapi("Profile", {
  description:
    "Every onboarding field, flat and metric (height_in and weight_lb added when " +
    "unit_preference is imperial), plus nutrition_targets, version and updated_at.",
  example: {
    ...STEP_EXAMPLES.basics,
    ...STEP_EXAMPLES.goals,
    ...STEP_EXAMPLES.experience,
    ...STEP_EXAMPLES.schedule,
    ...STEP_EXAMPLES.equipment,
    ...STEP_EXAMPLES.nutrition,
    ...STEP_EXAMPLES.lifestyle,
    ...STEP_EXAMPLES.reminders,
    nutrition_targets: { calories: 2150, protein_g: 128, fat_g: 60, carbs_g: 271 },
    version: 3,
    updated_at: "2026-11-23T09:00:00.000Z",
  },
});

export const ProfilePatchBody = z.record(z.string(), z.unknown()).openapi("ProfilePatch", {
  description:
    "Any subset of the onboarding fields, flat, same names and rules (imperial height_in and " +
    "weight_lb accepted). Unknown fields are rejected.",
  example: { weight_kg: 63.2, session_minutes: 45, injuries: ["knee", "lower_back"] },
});

export const CoachingContextSchema = z.record(z.string(), z.unknown()).openapi("CoachingContext", {
  description:
    "What a coach knows for one turn: user, onboarding, profile_summary, goals, limitations, " +
    "training, nutrition (with targets), lifestyle, today, program, adherence.",
});
