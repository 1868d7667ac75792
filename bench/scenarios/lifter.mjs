import { onboardedUser } from "../../test/support/api-client.ts";
import { load } from "../lib/measure.mjs";
import { post, seedYear } from "../lib/seed-year.mjs";

// The lifter's loop (issue 29): today's session for a user with a year of logs of the very
// exercises it plans, so every planned exercise has a history to read (last time, the target,
// warm-ups). The sample user trains in Europe/Berlin; the program is generated on four days
// that include today there, so today is always a session day.

const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

function berlinWeekday() {
  const short = new Intl.DateTimeFormat("en-GB", { weekday: "short", timeZone: "Europe/Berlin" })
    .format(new Date())
    .toLowerCase();
  return WEEKDAYS.indexOf(short.slice(0, 3));
}

async function waitForJob(url, token, jobId, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const response = await fetch(`${url}/v1/programs/status/${jobId}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const job = await response.json();
    if (job.status === "completed") return job;
    if (job.status === "failed") throw new Error(`program job failed: ${JSON.stringify(job)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`job ${jobId} did not finish`);
}

export async function lifter(target) {
  const user = await onboardedUser(target.url);
  const weekday = berlinWeekday();
  const days = [0, 2, 4, 5].map((offset) => WEEKDAYS[(weekday + offset) % 7]);
  const job = await post(target.url, user.token, "/v1/programs/generate", {
    seed: "lifter-bench",
    days_per_week: 4,
    preferred_weekdays: days,
    duration_weeks: 16,
  });
  await waitForJob(target.url, user.token, job.job_id);
  const headers = { authorization: `Bearer ${user.token}` };
  const plan = await (await fetch(`${target.url}/v1/workouts/today`, { headers })).json();
  if (plan.status !== "session") throw new Error(`today is not a session day: ${plan.status}`);
  const exercises = plan.session.exercises.map((e) => e.exercise_id);
  await seedYear(target.url, user.token, { exercises });
  const todayLoad = await load(`${target.url}/v1/workouts/today`, { headers });
  return {
    rows: [
      {
        scenario: `GET /v1/workouts/today (1 year of logs, ${exercises.length} planned lifts)`,
        floor: "F1",
        ...todayLoad,
      },
    ],
  };
}
