import { type ProgramInput, programInputSchema } from "./program-schema";

// What a program is generated from: the profile's values, overridden by the request's.

const DEFAULT_DURATION_WEEKS = 8;

/** The generator input for a profile and a request's overrides; seed makes it repeatable. */
export function programInputFor(
  profile: Record<string, unknown>,
  overrides: Partial<ProgramInput>,
  seed: string,
) {
  return programInputSchema.safeParse({
    goal: profile.primary_goal,
    fitness_level: profile.fitness_level,
    days_per_week: profile.days_per_week,
    session_minutes: profile.session_minutes,
    equipment: profile.equipment,
    location: profile.location,
    injuries: profile.injuries,
    preferred_weekdays: profile.preferred_weekdays,
    duration_weeks: DEFAULT_DURATION_WEEKS,
    seed,
    ...overrides,
  });
}
