// The built Worker bundle served through Miniflare's API on a real port: what the benchmarks
// measure ("miniflare (direct)") and what the agent host's integration test calls, with the
// real actors, D1 (migrated) and alarms. Secrets are fixed local values so a fresh clone
// (no .dev.vars) runs the same way.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  convertV4MiniflareOptions,
  Log,
  LogLevel,
  Miniflare,
  type V4MiniflareOptions,
} from "miniflare";
import { unstable_getMiniflareWorkerOptions, unstable_splitSqlQuery } from "wrangler";
import { blankConfig } from "./test-bindings";

/**
 * Every variable the Worker reads: blank (unset) unless set here, so a developer's
 * `.dev.vars` never reaches a test or a bench. Limits high enough that load is never rate
 * limited; logs quiet so stdout stays cheap; LiveKit at its dev address (a stub in tests).
 */
export const LOCAL_WORKER_VARS: Record<string, string> = {
  ...blankConfig,
  APP_VERSION: "0.1.0",
  LIVEKIT_URL: "ws://127.0.0.1:7880",
  AUTH_RATE_LIMIT_PER_MINUTE: "100000000",
  PROGRAM_JOBS_PER_DAY: "100000000",
  PROGRAM_JOBS_PER_DAY_UNVERIFIED: "100000000",
  LOG_LEVEL: "error",
  JWT_SECRET: "bench-only-jwt-secret-0123456789abcdef-xyz",
  LIVEKIT_API_KEY: "devkey",
  LIVEKIT_API_SECRET: "secret",
};

export const WRANGLER_ENV = {
  ...process.env,
  WRANGLER_SEND_METRICS: "false",
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
};

export interface WorkerBundle {
  scriptPath: string;
  cleanup: () => void;
}

export interface LocalWorker {
  name: string;
  url: string;
  persistDir: string | null;
  /**
   * Runs one SQL statement on the Worker's D1 (binding DB) and returns its rows: for what a
   * test must set up that no API does, as an operator would with `wrangler d1 execute`
   * (`npm run admin:grant`).
   */
  sql?: (statement: string, ...params: unknown[]) => Promise<Record<string, unknown>[]>;
  stop: () => Promise<void>;
}

/** `wrangler deploy --dry-run` of the top-level (local) environment: the bundle production gets, with local bindings. */
export function buildBundle(): WorkerBundle {
  const outdir = mkdtempSync(path.join(tmpdir(), "worker-bundle-"));
  execFileSync("npx", ["wrangler", "deploy", "--dry-run", "--env=", "--outdir", outdir], {
    env: WRANGLER_ENV,
    stdio: ["ignore", "ignore", "inherit"],
  });
  return {
    scriptPath: path.join(outdir, "index.js"),
    cleanup: () => rmSync(outdir, { recursive: true, force: true }),
  };
}

function migrationStatements(): string[] {
  return readdirSync("migrations")
    .filter((name) => name.endsWith(".sql"))
    .sort()
    .flatMap((name) => unstable_splitSqlQuery(readFileSync(path.join("migrations", name), "utf8")));
}

/**
 * Miniflare's options for a script as wrangler reads them from a config (compatibility date
 * and flags, Durable Objects, SQLite classes, bindings), on a real port: what every local
 * target shares, ours and the bench's floors (bench/floors/).
 */
function miniflareOptions(configPath: string, scriptPath: string, port: number, name: string) {
  // Module rules do not carry over to Miniflare 5's options; the bundle is one ES module.
  const { modulesRules: _rules, ...workerOptions } =
    unstable_getMiniflareWorkerOptions(configPath).workerOptions;
  return {
    ...(workerOptions as object),
    name,
    modules: true,
    modulesRoot: path.dirname(scriptPath),
    scriptPath,
    cf: false, // no network: never try to fetch the Request.cf object
    bindings: workerOptions.bindings as Record<string, unknown> | undefined,
    host: "127.0.0.1",
    port,
    log: new Log(LogLevel.WARN),
  };
}

/**
 * One ES module served through Miniflare the way startMiniflare serves our bundle, from a
 * given wrangler config (the bench's floors: bench/lib/floors.mjs writes theirs).
 */
export async function startMiniflareScript(
  configPath: string,
  scriptPath: string,
  port: number,
): Promise<LocalWorker> {
  const mf = new Miniflare(
    convertV4MiniflareOptions(
      miniflareOptions(configPath, scriptPath, port, "floors") as V4MiniflareOptions,
    ),
  );
  const url = (await mf.ready).toString().replace(/\/$/, "");
  return { name: "miniflare (direct)", url, persistDir: null, stop: () => mf.dispose() };
}

export async function startMiniflare(
  scriptPath: string,
  port: number,
  {
    persist = false,
    persistDir: givenDir,
    vars = {},
    inspectorPort,
  }: {
    persist?: boolean;
    /** Persist to this folder and leave it on stop (the caller measures and removes it). */
    persistDir?: string;
    vars?: Record<string, string>;
    /** workerd's DevTools inspector on this port (bench/profile.mjs takes CPU profiles there). */
    inspectorPort?: number;
  } = {},
): Promise<LocalWorker> {
  const options = miniflareOptions("wrangler.toml", scriptPath, port, "local");
  const persistDir =
    givenDir ?? (persist ? mkdtempSync(path.join(tmpdir(), "worker-state-")) : null);
  // Miniflare 5 takes its own option shape; wrangler still hands out v4 worker options, which
  // Miniflare converts (as wrangler itself does). One root holds every persisted resource.
  const mf = new Miniflare(
    convertV4MiniflareOptions({
      ...options,
      ...(persistDir ? { resourcePersistencePath: persistDir } : {}),
      bindings: { ...options.bindings, ...LOCAL_WORKER_VARS, ...vars },
      // Load from one user must never be refused (the per-user limit is tested in workerd).
      ratelimits: {
        USER_RATE_LIMIT: { namespace_id: "1001", simple: { limit: 1_000_000_000, period: 60 } },
      },
      ...(inspectorPort ? { inspectorPort } : {}),
    } as V4MiniflareOptions),
  );
  const url = (await mf.ready).toString().replace(/\/$/, "");
  const db = await mf.getD1Database("DB");
  for (const statement of migrationStatements()) await db.prepare(statement).run();
  return {
    name: "miniflare (direct)",
    url,
    persistDir,
    sql: async (statement, ...params) =>
      (
        await db
          .prepare(statement)
          .bind(...params)
          .all<Record<string, unknown>>()
      ).results,
    stop: async () => {
      await mf.dispose();
      if (persistDir && !givenDir) rmSync(persistDir, { recursive: true, force: true });
    },
  };
}
