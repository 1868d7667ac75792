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
