import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { importJWK, SignJWT } from "jose";
import { startJwksServer } from "../../test/support/jwks-server.ts";
import { startMiniflare } from "../../test/support/local-worker.ts";

const USERS = Number(process.env.BENCH_REMINDER_USERS ?? 10_000);
const CONCURRENCY = 16;
const STEPS = JSON.parse(readFileSync("test/support/sample-onboarding.json", "utf8"));

function sizeOf(dir) {
  let total = 0;
  let files = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      const sub = sizeOf(full);
      total += sub.total;
      files += sub.files;
    } else {
      // Walked while the actors run: SQLite drops a -wal/-shm file when an idle actor closes.
      const stat = statSync(full, { throwIfNoEntry: false });
      if (!stat) continue;
      total += stat.size;
      files += 1;
    }
  }
  return { total, files };
}

/**
 * 10,000 users (BENCH_REMINDER_USERS) each onboarded with reminders on (a week of workout,
 * meal and check-in reminders planned as recurring schedules, the actor's alarm armed).
 * Users come from an external IdP token (no PBKDF2 on the path), so the figure is the cost
 * of the actors. Reports wall time, users per second and actor storage per user on disk.
 */
export async function reminders(scriptPath) {
  const jwks = await startJwksServer();
  const key = await importJWK(jwks.privateJwk, "RS256");
  const target = await startMiniflare(scriptPath, 8792, {
    persist: true,
    vars: { AUTH_JWKS_URL: jwks.url, AUTH_ISSUER: "https://bench-idp/", AUTH_AUDIENCE: "bench" },
  });
  try {
    const started = performance.now();
    let next = 0;
    let schedules = 0;
    const worker = async () => {
      while (next < USERS) {
        const n = next++;
        const token = await new SignJWT({ email: `r${n}@bench.test` })
          .setProtectedHeader({ alg: "RS256", kid: jwks.privateJwk.kid })
          .setSubject(`bench|${n}`)
          .setIssuer("https://bench-idp/")
          .setAudience("bench")
          .setExpirationTime("1h")
          .sign(key);
        const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
        for (const [step, body] of Object.entries(STEPS)) {
          const r = await fetch(`${target.url}/v1/onboarding/steps/${step}`, {
            method: "PUT",
            headers,
            body: JSON.stringify(body),
          });
          if (r.status !== 200) throw new Error(`step ${step}: ${r.status}`);
        }
        const done = await fetch(`${target.url}/v1/onboarding/complete`, {
          method: "POST",
          headers,
        });
        if (done.status !== 200) throw new Error(`complete: ${done.status}`);
        const plan = await (await fetch(`${target.url}/v1/reminders`, { headers })).json();
        schedules += plan.schedules.length;
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const seconds = (performance.now() - started) / 1000;
    const storage = sizeOf(target.persistDir);
    return {
      rows: [
        {
          scenario: `${USERS} users onboarded + reminders planned`,
          rps: USERS / seconds,
          note: `${seconds.toFixed(1)} s total, users/s in the rps column`,
        },
      ],
      notes: [
        `reminder schedules per user: ${(schedules / USERS).toFixed(1)} (recurring; alarm armed for the earliest)`,
        `storage on disk (actors + D1): ${(storage.total / 1024 / 1024).toFixed(1)} MiB in ${storage.files} files = ${(storage.total / USERS / 1024).toFixed(1)} KiB per user`,
      ],
    };
  } finally {
    await target.stop();
    await jwks.close();
  }
}
