import { onboardedUser } from "../../test/support/api-client.ts";
import { load } from "../lib/measure.mjs";

const DAY_MS = 86_400_000;

async function post(url, token, path, body) {
  const response = await fetch(`${url}${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (response.status >= 300)
    throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

/**
 * Logging a set under load, and GET /v1/progress for a user with a year of logs: 4 sessions a
 * week for 52 weeks, 16 sets each (3,328 sets), and a body weight every day (365 entries).
 */
export async function tracking(target) {
  const user = await onboardedUser(target.url);
  const auth = { authorization: `Bearer ${user.token}` };
  const session = await post(target.url, user.token, "/v1/workouts/sessions", {});
  let n = 0;
  const logSet = await load(`${target.url}/v1/workouts/sessions/${session.id}/sets`, {
    method: "POST",
    headers: { ...auth, "content-type": "application/json" },
    setupRequest: (request) => ({
      ...request,
      body: JSON.stringify({
        client_id: `bench-${n++}`,
        exercise_id: "barbell-back-squat",
        reps: 5,
        weight_kg: 100,
        rir: 2,
      }),
    }),
  });

  const year = await onboardedUser(target.url);
  const now = Date.now();
  const exercises = [
    "barbell-back-squat",
    "barbell-bench-press",
    "conventional-deadlift",
    "barbell-overhead-press",
  ];
  for (let day = 364; day >= 0; day--) {
    const at = new Date(now - day * DAY_MS).toISOString();
    await post(target.url, year.token, "/v1/body/weight", {
      weight_kg: 80 - day / 100,
      measured_at: at,
    });
    if (day % 7 > 3) continue;
    const s = await post(target.url, year.token, "/v1/workouts/sessions", { started_at: at });
    for (let i = 0; i < 16; i++) {
      await post(target.url, year.token, `/v1/workouts/sessions/${s.id}/sets`, {
        client_id: `${day}-${i}`,
        exercise_id: exercises[i % 4],
        reps: 5,
        weight_kg: 60 + (364 - day) / 5,
        rir: 2,
      });
    }
  }
  const progress = await load(`${target.url}/v1/progress`, {
    headers: { authorization: `Bearer ${year.token}` },
  });
  return {
    rows: [
      { scenario: "POST .../sets (log a set)", ...logSet },
      { scenario: "GET /v1/progress (1 year of logs)", ...progress },
    ],
  };
}
