import { readFileSync } from "node:fs";
import { signUp } from "../lib/client.mjs";
import { load } from "../lib/measure.mjs";

const STEPS = JSON.parse(readFileSync("test/support/sample-onboarding.json", "utf8"));

async function put(url, token, step, body) {
  const response = await fetch(`${url}/v1/onboarding/steps/${step}`, {
    method: "PUT",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (response.status !== 200) throw new Error(`PUT ${step}: ${response.status}`);
}

export async function onboardedUser(url) {
  const user = await signUp(url);
  for (const [step, body] of Object.entries(STEPS)) await put(url, user.token, step, body);
  const done = await fetch(`${url}/v1/onboarding/complete`, {
    method: "POST",
    headers: { authorization: `Bearer ${user.token}` },
  });
  if (done.status !== 200) throw new Error(`complete: ${done.status}`);
  return user;
}

/** Onboarding and profile reads and writes (the actor's hot paths). */
export async function profile(target) {
  const onboarded = await onboardedUser(target.url);
  const fresh = await signUp(target.url);
  const auth = (user) => ({ authorization: `Bearer ${user.token}` });
  const rows = [];
  rows.push({
    scenario: "GET /v1/profile (cache hit)",
    ...(await load(`${target.url}/v1/profile`, { headers: auth(onboarded) })),
  });
  rows.push({
    scenario: "GET /v1/onboarding",
    ...(await load(`${target.url}/v1/onboarding`, { headers: auth(fresh) })),
  });
  rows.push({
    scenario: "PUT /v1/onboarding/steps/basics",
    ...(await load(`${target.url}/v1/onboarding/steps/basics`, {
      method: "PUT",
      headers: { ...auth(fresh), "content-type": "application/json" },
      body: JSON.stringify(STEPS.basics),
    })),
  });
  rows.push({
    scenario: "GET /v1/coach/context",
    ...(await load(`${target.url}/v1/coach/context`, { headers: auth(onboarded) })),
  });
  return { rows };
}
