import { onboardedUser, SAMPLE_STEPS, signUp } from "../../test/support/api-client.ts";
import { load, loadAtRate } from "../lib/measure.mjs";

/** Onboarding and profile reads and writes (the actor's hot paths). */
export async function profile(target) {
  const onboarded = await onboardedUser(target.url);
  const fresh = await signUp(target.url);
  const auth = (user) => ({ authorization: `Bearer ${user.token}` });
  const rows = [];
  rows.push({
    scenario: "GET /v1/profile (cache hit)",
    floor: "F1",
    ...(await load(`${target.url}/v1/profile`, { headers: auth(onboarded) })),
  });
  rows.push({
    scenario: "GET /v1/onboarding",
    floor: "F1",
    ...(await load(`${target.url}/v1/onboarding`, { headers: auth(fresh) })),
  });
  rows.push({
    scenario: "PUT /v1/onboarding/steps/basics",
    floor: "F2",
    ...(await load(`${target.url}/v1/onboarding/steps/basics`, {
      method: "PUT",
      headers: { ...auth(fresh), "content-type": "application/json" },
      body: JSON.stringify(SAMPLE_STEPS.basics),
    })),
  });
  // The same save offered at a fixed rate (BENCH_FIXED_RATE, default 500): the rate it holds
  // and its p99 there. No floor ratio: the rate is ours, not the server's best.
  rows.push({
    scenario: "PUT /v1/onboarding/steps/basics, fixed rate",
    ...(await loadAtRate(`${target.url}/v1/onboarding/steps/basics`, {
      method: "PUT",
      headers: { ...auth(fresh), "content-type": "application/json" },
      body: JSON.stringify(SAMPLE_STEPS.basics),
    })),
  });
  rows.push({
    scenario: "GET /v1/coach/context",
    floor: "F1",
    ...(await load(`${target.url}/v1/coach/context`, { headers: auth(onboarded) })),
  });
  return { rows };
}
