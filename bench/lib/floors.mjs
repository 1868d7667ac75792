// The floors (bench/floors/floors.js) served by the same harness as our Worker: Miniflare's
// API with options from a wrangler config, and `wrangler dev` on that config; plus the raw
// `workerd serve` of the same script for scale. Each floor is loaded exactly like a row.
import { spawn } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort } from "../../agent-host/test/built-agent.ts";
import { startMiniflareScript } from "../../test/support/local-worker.ts";
import { load, sequential } from "./measure.mjs";
import { spawnWranglerDev } from "./wrangler-dev.mjs";

const SCRIPT = path.resolve("bench/floors/floors.js");
export const FLOORS = { F0: "/f0", F1: "/f1", F2: "/f2" };
/** The same floors behind our config's assets router and one rate-limit call (floors.js). */
export const LAYERED_FLOORS = { "F0+": "/f0+", "F1+": "/f1+", "F2+": "/f2+" };
const FLOOR_TEXT = {
  F0: "hello world",
  F1: "+ DO RPC, in-memory value",
  F2: "+ DO RPC, 1 SQLite upsert",
  "F0+": "F0 + assets router + rate-limit call",
  "F1+": "F1 + assets router + rate-limit call",
  "F2+": "F2 + assets router + rate-limit call",
};
const SEQUENTIAL = 200;

/** Our compatibility date and flags, read from wrangler.toml so the comparison is fair. */
function compatibility() {
  const toml = readFileSync("wrangler.toml", "utf8");
  const date = toml.match(/^compatibility_date = "([^"]+)"/m)?.[1];
  const flags = JSON.parse(toml.match(/^compatibility_flags = (\[.*\])/m)?.[1] ?? "[]");
  if (!date) throw new Error("bench: compatibility_date not found in wrangler.toml");
  return { date, flags };
}

/**
 * A temporary wrangler config for the floors: one Worker, one SQLite-backed object class; with
 * `layered`, also static assets routed like ours (the Worker's paths first) and a rate-limit
 * binding with a limit no load reaches (as startMiniflare lifts ours).
 */
function writeFloorsConfig(layered) {
  const dir = mkdtempSync(path.join(tmpdir(), "bench-floors-"));
  const { date, flags } = compatibility();
  const config = path.join(dir, "wrangler.toml");
  const layers = [];
  if (layered) {
    mkdirSync(path.join(dir, "public"));
    writeFileSync(path.join(dir, "public", "index.html"), "<!doctype html><title>floors</title>");
    layers.push(
      "[assets]",
      `directory = ${JSON.stringify(path.join(dir, "public"))}`,
      'not_found_handling = "single-page-application"',
      'run_worker_first = ["/f0*", "/f1*", "/f2*"]',
      "[[ratelimits]]",
      'name = "LIMIT"',
      'namespace_id = "9001"',
      "simple = { limit = 1000000000, period = 60 }",
    );
  }
  writeFileSync(
    config,
    [
      'name = "bench-floors"',
      `main = ${JSON.stringify(SCRIPT)}`,
      `compatibility_date = "${date}"`,
      `compatibility_flags = ${JSON.stringify(flags)}`,
      "send_metrics = false",
      "[[durable_objects.bindings]]",
      'name = "FLOOR"',
      'class_name = "FloorActor"',
      "[[migrations]]",
      'tag = "v1"',
      'new_sqlite_classes = ["FloorActor"]',
      ...layers,
      "",
    ].join("\n"),
  );
  return { dir, config };
}

/**
 * Starts the floors on the same kind of target as ours ("miniflare" or "wrangler"); `layered`
 * serves them with our config's assets router and rate-limit binding (LAYERED_FLOORS).
 */
export async function startFloors(kind, { layered = false } = {}) {
  const port = await freePort();
  const { dir, config } = writeFloorsConfig(layered);
  const server =
    kind === "wrangler"
      ? await spawnWranglerDev(config, port, path.join(dir, "state"), [], FLOORS.F0)
      : await startMiniflareScript(config, SCRIPT, port);
  return {
    ...server,
    stop: async () => {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Each floor under load() like every row, and SEQUENTIAL requests one at a time (the figure
 * a sequential row is compared with).
 */
export async function measureFloors(url, paths = FLOORS) {
  const floors = {};
  for (const [name, floorPath] of Object.entries(paths)) {
    const target = `${url}${floorPath}`;
    const loaded = await load(target);
    if (loaded.failures) throw new Error(`bench: floor ${name} failed ${loaded.failures} times`);
    const seq = await sequential(SEQUENTIAL, () => fetch(target).then((r) => r.arrayBuffer()));
    floors[name] = { ...loaded, sequential: seq, text: FLOOR_TEXT[name] };
  }
  return floors;
}

/** The floors as table rows (loaded, then one at a time). */
export function floorRows(floors) {
  return Object.entries(floors).flatMap(([name, floor]) => [
    { scenario: `${name} floor: ${floor.text}`, ...floor, floor: name, isFloor: true },
    {
      scenario: `${name} floor, sequential (${SEQUENTIAL})`,
      p50: floor.sequential.p50,
      p99: floor.sequential.p99,
      floor: name,
      isFloor: true,
    },
  ]);
}

function workerdBinary() {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve("workerd/package.json")), "bin", "workerd");
}

/**
 * The same script under a bare `workerd serve` (no Miniflare, no dev proxy): a capnp config
 * in a temporary folder, the object's SQLite on a local disk there.
 */
export async function startRawWorkerd() {
  const port = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), "bench-workerd-"));
  copyFileSync(SCRIPT, path.join(dir, "floors.js"));
  const { date, flags } = compatibility();
  writeFileSync(
    path.join(dir, "config.capnp"),
    `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [
    (name = "main", worker = .floors),
    (name = "do-disk", disk = (path = "${dir}", writable = true)),
  ],
  sockets = [(name = "http", address = "127.0.0.1:${port}", http = (), service = "main")],
);
const floors :Workerd.Worker = (
  modules = [(name = "floors.js", esModule = embed "floors.js")],
  compatibilityDate = "${date}",
  compatibilityFlags = ${JSON.stringify(flags)},
  bindings = [(name = "FLOOR", durableObjectNamespace = "FloorActor")],
  durableObjectNamespaces = [(className = "FloorActor", uniqueKey = "bench-floors-FloorActor", enableSql = true)],
  durableObjectStorage = (localDisk = "do-disk"),
);
`,
  );
  const child = spawn(workerdBinary(), ["serve", path.join(dir, "config.capnp")], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (chunk) => {
    stderr += chunk;
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    try {
      if ((await fetch(`${url}${FLOORS.F0}`)).ok) break;
    } catch {}
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill();
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`workerd serve did not start: ${stderr.trim().slice(0, 500)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    name: "workerd serve (raw)",
    url,
    stop: async () => {
      child.kill("SIGTERM");
      await new Promise((resolve) => child.once("exit", resolve));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
