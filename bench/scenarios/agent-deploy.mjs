import { execFileSync } from "node:child_process";
import { cpSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  AGENT_HOST_DIR,
  buildAgentHost,
  freePort,
  startAgentProcess,
} from "../../agent-host/test/built-agent.ts";
import { startLiveKitAgentServer } from "../../test/support/livekit-agent-server.ts";

const STARTS = Number(process.env.BENCH_AGENT_STARTS ?? 5);
const ROOT = path.resolve(AGENT_HOST_DIR, "..");

/** Apparent size and disk usage (4 KiB blocks) of a folder tree, as `du` would count them. */
function treeSize(dir) {
  let bytes = 0;
  let blocks = 0;
  const walk = (p) => {
    const stat = lstatSync(p);
    bytes += stat.size;
    blocks += stat.blocks;
    if (stat.isDirectory()) for (const name of readdirSync(p)) walk(path.join(p, name));
  };
  walk(dir);
  return { mib: bytes / 2 ** 20, diskMib: (blocks * 512) / 2 ** 20 };
}

/**
 * The agent host's image, estimated without Docker: the Dockerfile's runtime stage done by
 * hand in a temporary folder (the production install of the agent host from the root
 * lockfile, onnxruntime-node cut to this platform, the built dist/), its size, and the built
 * entry started from there (`node dist/main.js start`) until it registers with a stand-in of
 * LiveKit's agent WebSocket, several times. The base image (node slim, ca-certificates) is
 * not in the figure.
 */
export async function agentDeploy() {
  buildAgentHost();
  const app = mkdtempSync(path.join(tmpdir(), "agent-image-"));
  mkdirSync(path.join(app, "agent-host"));
  for (const file of ["package.json", "package-lock.json", "agent-host/package.json"])
    cpSync(path.join(ROOT, file), path.join(app, file));
  const installStarted = performance.now();
  execFileSync(
    "npm",
    ["ci", "--workspace", "agent-host", "--include-workspace-root=false", "--omit=dev"],
    {
      cwd: app,
      env: { ...process.env, ONNXRUNTIME_NODE_INSTALL: "skip" },
      stdio: ["ignore", "ignore", "ignore"],
    },
  );
  const installSeconds = (performance.now() - installStarted) / 1000;
  const onnx = treeSize(path.join(app, "node_modules/onnxruntime-node"));
  const ortBin = path.join(app, "node_modules/onnxruntime-node/bin");
  for (const napi of readdirSync(ortBin))
    for (const platform of readdirSync(path.join(ortBin, napi))) {
      const dir = path.join(ortBin, napi, platform);
      if (platform !== process.platform) rmSync(dir, { recursive: true });
      else
        for (const arch of readdirSync(dir))
          if (arch !== process.arch) rmSync(path.join(dir, arch), { recursive: true });
    }
  cpSync(path.join(AGENT_HOST_DIR, "dist"), path.join(app, "agent-host/dist"), { recursive: true });
  const modules = treeSize(path.join(app, "node_modules"));
  const dist = treeSize(path.join(app, "agent-host/dist"));

  const livekit = await startLiveKitAgentServer({ apiKey: "devkey", apiSecret: "bench-secret" });
  const registered = [];
  const stopped = [];
  for (let i = 0; i < STARTS; i++) {
    const started = performance.now();
    const host = startAgentProcess({
      cwd: path.join(app, "agent-host"),
      env: {
        NODE_ENV: "production",
        LIVEKIT_URL: livekit.url,
        LIVEKIT_API_KEY: "devkey",
        LIVEKIT_API_SECRET: "bench-secret",
        COACH_API_URL: "http://127.0.0.1:9",
        DEEPGRAM_API_KEY: "dg",
        CARTESIA_API_KEY: "ca",
        ANTHROPIC_API_KEY: "sk",
        AGENT_HEALTH_PORT: String(await freePort()),
      },
    });
    const count = livekit.workers().length;
    await livekit.waitUntil(() => livekit.workers().length > count, 60_000, "never registered");
    registered.push(performance.now() - started);
    // Let the idle job processes warm (Silero loaded) before stopping, as in a real start.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const { code, ms } = await host.stop("SIGTERM");
    if (code !== 0) throw new Error(`agent exited ${code} on SIGTERM`);
    stopped.push(ms);
  }
  await livekit.close();
  rmSync(app, { recursive: true, force: true });

  const sorted = [...registered].sort((a, b) => a - b);
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return {
    rows: [
      {
        scenario: `agent start -> registered (${STARTS} starts)`,
        p50: median(registered),
        p99: sorted.at(-1),
        note: `each: ${registered.map((ms) => ms.toFixed(0)).join(", ")} ms`,
      },
      {
        scenario: "agent SIGTERM -> exit 0 (idle, drained)",
        p50: median(stopped),
        p99: Math.max(...stopped),
        note: "",
      },
    ],
    notes: [
      `image estimate (app layers, base image not included): node_modules ${modules.mib.toFixed(1)} MiB (${modules.diskMib.toFixed(1)} MiB on disk) + dist ${(dist.mib * 1024).toFixed(0)} KiB; production install took ${installSeconds.toFixed(0)} s`,
      `onnxruntime-node before the platform cut: ${onnx.mib.toFixed(1)} MiB`,
    ],
  };
}
