import { WorkerStatus } from "@livekit/protocol";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  type LiveKitAgentServer,
  startLiveKitAgentServer,
} from "../../test/support/livekit-agent-server";
import { type AgentProcess, buildAgentHost, freePort, startAgentProcess } from "./built-agent";

// The deployable unit: the built agent host started with the image's command
// (`node dist/main.js start`), against a stand-in of LiveKit's agent WebSocket that checks
// the worker token and speaks the worker protocol. The room itself (WebRTC) needs a real
// LiveKit server, so a job is followed until its process joins the room with the token the
// assignment carried.

const API_KEY = "devkey";
const API_SECRET = "secret-for-tests-only-32-characters";
let livekit: LiveKitAgentServer;
let agent: AgentProcess | undefined;

const metadata = JSON.stringify({
  user_id: "user-1",
  agent_type: "workout",
  mode: "voice",
  agent_token: "agent-token",
});

async function startAgent(env: Record<string, string> = {}, args?: string[]) {
  const healthPort = await freePort();
  agent = startAgentProcess({
    args,
    env: {
      NODE_ENV: "production",
      LIVEKIT_URL: livekit.url,
      LIVEKIT_API_KEY: API_KEY,
      LIVEKIT_API_SECRET: API_SECRET,
      LIVEKIT_AGENT_NAME: "fitness-coach",
      // Needed by a call, not by the worker: nothing here is reached before a room joins.
      COACH_API_URL: "http://127.0.0.1:9",
      DEEPGRAM_API_KEY: "dg-test",
      CARTESIA_API_KEY: "ca-test",
      ANTHROPIC_API_KEY: "sk-ant-test",
      AGENT_HEALTH_PORT: String(healthPort),
      ...env,
    },
  });
  return { process: agent, health: `http://127.0.0.1:${healthPort}` };
}

beforeAll(async () => {
  buildAgentHost();
  livekit = await startLiveKitAgentServer({ apiKey: API_KEY, apiSecret: API_SECRET });
}, 60_000);

afterEach(async () => {
  if (agent && agent.child.exitCode === null && agent.child.signalCode === null)
    await agent.stop("SIGKILL");
  agent = undefined;
});

afterAll(async () => {
  await livekit?.close();
});

describe("the built agent host (the image's start command)", () => {
  it("registers as fitness-coach, takes an explicit dispatch, and drains on SIGTERM with exit 0", async () => {
    const { process: host, health } = await startAgent({ AGENT_DRAIN_TIMEOUT_S: "30" });
    const worker = await livekit.waitForWorker("fitness-coach");
    expect(worker).toMatchObject({ jobType: 0, version: "1.8.1" }); // JT_ROOM, the framework's
    // The health endpoint an orchestrator probes: healthy once registered.
    expect((await fetch(health)).status).toBe(200);
    expect(await (await fetch(`${health}/worker`)).json()).toMatchObject({
      agent_name: "fitness-coach",
      worker_type: "JT_ROOM",
    });

    // Explicit dispatch only: a job for another agent name never reaches this worker.
    const other = await livekit.dispatch({ room: "r0", agentName: "someone-else" });
    expect(other).toEqual({ status: "no_worker", reason: "no workers available" });

    const outcome = await livekit.dispatch({
      room: "fitness-voice-user-1-abc",
      agentName: "fitness-coach",
      metadata,
    });
    expect(outcome.status).toBe("assigned");
    if (outcome.status !== "assigned") return;
    expect(outcome.response.available).toBe(true);
    // The job process starts and joins the room with the assignment's token.
    await livekit.waitUntil(() => livekit.roomJoins.length > 0, 30_000, "no room join");
    expect(livekit.roomJoins[0]?.claims).toMatchObject({
      sub: outcome.response.participantIdentity,
      video: { room: "fitness-voice-user-1-abc", roomJoin: true, agent: true },
    });

    const stopping = host.stop("SIGTERM");
    // Draining: the worker tells LiveKit it is full, so no new call reaches it...
    await livekit.waitUntil(() => worker.status === WorkerStatus.WS_FULL, 10_000, "never full");
    const refused = await livekit.dispatch({ room: "r2", agentName: "fitness-coach", metadata });
    expect(refused).toMatchObject({ status: "no_worker" });
    // ...and it exits 0 once its calls are over, well inside the drain timeout.
    const { code, ms } = await stopping;
    expect(code).toBe(0);
    expect(ms).toBeLessThan(30_000);
    expect(host.lines).toContainEqual(
      expect.objectContaining({ msg: "worker stopped", drained: true }),
    );
  }, 90_000);

  it("keeps a running call through the drain, and exits 1 when the drain timeout cuts it off", async () => {
    livekit.holdRoomJoins(true); // the call's room connection stays open: the job is running
    try {
      const { process: host } = await startAgent({ AGENT_DRAIN_TIMEOUT_S: "3" });
      await livekit.waitForWorker("fitness-coach");
      const joins = livekit.roomJoins.length;
      const outcome = await livekit.dispatch({ room: "r3", agentName: "fitness-coach", metadata });
      expect(outcome.status).toBe("assigned");
      await livekit.waitUntil(() => livekit.roomJoins.length > joins, 30_000, "no room join");

      const { code, ms } = await host.stop("SIGTERM");
      expect(code).toBe(1);
      expect(ms).toBeGreaterThanOrEqual(3_000); // it waited for the call
      expect(host.lines).toContainEqual(
        expect.objectContaining({ msg: "drain timed out: running calls are being ended" }),
      );
    } finally {
      livekit.holdRoomJoins(false);
    }
  }, 90_000);

  it("stops at once, naming the variable, when the configuration is incomplete", async () => {
    const { process: host } = await startAgent({ DEEPGRAM_API_KEY: "" });
    expect((await host.exited).code).toBe(1);
    expect(host.lines.map((l) => l.msg).join("\n")).toContain("DEEPGRAM_API_KEY is missing");
  });
});

describe("the source entry under Node's type stripping (what lk agent dev runs)", () => {
  it("registers in dev mode from src/main.ts without a build", async () => {
    await startAgent({}, ["--experimental-strip-types", "src/main.ts", "dev"]);
    // Earlier tests' workers have disconnected; this finds the dev worker.
    const worker = await livekit.waitForWorker("fitness-coach");
    expect(worker.closed).toBe(false);
  }, 60_000);
});
