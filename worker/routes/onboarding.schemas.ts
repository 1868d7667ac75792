import { z } from "@hono/zod-openapi";
import { STEP_NAMES, STEP_SCHEMAS, type StepName } from "../../engine/onboarding/steps";

/** Component names of the step bodies, registered in the OpenAPI document by the route group. */
export const stepComponentName = (step: string) =>
  `OnboardingStep${step.charAt(0).toUpperCase()}${step.slice(1)}`;

export const STEP_EXAMPLES: Record<StepName, Record<string, unknown>> = {
  basics: {
    age: 30,
    sex: "female",
    height_cm: 168,
    weight_kg: 64,
    unit_preference: "metric",
    timezone: "Europe/Berlin",
  },
  goals: { primary_goal: "muscle_gain", secondary_goal: "strength", target_weight_kg: 67 },
  experience: {
    fitness_level: "intermediate",
    training_history: "2 years of gym",
    injuries: ["knee"],
  },
  schedule: {
    days_per_week: 4,
    preferred_weekdays: ["mon", "tue", "thu", "fri"],
    session_minutes: 60,
    preferred_time_of_day: "evening",
  },
  equipment: {
    location: "gym",
    equipment: ["barbell", "dumbbell", "cable", "machine", "bench", "pull_up_bar", "body_only"],
  },
  nutrition: {
    diet_type: "vegetarian",
    allergies: ["peanuts"],
    disliked_foods: ["mushrooms"],
    meals_per_day: 4,
  },
  lifestyle: { activity_level: "moderate", sleep_hours: 7.5, energy_level: 4 },
  reminders: {
    workout: true,
    meals: true,
    hydration: false,
    quiet_hours: { start: "22:00", end: "07:00" },
  },
};

// Validation is per step in the handler (the path says which schema applies); here the body
// is documented as one of the step schemas.
export const StepBody = z.record(z.string(), z.unknown()).openapi({
  description: "The body of the step named in the path; see the OnboardingStep* schemas.",
  oneOf: STEP_NAMES.map((step) => ({ $ref: `#/components/schemas/${stepComponentName(step)}` })),
  example: STEP_EXAMPLES.basics,
});

export const StepParam = z.object({
  step: z.string().openapi({
    param: { name: "step", in: "path" },
    description: `one of ${STEP_NAMES.join(", ")}`,
    example: "basics",
  }),
});

export const OnboardingStateSchema = z
  .object({
    current_step: z.enum(STEP_NAMES as [string, ...string[]]).nullable(),
    steps: z.array(
      z.object({
        name: z.string(),
        status: z.enum(["pending", "saved"]),
        data: z.record(z.string(), z.unknown()).nullable(),
      }),
    ),
    progress_percent: z.number().int().min(0).max(100),
    completed: z.boolean(),
  })
  .openapi("OnboardingState", {
    example: {
      current_step: "goals",
      steps: [
        { name: "basics", status: "saved", data: STEP_EXAMPLES.basics as Record<string, unknown> },
        { name: "goals", status: "pending", data: null },
      ],
      progress_percent: 13,
      completed: false,
    },
  });

export const stepSchemaComponents = STEP_NAMES.map((step) => ({
  name: stepComponentName(step),
  schema: STEP_SCHEMAS[step],
  example: STEP_EXAMPLES[step],
}));
