// A year of one user's logs, written through the public API only (so the figures keep their
// meaning whatever storage sits behind it): the tracking scenario's user for GET /v1/progress
// and the storage target's users.

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const EXERCISES = [
  "barbell-back-squat",
  "barbell-bench-press",
  "conventional-deadlift",
  "barbell-overhead-press",
];

/** One year: 151 sessions with 3,328 sets in all (22 or 23 each), a weight a day, 3 meals a day. */
export const YEAR = { days: 365, sessions: 151, sets: 3_328, mealsPerDay: 3 };

export async function post(url, token, path, body, method = "POST") {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (response.status >= 300)
    throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

const sessionOn = (day) =>
  Math.floor(((YEAR.days - day + 1) * YEAR.sessions) / YEAR.days) >
  Math.floor(((YEAR.days - day) * YEAR.sessions) / YEAR.days);

/**
 * Days 365 to 1 before today (never today, so nothing lands in the user's future), each day's
 * requests in order and `concurrency` days at once: the day's body weight, its meals and, on
 * a training day, a session with its sets (cycling through `exercises`), then marked
 * completed. Returns request counts.
 */
export async function seedYear(url, token, { concurrency = 4, exercises = EXERCISES } = {}) {
  const midnight = Math.floor(Date.now() / DAY_MS) * DAY_MS;
  const days = [];
  let session = 0;
  for (let day = YEAR.days; day >= 1; day--) {
    if (!sessionOn(day)) days.push({ day, sets: 0 });
    else {
      const sets =
        Math.floor(((session + 1) * YEAR.sets) / YEAR.sessions) -
        Math.floor((session * YEAR.sets) / YEAR.sessions);
      days.push({ day, sets });
      session += 1;
    }
  }
  const counts = { requests: 0, sessions: 0, sets: 0, weights: 0, meals: 0 };
  const seedDay = async ({ day, sets }) => {
    const at = (hours) => new Date(midnight - day * DAY_MS + hours * HOUR_MS).toISOString();
    await post(url, token, "/v1/body/weight", {
      client_id: `w${day}`,
      weight_kg: 80 - day / 100,
      measured_at: at(6.5),
    });
    counts.weights += 1;
    for (const [i, meal] of ["breakfast", "lunch", "dinner"].slice(0, YEAR.mealsPerDay).entries()) {
      await post(url, token, "/v1/meals/logs", {
        client_id: `m${day}-${i}`,
        meal,
        logged_at: at(7 + i * 5),
        foods: [
          { name: "oats", grams: 80, calories: 300, protein_g: 10, fat_g: 5, carbs_g: 54 },
          { name: "greek yogurt", grams: 200, calories: 190, protein_g: 20, fat_g: 8, carbs_g: 8 },
        ],
      });
      counts.meals += 1;
    }
    if (sets === 0) return;
    const s = await post(url, token, "/v1/workouts/sessions", {
      client_id: `s${day}`,
      started_at: at(18),
    });
    for (let i = 0; i < sets; i++) {
      await post(url, token, `/v1/workouts/sessions/${s.id}/sets`, {
        client_id: `${day}-${i}`,
        exercise_id: exercises[i % exercises.length],
        reps: 5,
        weight_kg: 60 + (YEAR.days - day) / 5,
        rir: 2,
      });
    }
    await post(
      url,
      token,
      `/v1/workouts/sessions/${s.id}`,
      { status: "completed", finished_at: at(19) },
      "PATCH",
    );
    counts.sessions += 1;
    counts.sets += sets;
  };
  let next = 0;
  const worker = async () => {
    while (next < days.length) await seedDay(days[next++]);
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  counts.requests = counts.weights + counts.meals + counts.sessions * 2 + counts.sets;
  return counts;
}
