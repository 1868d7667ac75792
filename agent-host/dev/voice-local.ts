// `npm run voice:local [-- wrangler dev flags]`: everything a call with a coach needs on this
// machine, with no cloud account. It runs `npm run dev` (the API and the console), the agent
// host, and for each provider whose key is not in .dev.vars a local stand-in (Claude as a
// scripted coach, Deepgram, Cartesia: local-providers.ts); with the keys, the real ones.
//
// LiveKit: a LIVEKIT_URL elsewhere than this machine (LiveKit Cloud) is used as it is;
// otherwise `livekit-server --dev` runs when it is installed (audio calls), and when it is not,
// LiveKit's API stand-in takes its port and the agent host runs the calls in text
// (text-rooms.ts), which the console's Voice screen joins by itself.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import path from "node:path";
import { initializeLogger } from "@livekit/agents";
import { devServerUrl } from "../../scripts/dev-address.ts";
import { ensureDevVars, readDevVars } from "../../scripts/dev-vars.ts";
import { loadConfig } from "../src/config.ts";
import { startLocalProviders } from "./local-providers.ts";
import { TextRooms } from "./text-rooms.ts";

process.chdir(path.join(import.meta.dirname, "../.."));
const args = process.argv.slice(2);
const say = (line: string) => console.log(`voice:local: ${line}`);

if (ensureDevVars()) say("created .dev.vars from .dev.vars.example");
const vars = readDevVars();
const livekitUrl = new URL(vars.LIVEKIT_URL || "ws://127.0.0.1:7880");
const onThisMachine = ["127.0.0.1", "localhost", "[::1]"].includes(livekitUrl.hostname);
const installed = spawnSync("sh", ["-c", "command -v livekit-server"]).status === 0;
const livekitStandIn = onThisMachine && !installed;

const providers = await startLocalProviders(vars, { livekitStandIn });
const apiUrl = devServerUrl(args);
const agentEnv = { ...providers.agentEnv, COACH_API_URL: apiUrl };
const children: ChildProcess[] = [];
/** Starts a process in its own group, so stopping reaches everything it starts (npm does not pass signals on). */
const run = (command: string, commandArgs: string[], env: Record<string, string> = {}) => {
  const child = spawn(command, commandArgs, {
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, ...env },
    detached: true,
  });
  child.on("exit", (code) => {
    if (stopping) return;
    say(`${path.basename(command)} ${commandArgs[0]} exited (${code}); stopping the rest`);
    void stop(code ?? 1);
  });
  children.push(child);
};

let textRooms: TextRooms | undefined;
if (providers.livekit) {
  initializeLogger({ pretty: false, level: "warn" });
  textRooms = new TextRooms(providers.livekit, loadConfig(agentEnv), (event, fields) =>
    console.log(JSON.stringify({ event, ...fields })),
  );
} else {
  if (onThisMachine) {
    run("livekit-server", [
      "--dev",
      "--bind",
      livekitUrl.hostname,
      "--port",
      livekitUrl.port || "7880",
    ]);
    providers.summary.push(`LiveKit: livekit-server --dev at ${livekitUrl.href}`);
  } else providers.summary.push(`LiveKit: ${livekitUrl.href} (LIVEKIT_URL in .dev.vars)`);
  // The agent host from source on the project's Node (type stripping), as `npm run agent:dev`.
  run(process.execPath, ["agent-host/src/main.ts", "start"], agentEnv);
}

const workerVars = Object.entries(providers.workerVars).flatMap(([name, value]) => [
  "--var",
  `${name}:${value}`,
]);
run("npm", ["run", "dev", "--", ...args, ...workerVars]);
for (const line of providers.summary) say(line);
say(`the API and the console: ${apiUrl} (Voice screen for a call, Coach for chat)`);

let stopping = false;
async function stop(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  for (const child of children)
    if (child.exitCode === null && child.pid) process.kill(-child.pid, "SIGTERM");
  await textRooms?.close();
  await providers.close();
  process.exit(code);
}
process.on("SIGINT", () => void stop(0));
process.on("SIGTERM", () => void stop(0));
