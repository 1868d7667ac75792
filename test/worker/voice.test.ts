import { decodeJwt } from "jose";
import { afterEach, beforeEach, describe, expect, inject, it, vi } from "vitest";
import { testBindings } from "../support/test-bindings";
import { call, json, signUp } from "./helpers";
import { onboard } from "./onboarding-helpers";
import { generate, runJob } from "./program-helpers";
import {
  agentToken,
  livekitStub,
  livekitStubState,
  signedWebhook,
  startSession,
} from "./voice-helpers";

// Voice sessions against the local LiveKit stub (Twirp JSON, checks signatures and grants
// like livekit-server), scripted over its /_stub/* endpoints.

beforeEach(async () => {
  await livekitStub("down", { down: false });
});
afterEach(() => vi.restoreAllMocks());

describe("POST /v1/voice/sessions", () => {
  it("creates the room, dispatches the agent with a scoped agent token and returns the user's token", async () => {
    const user = await signUp({ verified: true });
    const response = await startSession(user, { agent_type: "diet", mode: "voice" });
    expect(response.status).toBe(201);
    const session = await json(response);
    expect(session.room_name).toMatch(new RegExp(`^fitness-voice-${user.userId}-[0-9a-f]{12}$`));
    expect(response.headers.get("location")).toBe(`/v1/voice/sessions/${session.room_name}`);
    expect(session).toMatchObject({
      agent_type: "diet",
      mode: "voice",
      livekit_url: inject("livekitUrl"),
    });

    const claims = decodeJwt(session.token) as any;
    expect(claims).toMatchObject({
      sub: user.userId,
      name: user.email,
      iss: testBindings.LIVEKIT_API_KEY,
    });
    expect(claims.video).toEqual({
      roomJoin: true,
      room: session.room_name,
      canPublish: true,
      canSubscribe: true,
      canPublishData: true,
    });
    expect(Math.abs(claims.exp - Math.floor(Date.now() / 1000) - 6 * 3600)).toBeLessThanOrEqual(5);

    const state = await livekitStubState();
    const room = state.rooms.find((r: { name: string }) => r.name === session.room_name);
    expect(room).toMatchObject({ emptyTimeout: 300, maxParticipants: 2 });
    expect(JSON.parse(room.metadata)).toMatchObject({
      user_id: user.userId,
      agent_type: "diet",
      mode: "voice",
    });
    const dispatch = state.dispatches.find((d: { room: string }) => d.room === session.room_name);
    expect(dispatch.agentName).toBe("fitness-coach");
    const metadata = JSON.parse(dispatch.metadata);
    expect(metadata).toMatchObject({ user_id: user.userId, agent_type: "diet", mode: "voice" });
    const agentClaims = decodeJwt(metadata.agent_token);
    expect(agentClaims).toMatchObject({
      sub: user.userId,
      aud: "agent-host",
      room: session.room_name,
      agent_type: "diet",
    });
    expect(agentClaims.exp).toBe(Math.floor(Date.parse(session.expires_at) / 1000));
  });

  it("names text rooms fitness-text-... and validates the coach", async () => {
    const user = await signUp({ verified: true });
    const text = await json(await startSession(user, { agent_type: "general", mode: "text" }));
    expect(text.room_name.startsWith(`fitness-text-${user.userId}-`)).toBe(true);
    const bad = await startSession(user, { agent_type: "astrologer" });
    expect(bad.status).toBe(422);
    expect((await json(bad)).error.details[0].field).toBe("agent_type");
  });

  it("answers 500 with a generic message when LiveKit is down, and deletes a room made before a later failure", async () => {
    const user = await signUp({ verified: true });
    await livekitStub("down", { down: true, mode: "unavailable" });
    const down = await startSession(user);
    expect(down.status).toBe(500);
    const body = await json(down);
    expect(body.error.code).toBe("voice_unavailable");
    expect(JSON.stringify(body)).not.toMatch(/twirp|unavailable:|livekit/i);
    await livekitStub("down", { down: false });

    await livekitStub("fail-next", {
      method: "CreateDispatch",
      code: "internal",
      msg: "dispatch exploded",
    });
    const failed = await startSession(user);
    expect(failed.status).toBe(500);
    const state = await livekitStubState();
    expect(state.rooms.some((r: { name: string }) => r.name.includes(user.userId))).toBe(false);
    expect(await json(await call("/v1/voice/sessions", { token: user.accessToken }))).toEqual({
      items: [],
      next_cursor: null,
    });
  });

  it("tells the operator (not the app) how to reach LiveKit when nothing answers at LIVEKIT_URL", async () => {
    const user = await signUp({ verified: true });
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    await livekitStub("down", { down: true, mode: "drop" });
    const response = await startSession(user);
    await livekitStub("down", { down: false });
    expect(response.status).toBe(500);
    const body = await json(response);
    expect(body.error.code).toBe("voice_unavailable");
    expect(JSON.stringify(body)).not.toMatch(/LIVEKIT_URL|livekit-server/);
    const lines = logged.mock.calls.map((args) => JSON.parse(String(args[0])));
    const failure = lines.find((line) => line.event === "voice_session_failed");
    expect(failure).toMatchObject({ livekit_url: inject("livekitUrl") });
    expect(failure.hint).toContain("LIVEKIT_URL");
    expect(failure.hint).toContain("livekit-server --dev");
    expect(failure.hint).toContain("npm run voice:local");
    // Nothing answering is no bug: the hint says what to do, no stack of the SDK's frames.
    expect(failure.error).toBeTruthy();
    expect(failure).not.toHaveProperty("stack");
  });

  it("requires a user token", async () => {
    expect((await call("/v1/voice/sessions", { body: { agent_type: "workout" } })).status).toBe(
      401,
    );
  });
});

describe("voice session status, listing and ending", () => {
  it("lists the user's active rooms with participants, reports the agent, and ends a room", async () => {
    const user = await signUp({ verified: true });
    const session = await json(await startSession(user));
    expect(await json(await call("/v1/voice/sessions", { token: user.accessToken }))).toMatchObject(
      {
        items: [
          {
            room_name: session.room_name,
            agent_type: "workout",
            mode: "voice",
            num_participants: 0,
          },
        ],
        next_cursor: null,
      },
    );
    await livekitStub("participants", {
      room: session.room_name,
      identity: user.userId,
      kind: "STANDARD",
    });
    let status = await json(
      await call(`/v1/voice/sessions/${session.room_name}`, { token: user.accessToken }),
    );
    expect(status).toMatchObject({ active: true, num_participants: 1, agent_connected: false });
    await livekitStub("participants", {
      room: session.room_name,
      identity: "agent-1",
      kind: "AGENT",
    });
    status = await json(
      await call(`/v1/voice/sessions/${session.room_name}`, { token: user.accessToken }),
    );
    expect(status).toMatchObject({ active: true, num_participants: 2, agent_connected: true });

    const ended = await call(`/v1/voice/sessions/${session.room_name}`, {
      method: "DELETE",
      token: user.accessToken,
    });
    expect(await json(ended)).toEqual({ status: "ended", room_name: session.room_name });
    expect(
      (await livekitStubState()).rooms.some((r: { name: string }) => r.name === session.room_name),
    ).toBe(false);
    expect(
      await json(await call("/v1/voice/sessions?status=active", { token: user.accessToken })),
    ).toEqual({ items: [], next_cursor: null });
    // The ended call is history now (voice-history.test.ts has the rest).
    expect(
      (await json(await call("/v1/voice/sessions", { token: user.accessToken }))).items,
    ).toMatchObject([{ room_name: session.room_name, status: "ended", num_participants: 0 }]);
    // ListRooms was asked only about this user's room names, never the whole project.
    const lists = (await livekitStubState()).requests.filter(
      (r: { method: string }) => r.method === "ListRooms",
    );
    expect(
      lists.every((r: { body: { names?: string[] } }) => (r.body.names ?? []).length > 0),
    ).toBe(true);
  });

  it("answers 403 for another user's room and 404 for an unknown one", async () => {
    const alice = await signUp({ verified: true });
    const bob = await signUp({ verified: true });
    const session = await json(await startSession(alice));
    for (const method of ["GET", "DELETE"]) {
      const response = await call(`/v1/voice/sessions/${session.room_name}`, {
        method,
        token: bob.accessToken,
      });
      expect(response.status, method).toBe(403);
    }
    const unknown = `fitness-voice-${bob.userId}-000000000000`;
    expect((await call(`/v1/voice/sessions/${unknown}`, { token: bob.accessToken })).status).toBe(
      404,
    );
    expect((await call("/v1/voice/sessions/not-a-room", { token: bob.accessToken })).status).toBe(
      404,
    );
  });
});

describe("POST /v1/webhooks/livekit", () => {
  it("verifies the signature and body hash, and handles an event once", async () => {
    const user = await signUp({ verified: true });
    const session = await json(await startSession(user));
    const signed = (await (
      await livekitStub("webhook", { event: "room_started", room: { name: session.room_name } })
    ).json()) as any;
    const forged = await call("/v1/webhooks/livekit", {
      body: signed.body.replace("room_started", "room_finished"),
      headers: { authorization: signed.authorization, "content-type": "application/webhook+json" },
    });
    expect(forged.status).toBe(401);
    expect((await call("/v1/webhooks/livekit", { body: signed.body })).status).toBe(401);
    const ok = await call("/v1/webhooks/livekit", {
      body: signed.body,
      headers: { authorization: signed.authorization, "content-type": "application/webhook+json" },
    });
    expect(await json(ok)).toEqual({ status: "handled" });
    const again = await call("/v1/webhooks/livekit", {
      body: signed.body,
      headers: { authorization: signed.authorization, "content-type": "application/webhook+json" },
    });
    expect(await json(again)).toEqual({ status: "duplicate" });
  });

  it("keeps the history true with out-of-order events: a late room_started does not revive a room", async () => {
    const user = await signUp({ verified: true });
    const session = await json(await startSession(user));
    const { env } = await import("cloudflare:test");
    await signedWebhook({
      event: "participant_joined",
      room: { name: session.room_name },
      participant: { identity: "agent-1", kind: "AGENT" },
    });
    await signedWebhook({ event: "room_finished", room: { name: session.room_name } });
    await signedWebhook({ event: "room_started", room: { name: session.room_name } });
    const row = await env.DB.prepare(
      "SELECT status, ended_at, agent_joined, participants_joined FROM voice_sessions WHERE room_name = ?",
    )
      .bind(session.room_name)
      .first();
    expect(row).toMatchObject({ status: "ended", agent_joined: 1, participants_joined: 1 });
    expect(row?.ended_at).not.toBeNull();
    expect(
      await json(await call("/v1/voice/sessions?status=active", { token: user.accessToken })),
    ).toEqual({
      items: [],
      next_cursor: null,
    });
  });
});

describe("the agent callback API", () => {
  it("serves the user's context, persona and tool schemas to the agent token only", async () => {
    const user = await signUp({ name: "Vera", verified: true });
    await onboard(user.accessToken);
    const { token, session } = await agentToken(user);
    const context = await json(await call("/internal/agent/context", { token }));
    expect(context.session).toEqual({
      room_name: session.room_name,
      agent_type: "workout",
      mode: "voice",
    });
    expect(context.persona.instructions).toMatch(/Workout coach/);
    expect(context.persona.instructions).toMatch(/never diagnose/);
    expect(context.context.profile_summary).toContain("Vera");
    const tools = await json(await call("/internal/agent/tools", { token }));
    expect(tools.tools.map((t: { name: string }) => t.name)).toEqual([
      "get_profile_summary",
      "get_today_workout",
      "get_next_exercise",
      "show_exercise_demo",
      "log_set_completion",
      "swap_exercise",
      "log_workout_completion",
      "generate_workout_program",
      "check_program_status",
      "update_energy_level",
    ]);
    expect(tools.tools[4].parameters.properties.reps).toBeDefined();
    // A user's own access token is not an agent token.
    expect((await call("/internal/agent/context", { token: user.accessToken })).status).toBe(401);
  });

  it("runs tools in the user's actor: starts a program once, checks it, logs a set once per call id", async () => {
    const user = await signUp({ verified: true });
    await onboard(user.accessToken);
    const { token } = await agentToken(user);
    const first = await json(
      await call("/internal/agent/tools/generate_workout_program", {
        token,
        body: { duration_weeks: 4 },
      }),
    );
    const second = await json(
      await call("/internal/agent/tools/generate_workout_program", {
        token,
        body: { duration_weeks: 4 },
      }),
    );
    expect(first.ok).toBe(true);
    expect(second.result).toMatchObject({ job_id: first.result.job_id, already_running: true });
    await runJob(user.userId, user.accessToken, first.result.job_id);
    const status = await json(
      await call("/internal/agent/tools/check_program_status", { token, body: {} }),
    );
    expect(status.result).toMatchObject({ status: "completed", progress: 100 });

    const set = {
      exercise_id: "barbell-back-squat",
      reps: 5,
      weight_kg: 100,
      rir: 2,
      client_id: "call_1",
    };
    const logged = await json(
      await call("/internal/agent/tools/log_set_completion", { token, body: set }),
    );
    const retried = await json(
      await call("/internal/agent/tools/log_set_completion", { token, body: set }),
    );
    expect(logged.result).toMatchObject({
      logged: true,
      duplicate: false,
      reps: 5,
      weight_kg: 100,
    });
    expect(retried.result).toMatchObject({ duplicate: true, set_id: logged.result.set_id });
    const sets = await json(
      await call(`/v1/workouts/sessions/${logged.result.session_id}/sets`, {
        token: user.accessToken,
      }),
    );
    expect(sets.items).toHaveLength(1);

    const bad = await json(
      await call("/internal/agent/tools/log_set_completion", { token, body: { reps: "five" } }),
    );
    expect(bad).toMatchObject({ ok: false, error: { code: "invalid_arguments" } });
    expect((await call("/internal/agent/tools/no_such_tool", { token, body: {} })).status).toBe(
      404,
    );
  });

  it("enforces each coach's tool subset", async () => {
    const user = await signUp({ verified: true });
    await onboard(user.accessToken);
    const { token } = await agentToken(user, "diet");
    const response = await call("/internal/agent/tools/log_set_completion", {
      token,
      body: { exercise_id: "barbell-back-squat", reps: 5 },
    });
    expect(response.status).toBe(403);
    expect((await json(response)).error.code).toBe("tool_not_allowed");
  });

  it("hands the call to another coach: the backend then serves and enforces that coach's tools", async () => {
    const user = await signUp({ name: "Hana", verified: true });
    await onboard(user.accessToken);
    const { token, session } = await agentToken(user, "general");
    const app = await call("/v1/realtime", {
      token: user.accessToken,
      headers: { upgrade: "websocket" },
    });
    const socket = app.webSocket as WebSocket;
    socket.accept();
    const events: any[] = [];
    socket.addEventListener("message", (event) => {
      if (String(event.data).startsWith("{")) events.push(JSON.parse(String(event.data)));
    });

    const logMeal = { meal: "lunch", calories: 600, protein_g: 45 };
    const before = await call("/internal/agent/tools/log_meal", { token, body: logMeal });
    expect(before.status).toBe(403);

    const handOff = await call("/internal/agent/coach", {
      method: "PUT",
      token,
      body: { agent_type: "diet", reason: "asked about lunch" },
    });
    expect(handOff.status).toBe(200);
    const diet = await json(handOff);
    expect(diet.session).toMatchObject({ room_name: session.room_name, agent_type: "diet" });
    expect(diet.persona.instructions).toMatch(/Diet coach/);
    expect(diet.context.profile_summary).toContain("Hana");
    expect(diet.tools.map((t: { name: string }) => t.name)).toContain("log_meal");
    expect(diet.tools.map((t: { name: string }) => t.name)).not.toContain("get_progress");

    // The same agent token now speaks for the diet coach everywhere.
    const context = await json(await call("/internal/agent/context", { token }));
    expect(context.persona.agent_type).toBe("diet");
    const logged = await json(
      await call("/internal/agent/tools/log_meal", {
        token,
        body: { ...logMeal, client_id: "call_meal" },
      }),
    );
    expect(logged.ok).toBe(true);
    const progress = await call("/internal/agent/tools/get_progress", { token, body: {} });
    expect(progress.status).toBe(403);
    const status = await json(
      await call(`/v1/voice/sessions/${session.room_name}`, { token: user.accessToken }),
    );
    expect(status.agent_type).toBe("diet");
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(events.filter((e) => e.type === "voice.coach_changed")).toEqual([
      expect.objectContaining({
        data: {
          room_name: session.room_name,
          agent_type: "diet",
          previous_agent_type: "general",
          reason: "asked about lunch",
        },
      }),
    ]);

    // Repeating the hand-off changes nothing; a coach that does not exist is named.
    const again = await call("/internal/agent/coach", {
      method: "PUT",
      token,
      body: { agent_type: "diet" },
    });
    expect(again.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(events.filter((e) => e.type === "voice.coach_changed")).toHaveLength(1);
    const bad = await call("/internal/agent/coach", {
      method: "PUT",
      token,
      body: { agent_type: "dietician" },
    });
    expect(bad.status).toBe(422);
    expect(JSON.stringify(await json(bad))).toContain("agent_type");
    socket.close();

    await call(`/v1/voice/sessions/${session.room_name}`, {
      method: "DELETE",
      token: user.accessToken,
    });
    const ended = await call("/internal/agent/coach", {
      method: "PUT",
      token,
      body: { agent_type: "workout" },
    });
    expect(ended.status).toBe(403);
  });

  it("scopes a token to its user: A's token never reaches B, and an ended room's token is refused", async () => {
    const alice = await signUp({ name: "Alice", verified: true });
    const bob = await signUp({ name: "Bob", verified: true });
    await onboard(alice.accessToken);
    await onboard(bob.accessToken);
    const { token, session } = await agentToken(alice);
    const context = await json(await call("/internal/agent/context", { token }));
    expect(context.context.user.id).toBe(alice.userId);
    expect(context.context.profile_summary).toContain("Alice");
    await call(`/v1/voice/sessions/${session.room_name}`, {
      method: "DELETE",
      token: alice.accessToken,
    });
    const after = await call("/internal/agent/context", { token });
    expect(after.status).toBe(403);
    expect((await json(after)).error.code).toBe("session_ended");
  });

  it("streams the user's live events to the agent on /internal/agent/events", async () => {
    const user = await signUp({ verified: true });
    await onboard(user.accessToken);
    const { token } = await agentToken(user);
    const response = await call("/internal/agent/events", {
      token,
      headers: { upgrade: "websocket" },
    });
    expect(response.status).toBe(101);
    const socket = response.webSocket as WebSocket;
    socket.accept();
    const events: any[] = [];
    socket.addEventListener("message", (event) => {
      if (String(event.data).startsWith("{")) events.push(JSON.parse(String(event.data)));
    });
    const { job_id } = await json(await generate(user.accessToken, {}));
    await runJob(user.userId, user.accessToken, job_id);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(events.some((e) => e.type === "job.completed" && e.data.job_id === job_id)).toBe(true);
    socket.close();
  });
});
