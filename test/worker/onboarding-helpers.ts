import { call, json } from "./helpers";

/** A complete, valid set of onboarding steps (the same values the OpenAPI examples show). */
export const VALID_STEPS: Record<string, Record<string, unknown>> = {
  basics: {
    age: 30,
    sex: "male",
    height_cm: 180,
    weight_kg: 80,
    unit_preference: "metric",
    timezone: "Europe/Berlin",
  },
  goals: { primary_goal: "muscle_gain", secondary_goal: "strength", target_weight_kg: 84 },
  experience: { fitness_level: "intermediate", training_history: "two years", injuries: ["knee"] },
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
    diet_type: "omnivore",
    allergies: ["peanuts"],
    disliked_foods: ["liver"],
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

export async function saveStep(token: string, step: string, body: unknown) {
  return call(`/v1/onboarding/steps/${step}`, { method: "PUT", token, body });
}

/** Saves every step and completes onboarding; returns the profile. */
export async function onboard(
  token: string,
  overrides: Record<string, Record<string, unknown>> = {},
) {
  for (const [step, body] of Object.entries(VALID_STEPS)) {
    const response = await saveStep(token, step, { ...body, ...overrides[step] });
    if (response.status !== 200)
      throw new Error(`${step}: ${response.status} ${await response.text()}`);
  }
  const complete = await call("/v1/onboarding/complete", { method: "POST", token });
  if (complete.status !== 200)
    throw new Error(`complete: ${complete.status} ${await complete.text()}`);
  return json(complete);
}
