import { extname } from "node:path";
import { fileURLToPath } from "node:url";
import { cli, ServerOptions } from "@livekit/agents";
import { ConfigError, loadConfig } from "./config.ts";
import { runProductionWorker, type WorkerSettings } from "./production-worker.ts";

// The agent host's entry: registers with LiveKit as the agent the backend dispatches
// (LIVEKIT_AGENT_NAME, default fitness-coach). The configuration is checked first, so a
// missing key stops here with its name, not in the middle of a call.
//
// `start` (the image's command, `npm start`) runs our production worker, which drains on
// SIGTERM and exits 0 when the running calls ended in time. Every other command line goes to
// the framework's CLI unchanged: `dev --cli-addr ...` from `lk agent dev`, `connect`,
// `console`, and `start` with flags (as `lk agent start` passes them).
try {
  const config = loadConfig(process.env);
  const settings: WorkerSettings = {
    // The job entry the framework forks per call: agent.ts from source, agent.js when built.
    agent: fileURLToPath(new URL(`./agent${extname(import.meta.url)}`, import.meta.url)),
    agentName: config.LIVEKIT_AGENT_NAME,
    wsURL: config.LIVEKIT_URL,
    apiKey: config.LIVEKIT_API_KEY,
    apiSecret: config.LIVEKIT_API_SECRET,
    drainTimeout: config.AGENT_DRAIN_TIMEOUT_S * 1000,
    port: config.AGENT_HEALTH_PORT,
  };
  const args = process.argv.slice(2);
  if (args.length === 1 && args[0] === "start")
    await runProductionWorker(settings, config.LOG_LEVEL);
  else cli.runApp(new ServerOptions(settings));
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
