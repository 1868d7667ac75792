import { onboardedUser } from "../../test/support/api-client.ts";
import { load, sequential } from "../lib/measure.mjs";
import { post, seedYear } from "../lib/seed-year.mjs";

/**
 * Logging a set, a meal and a body weight under load, and GET /v1/progress for a user with a
 * year of logs (bench/lib/seed-year.mjs: 151 sessions with 3,328 sets, 365 body weights,
 * 1,095 meals).
 */
export async function tracking(target) {
  const user = await onboardedUser(target.url);
  const headers = { authorization: `Bearer ${user.token}`, "content-type": "application/json" };
  const session = await post(target.url, user.token, "/v1/workouts/sessions", {});
  let n = 0;
  // Each request a new entry (a fresh client_id), never an idempotent replay.
  const posting = (path, body) =>
    load(`${target.url}${path}`, {
      method: "POST",
      headers,
      setupRequest: (request) => ({ ...request, body: JSON.stringify(body(n++)) }),
    });
  const logSet = await posting(`/v1/workouts/sessions/${session.id}/sets`, (i) => ({
    client_id: `bench-${i}`,
    exercise_id: "barbell-back-squat",
    reps: 5,
    weight_kg: 100,
    rir: 2,
  }));
  const meal = await posting("/v1/meals/logs", (i) => ({
    client_id: `meal-${i}`,
    meal: "lunch",
    calories: 650,
    protein_g: 40,
    fat_g: 20,
    carbs_g: 70,
  }));
  const weight = await posting("/v1/body/weight", (i) => ({
    client_id: `weight-${i}`,
    weight_kg: 80,
  }));

  const year = await onboardedUser(target.url);
  await seedYear(target.url, year.token);
  const yearAuth = { authorization: `Bearer ${year.token}` };
  const progress = await load(`${target.url}/v1/progress`, { headers: yearAuth });
  // The actor keeps the answer until a write: after a logged set it is computed again from the
  // day summaries. Only the GET is timed.
  const yearSession = await post(target.url, year.token, "/v1/workouts/sessions", {});
  const afterWrite = await sequential(100, async (i) => {
    await post(target.url, year.token, `/v1/workouts/sessions/${yearSession.id}/sets`, {
      client_id: `after-write-${i}`,
      exercise_id: "barbell-bench-press",
      reps: 5,
      weight_kg: 60 + (i % 10),
      rir: 2,
    });
    const started = performance.now();
    const response = await fetch(`${target.url}/v1/progress`, { headers: yearAuth });
    if (!response.ok) throw new Error(`progress after a write: ${response.status}`);
    await response.arrayBuffer();
    return performance.now() - started;
  });
  return {
    rows: [
      { scenario: "POST .../sets (log a set)", floor: "F2", ...logSet },
      { scenario: "POST /v1/meals/logs (log a meal)", floor: "F2", ...meal },
      { scenario: "POST /v1/body/weight (body weight)", floor: "F2", ...weight },
      { scenario: "GET /v1/progress (1 year of logs)", floor: "F1", ...progress },
      {
        scenario: "GET /v1/progress right after a logged set (recomputed)",
        floor: "F1",
        ...afterWrite,
        note: "sequential (100), the GET alone",
      },
    ],
  };
}
