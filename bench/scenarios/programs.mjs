import { onboardedUser } from "../../test/support/api-client.ts";
import { load, sequential } from "../lib/measure.mjs";

async function waitForJob(url, token, jobId, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const job = await (
      await fetch(`${url}/v1/programs/status/${jobId}`, {
        headers: { authorization: `Bearer ${token}` },
      })
    ).json();
    if (job.status === "completed" || job.status === "failed") return job;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`job ${jobId} did not finish`);
}

/**
 * Job acceptance (202) measured one request at a time with distinct inputs, and the server's
 * own created_at -> completed_at for full deterministic 16-week, 6-day jobs (no LLM key);
 * then today's session from the activated program under load.
 */
export async function programs(target) {
  const user = await onboardedUser(target.url);
  const headers = { authorization: `Bearer ${user.token}`, "content-type": "application/json" };
  const jobIds = [];
  const accepted = await sequential(200, async (i) => {
    const response = await fetch(`${target.url}/v1/programs/generate`, {
      method: "POST",
      headers,
      body: JSON.stringify({ seed: `bench-${i}`, activate: false, duration_weeks: 4 }),
    });
    if (response.status !== 202) throw new Error(`generate: ${response.status}`);
    jobIds.push((await response.json()).job_id);
  });
  await waitForJob(target.url, user.token, jobIds.at(-1), 300_000);

  const durations = [];
  for (let i = 0; i < 10; i++) {
    const response = await fetch(`${target.url}/v1/programs/generate`, {
      method: "POST",
      headers,
      body: JSON.stringify({ seed: `full-${i}`, duration_weeks: 16, days_per_week: 6 }),
    });
    const job = await waitForJob(target.url, user.token, (await response.json()).job_id);
    durations.push(Date.parse(job.completed_at) - Date.parse(job.created_at));
  }
  durations.sort((a, b) => a - b);
  // The last full job activated its program: today's session is read from it.
  const today = await load(`${target.url}/v1/workouts/today`, { headers });
  return {
    rows: [
      {
        scenario: "POST /v1/programs/generate (202)",
        floor: "F2",
        p50: accepted.p50,
        p99: accepted.p99,
        note: "sequential",
      },
      {
        scenario: "job created -> completed (16w x 6d)",
        p50: durations[4],
        p99: durations.at(-1),
        note: "server time",
      },
      { scenario: "GET /v1/workouts/today (active program)", floor: "F1", ...today },
    ],
  };
}
