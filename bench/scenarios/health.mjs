import { onboardedUser } from "../../test/support/api-client.ts";
import { healthBatches, seedHealth } from "../lib/health-year.mjs";
import { load, sequential } from "../lib/measure.mjs";

const USERS = 3;

/**
 * The phone's health data: a first sync of 90 days in uploads of 1,000 samples (each new, so
 * every upload stores 1,000 rows and rebuilds the days it touches), the same upload sent again
 * under load (every sample unchanged: the phone's retry), and GET /v1/health/daily for 90 days
 * (each day with its readiness against the 28 days before it) under load.
 */
export async function health(target) {
  const times = [];
  let sample = 0;
  let user;
  for (let i = 0; i < USERS; i++) {
    user = await onboardedUser(target.url);
    sample = (await seedHealth(target.url, user.token, { days: 90, time: (ms) => times.push(ms) }))
      .samples;
  }
  const firstSync = await sequential(times.length, (i) => times[i]);
  const headers = { authorization: `Bearer ${user.token}`, "content-type": "application/json" };
  const [again] = healthBatches({ days: 90 }).batches;
  // The generator is seeded: its first batch is the one the user already has (same ids).
  const retry = await load(`${target.url}/v1/health/samples`, {
    method: "POST",
    headers,
    body: JSON.stringify(again),
  });
  const to = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Berlin" }).format(new Date());
  const from = new Date(Date.parse(to) - 89 * 86_400_000).toISOString().slice(0, 10);
  const daily = await load(`${target.url}/v1/health/daily?from=${from}&to=${to}&limit=90`, {
    headers: { authorization: headers.authorization },
  });
  return {
    rows: [
      {
        scenario: "POST /v1/health/samples (1,000 new samples)",
        floor: "F2",
        ...firstSync,
        note: `sequential (${times.length}): ${USERS} users' 90-day first sync, ${sample} samples each`,
      },
      {
        scenario: "POST /v1/health/samples (the same 1,000 again)",
        floor: "F2",
        ...retry,
        note: "every sample unchanged: no day rebuilt",
      },
      { scenario: "GET /v1/health/daily (90 days, readiness)", floor: "F1", ...daily },
    ],
  };
}
