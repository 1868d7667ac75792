// npm run bench: serves the built Worker bundle through Miniflare (direct) and through
// `wrangler dev`, runs every scenario against both, and prints one table per target. Each
// target first serves the floors (bench/floors/floors.js: F0 hello world, F1 + a Durable
// Object RPC for an in-memory value, F2 + one SQLite upsert) through the same harness, and
// every row with a floor is printed as a ratio to it; `workerd` serves the floors under a
// bare `workerd serve` for scale.
// BENCH_SECONDS (default 10), BENCH_CONNECTIONS (default 8),
// BENCH_TARGETS=miniflare,wrangler,workerd,engine,reminders (and agent-deploy, storage and
// burst, opt-in), BENCH_REMINDER_USERS (default 10000), BENCH_AGENT_STARTS (default 5),
// BENCH_STORAGE_USERS (default 3; storage: bytes on disk per user-year of logs),
// BENCH_BURST_USERS (default 300000; burst: reminders of one minute against Expo's rate).

import { freePort } from "../agent-host/test/built-agent.ts";
import { startEmailStub } from "../test/support/email-stub.ts";
import { startFdcStub } from "../test/support/fdc-stub.ts";
import { startLiveKitStub } from "../test/support/livekit-stub.ts";
import { buildBundle, startMiniflare } from "../test/support/local-worker.ts";
import {
  FLOORS,
  floorRows,
  LAYERED_FLOORS,
  measureFloors,
  startFloors,
  startRawWorkerd,
} from "./lib/floors.mjs";
import { CONNECTIONS, printTable, SECONDS } from "./lib/measure.mjs";
import { startWranglerDev } from "./lib/wrangler-dev.mjs";
import { accounts } from "./scenarios/accounts.mjs";
import { agent } from "./scenarios/agent.mjs";
import { agentDeploy } from "./scenarios/agent-deploy.mjs";
import { backups } from "./scenarios/backups.mjs";
import { engine } from "./scenarios/engine.mjs";
import { foundation } from "./scenarios/foundation.mjs";
import { health } from "./scenarios/health.mjs";
import { lifter } from "./scenarios/lifter.mjs";
import { nutrition } from "./scenarios/nutrition.mjs";
import { profile } from "./scenarios/profile.mjs";
import { programs } from "./scenarios/programs.mjs";
import { reminderBurst } from "./scenarios/reminder-burst.mjs";
import { reminders } from "./scenarios/reminders.mjs";
import { storage } from "./scenarios/storage.mjs";
import { sync } from "./scenarios/sync.mjs";
import { tracking } from "./scenarios/tracking.mjs";
import { voice } from "./scenarios/voice.mjs";
import { voicePipeline } from "./scenarios/voice-pipeline.mjs";

// BENCH_SCENARIOS=foundation,voice runs a subset against the servers (the floors, the
// ratios' baseline, always run); voice-pipeline takes BENCH_VOICE_TURNS and
// BENCH_VOICE_DELAYS (see bench/scenarios/voice-pipeline.mjs).
const ALL_SCENARIOS = {
  foundation,
  accounts,
  profile,
  programs,
  tracking,
  lifter,
  sync,
  nutrition,
  health,
  voice,
  agent,
  "voice-pipeline": voicePipeline,
  backups,
};
const picked = process.env.BENCH_SCENARIOS?.split(",");
const SCENARIOS = Object.entries(ALL_SCENARIOS)
  .filter(([name]) => !picked || picked.includes(name))
  .map(([, run]) => run);
const wanted = (process.env.BENCH_TARGETS ?? "miniflare,wrangler,workerd,engine,reminders").split(
  ",",
);

console.log(`bench: ${SECONDS}s per route, ${CONNECTIONS} connections, node ${process.version}`);
const bundle = buildBundle();
// LiveKit stands in as the local stub (same wire protocol and checks as livekit-server).
const livekitStub = await startLiveKitStub({ apiKey: "devkey", apiSecret: "secret" });
// The Worker mails to the email API's stand-in: users confirm their address before voice.
const emailStub = await startEmailStub({ apiKey: "bench-email-key" });
// Food search asks FoodData Central's stand-in (once: then the D1 cache answers).
const fdcStub = await startFdcStub({ apiKey: "bench-fdc-key" });
// The voice scenario opens 100 rooms for one user to time creation: above the live-room limit
// and the rooms allowed a day.
const livekitVars = {
  LIVEKIT_URL: livekitStub.url,
  VOICE_MAX_ACTIVE_SESSIONS: "1000",
  VOICE_ROOMS_PER_DAY: "1000",
  ...emailStub.vars,
  FDC_API_URL: fdcStub.url,
  FDC_API_KEY: fdcStub.apiKey,
};
const targets = [];
if (wanted.includes("miniflare"))
  targets.push([
    "miniflare",
    async () => startMiniflare(bundle.scriptPath, await freePort(), { vars: livekitVars }),
  ]);
if (wanted.includes("wrangler"))
  targets.push(["wrangler", async () => startWranglerDev(await freePort(), livekitVars)]);

const fmt = (n, digits = 1) => (typeof n === "number" ? n.toFixed(digits) : n);
const LEGEND = [
  "vs floor: row rps / floor rps under load; for a sequential row (no rps), floor p50 / row p50.",
  "p99 vs floor: floor p99 / row p99. All read 1.0 = as good as the floor, higher is better.",
  "Floors: F0 hello world; F1 + one Durable Object RPC for an in-memory value; F2 + one SQLite",
  "upsert in the object (bench/floors/floors.js). vs floor+: the same ratio against F0+/F1+/F2+,",
  "those floors behind our config's assets router and one rate-limit binding call, which every",
  "authenticated route also pays (locally both are Miniflare simulations; /health pays only the",
  "assets router).",
];

/** A row's floor and its ratios (blank when the row names no floor). */
function ratios(row, floors) {
  const floor = floors[row.floor];
  const layered = floors[`${row.floor}+`];
  const blank = { floor: row.floor ?? "", "vs floor": "", "p99 vs floor": "", "vs floor+": "" };
  if (!floor || row.isFloor || row.p99 === undefined) return blank;
  // autocannon's latencies are whole milliseconds: a floor's p99 can be 0 or 1.
  const ratio = (a, b) => fmt(Math.max(a, 1e-9) / Math.max(b, 1e-9), 2);
  if (row.rps === undefined)
    return {
      floor: `${row.floor} seq`,
      "vs floor": ratio(floor.sequential.p50, row.p50),
      "p99 vs floor": ratio(floor.sequential.p99, row.p99),
      "vs floor+": layered ? ratio(layered.sequential.p50, row.p50) : "",
    };
  return {
    floor: row.floor,
    "vs floor": ratio(row.rps, floor.rps),
    "p99 vs floor": fmt(Math.max(floor.p99, 1) / Math.max(row.p99, 1), 2),
    "vs floor+": layered ? ratio(row.rps, layered.rps) : "",
  };
}

const COLUMNS = [
  "scenario",
  "rps",
  "p50 ms",
  "p99 ms",
  "floor",
  "vs floor",
  "p99 vs floor",
  "vs floor+",
  "failures",
  "note",
];

for (const [kind, start] of targets) {
  // The floors first, on their own server of the same kind, then stopped: never both at once.
  const floors = {};
  for (const [layered, paths] of [
    [false, FLOORS],
    [true, LAYERED_FLOORS],
  ]) {
    const floorServer = await startFloors(kind, { layered });
    try {
      Object.assign(floors, await measureFloors(floorServer.url, paths));
    } finally {
      await floorServer.stop();
    }
  }
  const target = await start();
  try {
    const rows = floorRows(floors);
    const notes = [];
    for (const scenario of SCENARIOS) {
      const result = await scenario(target, livekitStub, emailStub.url);
      rows.push(...result.rows);
      notes.push(...(result.notes ?? []));
    }
    printTable(
      `== ${target.name} ==`,
      rows.map((row) => ({
        scenario: row.scenario,
        rps: fmt(row.rps, 0),
        "p50 ms": fmt(row.p50),
        "p99 ms": fmt(row.p99),
        ...ratios(row, floors),
        failures: row.failures ?? "",
        note: row.note ?? "",
      })),
      COLUMNS,
    );
    for (const line of LEGEND) console.log(`  ${line}`);
    for (const row of rows.filter((r) => r.targetP50 !== undefined))
      console.log(
        `  target: ${row.scenario} p50 ${fmt(row.p50, 2)} ms (target <= ${row.targetP50} ms: ${row.p50 <= row.targetP50 ? "met" : "missed"})`,
      );
    for (const note of notes) console.log(`  ${note}`);
  } finally {
    await target.stop();
  }
}
if (wanted.includes("workerd")) {
  const raw = await startRawWorkerd();
  try {
    const rows = floorRows(await measureFloors(raw.url));
    printTable(
      `== ${raw.name}: the floors with no Miniflare and no dev proxy ==`,
      rows.map((row) => ({
        scenario: row.scenario,
        rps: fmt(row.rps, 0),
        "p50 ms": fmt(row.p50),
        "p99 ms": fmt(row.p99),
        failures: row.failures ?? "",
      })),
      ["scenario", "rps", "p50 ms", "p99 ms", "failures"],
    );
  } finally {
    await raw.stop();
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
if (wanted.includes("storage"))
  standalone.push([
    "storage: bytes on disk per user-year of logs (miniflare, persisted)",
    () => storage(bundle.scriptPath),
  ]);
if (wanted.includes("reminders"))
  standalone.push([
    "reminders at scale (miniflare, persisted)",
    () => reminders(bundle.scriptPath),
  ]);
if (wanted.includes("burst"))
  standalone.push([
    "reminder burst: one local minute against Expo's 600/s (simulated time, real client and stub)",
    reminderBurst,
  ]);
for (const [title, run] of standalone) {
  const result = await run();
  // A target with columns of its own (storage) formats its rows itself.
  if (result.columns) printTable(`== ${title} ==`, result.rows, result.columns);
  else
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
await emailStub.close();
await fdcStub.close();
