import sampleOnboarding from "../support/sample-onboarding.json";
import { call, json } from "./helpers";

/** A complete, valid set of onboarding steps (shared with the benchmarks). */
export const VALID_STEPS: Record<string, Record<string, unknown>> = sampleOnboarding;

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

/**
 * Four training weekdays that include today in the sample user's timezone, so tests about
 * "today's session" run on every day of the week instead of skipping rest days.
 */
const DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/** Today's weekday ("mon".."sun") where the test user lives. */
export function todayWeekday(timezone = "Europe/Berlin"): string {
  return new Intl.DateTimeFormat("en-US", { timeZone: timezone, weekday: "short" })
    .format(new Date())
    .toLowerCase()
    .slice(0, 3);
}

export function weekdaysIncludingToday(timezone = "Europe/Berlin"): string[] {
  const index = DAYS.indexOf(todayWeekday(timezone));
  return [0, 2, 4, 6].map((offset) => DAYS[(index + offset) % 7] as string);
}
