import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { WebSocketServer } from "ws";
import { AgentEvents, type LiveEvent } from "../src/agent-events";
import { type Announcement, ProgramAnnouncer } from "../src/program-announcer";

// The live events socket against a local WebSocket server that checks the agent token like
// the backend: it reconnects after a drop, stops for good when refused, and the announcer
// speaks only for jobs of this call, even when the outcome arrives before the job id.

let server: Server | null = null;

afterEach(async () => {
  const open = server;
  server = null;
  if (!open) return;
  open.closeAllConnections();
  await new Promise((resolve) => open.close(resolve));
});

async function eventsServer(options: { refuse?: number } = {}) {
  const wss = new WebSocketServer({ noServer: true });
  const connections: Array<import("ws").WebSocket> = [];
  let upgrades = 0;
  server = createServer();
  server.on("upgrade", (request, socket, head) => {
    upgrades += 1;
    if (options.refuse || request.headers.authorization !== "Bearer t") {
      socket.end(`HTTP/1.1 ${options.refuse ?? 401} Refused\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => connections.push(ws));
  });
  await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
  const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/internal/agent/events`;
  return { url, connections, upgrades: () => upgrades };
}

const until = async (check: () => boolean) => {
  const deadline = Date.now() + 5_000;
  while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  expect(check()).toBe(true);
};

describe("the agent's live events", () => {
  it("delivers events, and reconnects after the connection drops", async () => {
    const backend = await eventsServer();
    const received: LiveEvent[] = [];
    const events = new AgentEvents({
      url: backend.url,
      headers: { authorization: "Bearer t" },
      onEvent: (event) => received.push(event),
      log: () => {},
      retryMs: 20,
    });
    await events.start();
    backend.connections[0]?.send("pong");
    backend.connections[0]?.send(JSON.stringify({ type: "job.completed", data: { job_id: "j1" } }));
    await until(() => received.length === 1);
    backend.connections[0]?.terminate();
    await until(() => backend.connections.length === 2);
    backend.connections[1]?.send(JSON.stringify({ type: "job.progress", data: { job_id: "j2" } }));
    await until(() => received.length === 2);
    expect(received.map((e) => e.type)).toEqual(["job.completed", "job.progress"]);
    events.close();
  });

  it("stops for good when the backend refuses the token (the session ended)", async () => {
    const backend = await eventsServer({ refuse: 403 });
    const logged: string[] = [];
    const events = new AgentEvents({
      url: backend.url,
      headers: { authorization: "Bearer t" },
      onEvent: () => {},
      log: (event) => logged.push(event),
      retryMs: 10,
    });
    void events.start();
    await until(() => logged.includes("agent_events_refused"));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(backend.upgrades()).toBe(1);
    events.close();
  });

  it("stops for good when the backend closes the socket because the session ended", async () => {
    const backend = await eventsServer();
    const logged: Array<{ event: string; code?: unknown }> = [];
    const events = new AgentEvents({
      url: backend.url,
      headers: { authorization: "Bearer t" },
      onEvent: () => {},
      log: (event, fields) => logged.push({ event, ...fields }),
      retryMs: 10,
    });
    await events.start();
    backend.connections[0]?.close(4004, "voice_session_ended");
    await until(() => logged.some((line) => line.event === "agent_events_ended"));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(backend.upgrades()).toBe(1);
    expect(logged).toContainEqual({
      event: "agent_events_ended",
      code: 4004,
      reason: "voice_session_ended",
    });
    events.close();
  });
});

describe("program announcements", () => {
  const completed = (jobId: string): LiveEvent => ({
    type: "job.completed",
    data: { job_id: jobId, program_id: `p-${jobId}` },
    at: "",
  });

  it("announces a job of this call once, whichever of result and event comes first", () => {
    const said: Announcement[] = [];
    const announcer = new ProgramAnnouncer((a) => said.push(a));
    announcer.track("early");
    announcer.onEvent({ type: "job.progress", data: { job_id: "early" }, at: "" });
    announcer.onEvent(completed("early"));
    announcer.onEvent(completed("late")); // before the tool result named it
    announcer.track("late");
    announcer.onEvent(completed("late")); // a repeated event says nothing more
    announcer.onEvent(completed("someone-elses")); // never tracked: never announced
    announcer.onEvent({
      type: "job.failed",
      data: { job_id: "f", error_message: "no days" },
      at: "",
    });
    announcer.track("f");
    expect(said).toEqual([
      { kind: "completed", jobId: "early", programId: "p-early" },
      { kind: "completed", jobId: "late", programId: "p-late" },
      { kind: "failed", jobId: "f", reason: "no days" },
    ]);
  });
});
