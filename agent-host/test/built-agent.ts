import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";

// The agent host as the image runs it: `node dist/main.js start` in agent-host/ (the
// Dockerfile's CMD), after `npm run build --workspace agent-host`, with only the variables
// the process is given (never the developer's shell), and its JSON log lines collected.
// Used by the deploy test and the agent-start bench.

export const AGENT_HOST_DIR = path.resolve(import.meta.dirname, "..");

/** `npm run build --workspace agent-host`: dist/main.js and dist/agent.js. */
export function buildAgentHost(): void {
  execFileSync("npm", ["run", "build", "--workspace", "agent-host"], {
    cwd: path.resolve(AGENT_HOST_DIR, ".."),
    stdio: ["ignore", "ignore", "inherit"],
  });
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface AgentProcess {
  child: ChildProcess;
  /** Log lines so far (stdout and stderr), parsed when JSON. */
  lines: Array<Record<string, unknown>>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Sends the signal and resolves with how the process ended and how long it took. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; ms: number }>;
}

export function startAgentProcess(options: {
  env: Record<string, string>;
  /** Defaults to the image's command: the built entry in production mode. */
  args?: string[];
  /** The agent-host folder to run in (a production install elsewhere, for the bench). */
  cwd?: string;
}): AgentProcess {
  const child = spawn(process.execPath, options.args ?? ["dist/main.js", "start"], {
    cwd: options.cwd ?? AGENT_HOST_DIR,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: Array<Record<string, unknown>> = [];
  const collect = (chunk: Buffer) => {
    for (const line of chunk.toString().split("\n").filter(Boolean)) {
      try {
        lines.push(JSON.parse(line));
      } catch {
        lines.push({ msg: line });
      }
    }
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  return {
    child,
    lines,
    exited,
    stop: async (signal = "SIGTERM") => {
      const started = performance.now();
      child.kill(signal);
      const { code } = await exited;
      return { code, ms: performance.now() - started };
    },
  };
}
