// The Worker through `wrangler dev` (what a developer sees, including the dev proxy); the
// direct target, Miniflare's API, is test/support/local-worker.ts.
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { LOCAL_WORKER_VARS, WRANGLER_ENV } from "../../test/support/local-worker.ts";

// The per-user rate limit binding reads its limit from the config, not a variable: the bench
// runs on a copy of wrangler.toml (beside it, so its relative paths hold) with the limit lifted.
const BENCH_CONFIG = ".wrangler-bench.toml";

function writeBenchConfig() {
  const config = readFileSync("wrangler.toml", "utf8");
  const lifted = config.replace(
    /simple = \{ limit = \d+, period = (\d+) \}/,
    "simple = { limit = 1000000000, period = $1 }",
  );
  if (lifted === config) throw new Error("bench: USER_RATE_LIMIT not found in wrangler.toml");
  writeFileSync(BENCH_CONFIG, lifted);
}

export async function startWranglerDev(port, extraVars = {}) {
  const state = mkdtempSync(path.join(tmpdir(), "bench-wrangler-"));
  writeBenchConfig();
  execFileSync(
    "npx",
    ["wrangler", "d1", "migrations", "apply", "DB", "--local", "--persist-to", state],
    { env: { ...WRANGLER_ENV, CI: "true" }, stdio: "ignore" },
  );
  const vars = Object.entries({ ...LOCAL_WORKER_VARS, ...extraVars }).flatMap(([k, v]) => [
    "--var",
    `${k}:${v}`,
  ]);
  const dev = await spawnWranglerDev(BENCH_CONFIG, port, state, vars, "/health");
  return {
    ...dev,
    stop: async () => {
      await dev.stop();
      rmSync(BENCH_CONFIG, { force: true });
    },
  };
}

/**
 * `wrangler dev` on a config, persisted to `state` (removed on stop), once `readyPath`
 * answers: ours above, and the bench's floors (bench/lib/floors.mjs) the same way.
 */
export async function spawnWranglerDev(config, port, state, extraArgs, readyPath) {
  const child = spawn(
    "npx",
    [
      "wrangler",
      "dev",
      "--config",
      config,
      "--ip",
      "127.0.0.1",
      "--port",
      String(port),
      "--persist-to",
      state,
      ...extraArgs,
    ],
    { env: WRANGLER_ENV, stdio: ["ignore", "pipe", "pipe"], detached: true },
  );
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${url}${readyPath}`)).ok) break;
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    name: "wrangler dev",
    url,
    stop: async () => {
      process.kill(-child.pid, "SIGTERM");
      await new Promise((resolve) => setTimeout(resolve, 500));
      rmSync(state, { recursive: true, force: true });
    },
  };
}
