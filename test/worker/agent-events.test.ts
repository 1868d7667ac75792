import { env, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { actorSql } from "./actor-helpers";
import { call, deleteAccount, json, type SignedUp, signUp } from "./helpers";
import { onboard } from "./onboarding-helpers";
import { generate, runJob } from "./program-helpers";
import { agentSocket, agentToken, signedWebhook } from "./voice-helpers";

// The voice agent's /internal/agent/events socket: only the events the agent acts on, with
// only the fields it reads, and only while its room is live.

const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

async function appSocket(user: SignedUp) {
  const response = await call("/v1/realtime", {
    token: user.accessToken,
    headers: { upgrade: "websocket" },
  });
  const socket = response.webSocket as WebSocket;
  socket.accept();
  const events: Array<{ type: string; data: Record<string, unknown> }> = [];
  socket.addEventListener("message", (event) => {
    if (String(event.data).startsWith("{")) events.push(JSON.parse(String(event.data)));
  });
  let closed = false;
  socket.addEventListener("close", () => {
    closed = true;
  });
  return { socket, events, closed: () => closed };
}

const ENDED = { code: 4004, reason: "voice_session_ended" };

/** The agent sockets the user's actor holds open. */
const actorSockets = (userId: string) =>
  runInDurableObject(
    env.USER_ACTOR.getByName(userId),
    (_, state) =>
      state.getWebSockets("agent").filter((socket) => socket.readyState === WebSocket.OPEN).length,
  );

describe("the agent's events socket", () => {
  it("gets no profile, program or inbox events, and job outcomes with their ids only", async () => {
    const user = await signUp({ verified: true });
    await onboard(user.accessToken);
    const { token } = await agentToken(user);
    const agent = await agentSocket(token);
    const app = await appSocket(user);

    const patched = await call("/v1/profile", {
      method: "PATCH",
      token: user.accessToken,
      body: { weight_kg: 81, injuries: ["knee"] },
    });
    expect(patched.status).toBe(200);
    const { job_id } = await json(await generate(user.accessToken, {}));
    await runJob(user.userId, user.accessToken, job_id);
    await settle();

    // The app heard all of it (so every event was sent)...
    const appTypes = app.events.map((e) => e.type);
    expect(appTypes).toEqual(
      expect.arrayContaining(["profile.updated", "job.progress", "job.completed"]),
    );
    // ...the agent only the outcome of the job, without the job's request or profile data.
    const heard = agent.events.filter((e) => e.type !== "hello");
    expect(heard.map((e) => e.type)).toEqual(["job.completed"]);
    expect(Object.keys(heard[0]?.data ?? {}).sort()).toEqual(["job_id", "program_id", "status"]);
    expect(heard[0]?.data.job_id).toBe(job_id);
    expect(JSON.stringify(agent.events)).not.toMatch(/weight|injur|allerg/);
    agent.socket.close();
    app.socket.close();
  });

  it("closes when the room is ended through the API, and cannot be reopened", async () => {
    const user = await signUp({ verified: true });
    const { token, session } = await agentToken(user);
    const agent = await agentSocket(token);
    const app = await appSocket(user);
    await call(`/v1/voice/sessions/${session.room_name}`, {
      method: "DELETE",
      token: user.accessToken,
    });
    expect(await agent.closed).toEqual(ENDED);
    expect(app.closed()).toBe(false); // the app's socket is not the room's
    const again = await call("/internal/agent/events", {
      token,
      headers: { upgrade: "websocket" },
    });
    expect(again.status).toBe(403);
    app.socket.close();
  });

  it("takes at most two sockets per room: a third is refused with 409 until one closes", async () => {
    const user = await signUp({ verified: true });
    const { token } = await agentToken(user);
    const first = await agentSocket(token);
    const second = await agentSocket(token);
    const third = await call("/internal/agent/events", {
      token,
      headers: { upgrade: "websocket" },
    });
    expect(third.status).toBe(409);
    expect((await json(third)).error.code).toBe("agent_socket_limit");
    const open = await actorSockets(user.userId);
    expect(open).toBe(2);

    first.socket.close(1000, "done");
    await first.closed;
    const replacement = await agentSocket(token);
    expect(replacement.events[0]?.type ?? "hello").toBe("hello");
    second.socket.close();
    replacement.socket.close();
  });

  it("closes when LiveKit reports the room finished", async () => {
    const user = await signUp({ verified: true });
    const { token, session } = await agentToken(user);
    const agent = await agentSocket(token);
    await signedWebhook({ event: "room_finished", room: { name: session.room_name } });
    expect(await agent.closed).toEqual(ENDED);
  });

  it("closes when the account is deleted", async () => {
    const user = await signUp({ verified: true });
    const { token } = await agentToken(user);
    const agent = await agentSocket(token);
    await deleteAccount(user);
    expect(await agent.closed).toEqual({ code: 4001, reason: "account_deleted" });
  });

  it("closes once the room's agent token has expired, at its next ping or event", async () => {
    const user = await signUp({ verified: true });
    const { token, session } = await agentToken(user);
    const agent = await agentSocket(token);
    await actorSql(
      user.userId,
      "UPDATE voice_rooms SET expires_at = ? WHERE room_name = ?",
      new Date(Date.now() - 1000).toISOString(),
      session.room_name,
    );
    agent.socket.send("ping");
    expect(await agent.closed).toEqual(ENDED);
    expect(agent.events.filter((e) => e.type !== "hello")).toEqual([]);
  });
});
