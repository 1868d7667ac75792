import { fileURLToPath } from "node:url";
import { cli, ServerOptions } from "@livekit/agents";
import { ConfigError, loadConfig } from "./config.ts";

// `npm run agent` (start) and `npm run agent:dev` (dev): registers with LiveKit as the agent
// the backend dispatches (LIVEKIT_AGENT_NAME, default fitness-coach). The configuration is
// checked first so a missing key stops here with its name, not in the middle of a call.
// SIGTERM in production mode drains: no new jobs, running calls finish (up to the timeout).
try {
  const config = loadConfig(process.env);
  cli.runApp(
    new ServerOptions({
      agent: fileURLToPath(new URL("./agent.ts", import.meta.url)),
      agentName: config.LIVEKIT_AGENT_NAME,
      wsURL: config.LIVEKIT_URL,
      apiKey: config.LIVEKIT_API_KEY,
      apiSecret: config.LIVEKIT_API_SECRET,
      drainTimeout: config.AGENT_DRAIN_TIMEOUT_S * 1000,
    }),
  );
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
