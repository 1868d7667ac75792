// npm run bench: serves the built Worker bundle through Miniflare (direct) and through
// `wrangler dev`, runs every scenario against both, and prints one table per target.
// BENCH_SECONDS (default 10), BENCH_CONNECTIONS (default 8),
// BENCH_TARGETS=miniflare,wrangler,engine,reminders (and agent-deploy, opt-in),
// BENCH_REMINDER_USERS (default 10000), BENCH_AGENT_STARTS (default 5).

import { startLiveKitStub } from "../test/support/livekit-stub.ts";
import { buildBundle, startMiniflare } from "../test/support/local-worker.ts";
import { CONNECTIONS, printTable, SECONDS } from "./lib/measure.mjs";
import { startWranglerDev } from "./lib/wrangler-dev.mjs";
import { accounts } from "./scenarios/accounts.mjs";
import { agent } from "./scenarios/agent.mjs";
import { agentDeploy } from "./scenarios/agent-deploy.mjs";
import { engine } from "./scenarios/engine.mjs";
import { foundation } from "./scenarios/foundation.mjs";
import { profile } from "./scenarios/profile.mjs";
import { programs } from "./scenarios/programs.mjs";
import { reminders } from "./scenarios/reminders.mjs";
import { tracking } from "./scenarios/tracking.mjs";
import { voice } from "./scenarios/voice.mjs";
import { voicePipeline } from "./scenarios/voice-pipeline.mjs";

// BENCH_SCENARIOS=foundation,voice runs a subset against the servers (foundation is the
// baseline the ratios need, so it always runs); voice-pipeline takes BENCH_VOICE_TURNS and
// BENCH_VOICE_DELAYS (see bench/scenarios/voice-pipeline.mjs).
const ALL_SCENARIOS = {
  foundation,
  accounts,
  profile,
  programs,
  tracking,
  voice,
  agent,
  "voice-pipeline": voicePipeline,
};
const picked = process.env.BENCH_SCENARIOS?.split(",");
const SCENARIOS = Object.entries(ALL_SCENARIOS)
  .filter(([name]) => !picked || name === "foundation" || picked.includes(name))
  .map(([, run]) => run);
const wanted = (process.env.BENCH_TARGETS ?? "miniflare,wrangler,engine,reminders").split(",");

console.log(`bench: ${SECONDS}s per route, ${CONNECTIONS} connections, node ${process.version}`);
const bundle = buildBundle();
// LiveKit stands in as the local stub (same wire protocol and checks as livekit-server).
const livekitStub = await startLiveKitStub({ apiKey: "devkey", apiSecret: "secret" });
// The voice scenario opens 100 rooms for one user to time creation: above the live-room limit.
const livekitVars = { LIVEKIT_URL: livekitStub.url, VOICE_MAX_ACTIVE_SESSIONS: "1000" };
const targets = [];
if (wanted.includes("miniflare"))
  targets.push(() => startMiniflare(bundle.scriptPath, 8790, { vars: livekitVars }));
if (wanted.includes("wrangler")) targets.push(() => startWranglerDev(8791, livekitVars));

const fmt = (n, digits = 1) => (typeof n === "number" ? n.toFixed(digits) : n);
for (const start of targets) {
  const target = await start();
  try {
    const rows = [];
    const notes = [];
    for (const scenario of SCENARIOS) {
      const result = await scenario(target, livekitStub);
      rows.push(...result.rows);
      notes.push(...(result.notes ?? []));
    }
    const health = rows.find((row) => row.scenario === "GET /health");
    const noop = rows.find((row) => row.scenario.startsWith("GET /health/live"));
    printTable(
      `== ${target.name} ==`,
      rows.map((row) => ({
        scenario: row.scenario,
        rps: fmt(row.rps, 0),
        "p50 ms": fmt(row.p50),
        "p99 ms": fmt(row.p99),
        "p99 / health":
          health && row.p99 !== undefined ? fmt(row.p99 / Math.max(health.p99, 1), 2) : "",
        "rps / health": health && row.rps !== undefined ? fmt(row.rps / health.rps, 2) : "",
        "p99 / no-op": noop && row.p99 !== undefined ? fmt(row.p99 / Math.max(noop.p99, 1), 2) : "",
        failures: row.failures ?? "",
        note: row.note ?? "",
      })),
      [
        "scenario",
        "rps",
        "p50 ms",
        "p99 ms",
        "p99 / health",
        "rps / health",
        "p99 / no-op",
        "failures",
        "note",
      ],
    );
    for (const note of notes) console.log(`  ${note}`);
  } finally {
    await target.stop();
  }
}
// Scenarios that need no server, or a server of their own.
const fmtRow = (row) => ({
  scenario: row.scenario,
  "users/s": row.rps === undefined ? "" : fmt(row.rps, 0),
  "p50 ms": row.p50 === undefined ? "" : fmt(row.p50, 2),
  "p99 ms": row.p99 === undefined ? "" : fmt(row.p99, 2),
  note: row.note ?? "",
});
const standalone = [];
if (wanted.includes("engine")) standalone.push(["coaching engine (pure)", () => engine()]);
// The agent host's image estimate and start time: opt in (it makes a production npm install).
if (wanted.includes("agent-deploy"))
  standalone.push(["agent host image and start (built entry, production install)", agentDeploy]);
if (wanted.includes("reminders"))
  standalone.push([
    "reminders at scale (miniflare, persisted)",
    () => reminders(bundle.scriptPath),
  ]);
for (const [title, run] of standalone) {
  const result = await run();
  printTable(`== ${title} ==`, result.rows.map(fmtRow), [
    "scenario",
    "users/s",
    "p50 ms",
    "p99 ms",
    "note",
  ]);
  for (const note of result.notes ?? []) console.log(`  ${note}`);
}
bundle.cleanup();
await livekitStub.close();
