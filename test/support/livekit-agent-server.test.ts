import { JobType, RegisterWorkerRequest, WorkerMessage } from "@livekit/protocol";
import { AccessToken } from "livekit-server-sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { type LiveKitAgentServer, startLiveKitAgentServer } from "./livekit-agent-server";

// The agent WebSocket stand-in refuses what livekit-server refuses (the whole worker protocol
// runs against the real @livekit/agents worker in agent-host/test/deploy.test.ts).

let server: LiveKitAgentServer;

async function token(grant: Record<string, unknown>, secret = "secret") {
  const at = new AccessToken("devkey", secret, { identity: "someone" });
  at.addGrant(grant);
  return at.toJwt();
}

function connect(path: string, jwt?: string): Promise<WebSocket | number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`${server.url}${path}`, {
      headers: jwt ? { authorization: `Bearer ${jwt}` } : {},
    });
    ws.once("open", () => resolve(ws));
    ws.once("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
  });
}

beforeAll(async () => {
  server = await startLiveKitAgentServer({ apiKey: "devkey", apiSecret: "secret" });
});
afterAll(() => server.close());

describe("the LiveKit agent WebSocket stand-in", () => {
  it("needs a token signed by the API key with the agent grant", async () => {
    expect(await connect("/agent")).toBe(401);
    expect(await connect("/agent", await token({ agent: true }, "other-secret"))).toBe(401);
    expect(await connect("/agent", await token({ roomJoin: true, room: "r" }))).toBe(401);
    expect(await connect("/rtc", await token({ agent: true }))).toBe(404);
    const ws = await connect("/agent", await token({ agent: true }));
    expect(ws).toBeInstanceOf(WebSocket);
    (ws as WebSocket).close();
  });

  it("registers a worker by its first message, and closes on anything else first", async () => {
    const bad = (await connect("/agent", await token({ agent: true }))) as WebSocket;
    bad.send(new WorkerMessage({ message: { case: "updateWorker", value: {} } }).toBinary());
    expect(await new Promise((resolve) => bad.once("close", resolve))).toBe(1008);

    const ws = (await connect("/agent", await token({ agent: true }))) as WebSocket;
    const register = new RegisterWorkerRequest({
      type: JobType.JT_ROOM,
      agentName: "coach",
      version: "1.0.0",
    });
    ws.send(new WorkerMessage({ message: { case: "register", value: register } }).toBinary());
    const worker = await server.waitForWorker("coach", 5_000);
    expect(worker).toMatchObject({ agentName: "coach", version: "1.0.0", closed: false });
    expect(await server.dispatch({ room: "r", agentName: "someone-else" })).toMatchObject({
      status: "no_worker",
    });
    ws.close();
  });
});
