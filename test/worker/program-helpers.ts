import { env, runDurableObjectAlarm } from "cloudflare:test";
import { call, json } from "./helpers";

export async function generate(
  token: string,
  body: unknown = {},
  headers: Record<string, string> = {},
) {
  return call("/v1/programs/generate", { token, body, headers });
}

export async function jobStatus(token: string, jobId: string) {
  return json(await call(`/v1/programs/status/${jobId}`, { token }));
}

/**
 * Drives the user's alarm until the job is finished. Independent of timing: each call runs
 * the alarm if one is armed (it may also have fired on its own, or still be running a slow
 * stage, in which case we wait a little and look again).
 */
export async function runJob(userId: string, token: string, jobId: string, timeoutMs = 20_000) {
  const stub = env.USER_ACTOR.getByName(userId);
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const job = await jobStatus(token, jobId);
    if (job.status === "completed" || job.status === "failed") return job;
    const ran = await runDurableObjectAlarm(stub);
    await new Promise((resolve) => setTimeout(resolve, ran ? 2 : 25));
  }
  throw new Error(`job ${jobId} did not finish within ${timeoutMs} ms`);
}
