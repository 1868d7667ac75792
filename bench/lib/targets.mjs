// Starts the same Worker bundle two ways: directly through Miniflare's API (what our code
// costs) and through `wrangler dev` (what a developer sees, including the dev proxy).
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Log, LogLevel, Miniflare } from "miniflare";
import { unstable_getMiniflareWorkerOptions, unstable_splitSqlQuery } from "wrangler";

// Limits high enough that the load itself is never rate limited; logs quiet so stdout
// writes do not distort the figures.
// Secrets are bench-only values so a fresh clone (no .dev.vars) benches the same way.
const BENCH_VARS = {
  AUTH_RATE_LIMIT_PER_MINUTE: "100000000",
  LOG_LEVEL: "error",
  JWT_SECRET: "bench-only-jwt-secret-0123456789abcdef-xyz",
  LIVEKIT_API_KEY: "devkey",
  LIVEKIT_API_SECRET: "secret",
};
const ENV = {
  ...process.env,
  WRANGLER_SEND_METRICS: "false",
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
};

export function buildBundle() {
  const outdir = mkdtempSync(path.join(tmpdir(), "bench-bundle-"));
  execFileSync("npx", ["wrangler", "deploy", "--dry-run", "--outdir", outdir], {
    env: ENV,
    stdio: ["ignore", "ignore", "inherit"],
  });
  return {
    scriptPath: path.join(outdir, "index.js"),
    cleanup: () => rmSync(outdir, { recursive: true, force: true }),
  };
}

function migrationStatements() {
  return readdirSync("migrations")
    .filter((name) => name.endsWith(".sql"))
    .sort()
    .flatMap((name) => unstable_splitSqlQuery(readFileSync(path.join("migrations", name), "utf8")));
}

export async function startMiniflare(scriptPath, port, { persist = false, vars = {} } = {}) {
  const { workerOptions } = unstable_getMiniflareWorkerOptions("wrangler.toml");
  const persistDir = persist ? mkdtempSync(path.join(tmpdir(), "bench-state-")) : null;
  const mf = new Miniflare({
    ...workerOptions,
    ...(persistDir
      ? {
          durableObjectsPersist: path.join(persistDir, "do"),
          d1Persist: path.join(persistDir, "d1"),
        }
      : {}),
    name: "bench",
    modules: true,
    modulesRoot: path.dirname(scriptPath),
    scriptPath,
    cf: false, // no network: never try to fetch the Request.cf object
    bindings: { ...workerOptions.bindings, ...BENCH_VARS, ...vars },
    host: "127.0.0.1",
    port,
    log: new Log(LogLevel.WARN),
  });
  const url = (await mf.ready).toString().replace(/\/$/, "");
  const db = await mf.getD1Database("DB");
  for (const statement of migrationStatements()) await db.prepare(statement).run();
  return {
    name: "miniflare (direct)",
    url,
    persistDir,
    stop: async () => {
      await mf.dispose();
      if (persistDir) rmSync(persistDir, { recursive: true, force: true });
    },
  };
}

export async function startWranglerDev(port, extraVars = {}) {
  const state = mkdtempSync(path.join(tmpdir(), "bench-wrangler-"));
  execFileSync(
    "npx",
    ["wrangler", "d1", "migrations", "apply", "DB", "--local", "--persist-to", state],
    { env: { ...ENV, CI: "true" }, stdio: "ignore" },
  );
  const vars = Object.entries({ ...BENCH_VARS, ...extraVars }).flatMap(([k, v]) => [
    "--var",
    `${k}:${v}`,
  ]);
  const child = spawn(
    "npx",
    [
      "wrangler",
      "dev",
      "--ip",
      "127.0.0.1",
      "--port",
      String(port),
      "--persist-to",
      state,
      ...vars,
    ],
    { env: ENV, stdio: ["ignore", "pipe", "pipe"], detached: true },
  );
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${url}/health`)).ok) break;
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
