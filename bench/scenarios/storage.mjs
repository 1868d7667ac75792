import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DatabaseSync } from "node:sqlite";
import { freePort } from "../../agent-host/test/built-agent.ts";
import { onboardedUser } from "../../test/support/api-client.ts";
import { startMiniflare } from "../../test/support/local-worker.ts";
import { seedHealth } from "../lib/health-year.mjs";
import { seedYear, YEAR } from "../lib/seed-year.mjs";

const USERS = Number(process.env.BENCH_STORAGE_USERS ?? 3);

/** Which store a persisted file belongs to: D1, the user actors, or anything else. */
function storeOf(file) {
  if (file.split(path.sep).includes("d1")) return "d1";
  if (file.includes("UserActor")) return "actor";
  return "other";
}

function files(dir) {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/** Bytes on disk per store: every file (after checkpoint(), the databases alone). */
function bytesOf(dir) {
  const bytes = { d1: 0, actor: 0, other: 0 };
  for (const file of files(dir)) bytes[storeOf(file)] += statSync(file).size;
  return bytes;
}

/**
 * Moves every database's write-ahead log into it and counts the rows in its tables. workerd
 * stops without checkpointing: most of a small database is still in its -wal file (up to
 * 4 MiB, never shrunk), which would measure SQLite's log, not the data.
 */
function checkpoint(dir) {
  const rows = { d1: 0, actor: 0, other: 0 };
  for (const file of files(dir).filter((f) => f.endsWith(".sqlite"))) {
    const db = new DatabaseSync(file);
    try {
      db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
      const tables = db
        .prepare(
          "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '\\_cf\\_%' ESCAPE '\\' AND name NOT LIKE 'd1\\_%' ESCAPE '\\'",
        )
        .all();
      for (const { name } of tables)
        rows[storeOf(file)] += db.prepare(`SELECT count(*) AS n FROM "${name}"`).get().n;
    } finally {
      db.close();
    }
  }
  return rows;
}

/**
 * One persisted Miniflare from empty: `users` onboarded users, each given what `seed` sends
 * (nothing when null); measured after Miniflare is stopped and the logs checkpointed.
 */
async function phase(scriptPath, users, seed) {
  const dir = mkdtempSync(path.join(tmpdir(), "bench-storage-"));
  const target = await startMiniflare(scriptPath, await freePort(), { persistDir: dir });
  const started = performance.now();
  let requests = 0;
  try {
    for (let i = 0; i < users; i++) {
      const user = await onboardedUser(target.url);
      if (seed) requests += (await seed(target.url, user.token)).requests;
    }
  } finally {
    await target.stop();
  }
  const seconds = (performance.now() - started) / 1000;
  const rows = checkpoint(dir);
  const result = { bytes: bytesOf(dir), rows, seconds, requests };
  rmSync(dir, { recursive: true, force: true });
  return result;
}

/**
 * Bytes on disk per user-year of logs: BENCH_STORAGE_USERS users each given a year through
 * the public API (bench/lib/seed-year.mjs), against the same users with no logs; and what a
 * fresh onboarded user costs, against an empty deployment. D1 and the user actors apart.
 */
export async function storage(scriptPath) {
  const empty = await phase(scriptPath, 0, null);
  const fresh = await phase(scriptPath, USERS, null);
  const year = await phase(scriptPath, USERS, seedYear);
  let healthSamples = 0;
  const healthYear = await phase(scriptPath, USERS, async (url, token) => {
    const seeded = await seedHealth(url, token, { days: 365 });
    healthSamples = seeded.samples;
    return seeded;
  });
  const perUser = (a, b, store, key = "bytes") => (a[key][store] - b[key][store]) / USERS;
  const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
  const rows = [
    ["d1", "D1"],
    ["actor", "user actors (DO SQLite)"],
    ["other", "other (rate limiter, ...)"],
  ].map(([store, label]) => ({
    store: label,
    "bytes / user-year": kib(perUser(year, fresh, store)),
    "rows / user-year": perUser(year, fresh, store, "rows").toFixed(0),
    "fresh user": kib(perUser(fresh, empty, store)),
    "fresh user rows": perUser(fresh, empty, store, "rows").toFixed(0),
  }));
  // The phone's health data (issue 33): a year of samples in the user's actor.
  rows.push({
    store: "user actors: a year of health samples",
    "bytes / user-year": kib(perUser(healthYear, fresh, "actor")),
    "rows / user-year": perUser(healthYear, fresh, "actor", "rows").toFixed(0),
    "fresh user": "",
    "fresh user rows": "",
  });
  return {
    columns: ["store", "bytes / user-year", "rows / user-year", "fresh user", "fresh user rows"],
    rows,
    notes: [
      `a user-year: ${YEAR.sessions} sessions, ${YEAR.sets} sets, ${YEAR.days} body weights, ${YEAR.days * YEAR.mealsPerDay} meals (2 foods each), all through the public API; ${USERS} users (BENCH_STORAGE_USERS)`,
      `seeding: ${year.requests} requests in ${year.seconds.toFixed(0)} s (${(year.requests / year.seconds).toFixed(0)}/s, 4 at once, onboarding included)`,
      `bytes on disk, Miniflare stopped, WAL checkpointed (other: Miniflare's rate-limit and cache stores, its metadata, our RateLimiter object): empty ${JSON.stringify(empty.bytes)}, ${USERS} fresh ${JSON.stringify(fresh.bytes)}, ${USERS} with a year ${JSON.stringify(year.bytes)}`,
      `a user-year of health data: ${healthSamples} HealthKit samples (hourly steps and energy, sleep stages, HRV, resting HR, weigh-ins, workouts), uploaded in batches of 1,000: ${healthYear.requests} requests in ${healthYear.seconds.toFixed(0)} s`,
      `rows (all tables, not counting SQLite's and Cloudflare's own): empty ${JSON.stringify(empty.rows)}, fresh ${JSON.stringify(fresh.rows)}, year ${JSON.stringify(year.rows)}`,
    ],
  };
}
