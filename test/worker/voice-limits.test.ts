import { env } from "cloudflare:test";
import { RoomServiceClient } from "livekit-server-sdk";
import { beforeEach, describe, expect, inject, it, vi } from "vitest";
import { testBindings } from "../support/test-bindings";
import { actorSql, fireSchedule } from "./actor-helpers";
import { call, json, type SignedUp, signUp } from "./helpers";
import { onboard } from "./onboarding-helpers";
import {
  agentSocket,
  agentToken,
  livekitStub,
  livekitStubState,
  signedWebhook,
  startSession,
} from "./voice-helpers";

// The voice limits a user (or a stolen token) runs into: VOICE_MAX_ACTIVE_SESSIONS live rooms
// (default 1) and VOICE_DAILY_MINUTES in calls per local day (default 60), measured from
// LiveKit's webhooks against the local LiveKit stub.

beforeEach(async () => {
  await livekitStub("down", { down: false });
});

const endSession = (user: SignedUp, roomName: string) =>
  call(`/v1/voice/sessions/${roomName}`, { method: "DELETE", token: user.accessToken });

const nowSeconds = () => Math.floor(Date.now() / 1000);

/** The user's own participant in a room from `joined` to `left` (Unix seconds), as webhooks. */
async function inCall(user: SignedUp, roomName: string, joined: number, left?: number) {
  const participant = { identity: user.userId, kind: "STANDARD" };
  const room = { name: roomName };
  expect(
    await json(
      await signedWebhook({ event: "participant_joined", room, participant, createdAt: joined }),
    ),
  ).toEqual({ status: "handled" });
  if (left !== undefined)
    expect(
      await json(
        await signedWebhook({ event: "participant_left", room, participant, createdAt: left }),
      ),
    ).toEqual({ status: "handled" });
}

describe("live voice rooms per user (VOICE_MAX_ACTIVE_SESSIONS)", () => {
  it("allows one live room; one more answers 409 with the live room, and ending it frees the slot", async () => {
    const user = await signUp({ verified: true });
    const first = await json(await startSession(user));
    const second = await startSession(user);
    expect(second.status).toBe(409);
    const body = await json(second);
    expect(body.error.code).toBe("voice_session_active");
    expect(body.error.details.active_sessions).toEqual([
      {
        room_name: first.room_name,
        agent_type: "workout",
        mode: "voice",
        created_at: expect.any(String),
        expires_at: first.expires_at,
      },
    ]);
    // Refused before LiveKit was asked: one room, one dispatch.
    const state = await livekitStubState();
    expect(state.rooms.filter((r: { name: string }) => r.name.includes(user.userId))).toHaveLength(
      1,
    );
    expect(
      state.dispatches.filter((d: { room: string }) => d.room.includes(user.userId)),
    ).toHaveLength(1);

    expect((await endSession(user, first.room_name)).status).toBe(200);
    const third = await startSession(user, { agent_type: "diet" });
    expect(third.status).toBe(201);

    // LiveKit's room_finished frees the slot too.
    const { room_name } = await json(third);
    await signedWebhook({ event: "room_finished", room: { name: room_name } });
    expect((await startSession(user)).status).toBe(201);
  });

  it("lets only one of two concurrent starts through", async () => {
    const user = await signUp({ verified: true });
    const answers = await Promise.all([startSession(user), startSession(user)]);
    expect(answers.map((r) => r.status).sort()).toEqual([201, 409]);
    const state = await livekitStubState();
    expect(
      state.dispatches.filter((d: { room: string }) => d.room.includes(user.userId)),
    ).toHaveLength(1);
  });

  it("does not count a room LiveKit already closed (its webhook not here yet), nor one LiveKit failed to set up", async () => {
    const user = await signUp({ verified: true });
    const first = await json(await startSession(user));
    // Minutes later the room empties and times out on the server; no webhook reaches us.
    await actorSql(
      user.userId,
      "UPDATE voice_rooms SET created_at = ? WHERE room_name = ?",
      new Date(Date.now() - 5 * 60_000).toISOString(),
      first.room_name,
    );
    const url = inject("livekitUrl");
    await new RoomServiceClient(
      url,
      testBindings.LIVEKIT_API_KEY,
      testBindings.LIVEKIT_API_SECRET,
    ).deleteRoom(first.room_name);
    const second = await startSession(user);
    expect(second.status).toBe(201);
    await endSession(user, (await json(second)).room_name);

    vi.spyOn(console, "error").mockImplementation(() => {});
    await livekitStub("fail-next", { method: "CreateDispatch", code: "internal", msg: "boom" });
    expect((await startSession(user)).status).toBe(500);
    vi.restoreAllMocks();
    expect((await startSession(user)).status).toBe(201);
  });
});

describe("voice rooms per day (VOICE_ROOMS_PER_DAY)", () => {
  it("counts rooms created, joined or not: the 21st in 24 h is 429 with Retry-After, before LiveKit is asked", async () => {
    const user = await signUp({ verified: true });
    for (let i = 0; i < 20; i++) {
      const created = await startSession(user);
      expect(created.status).toBe(201);
      expect((await endSession(user, (await json(created)).room_name)).status).toBe(200);
    }
    const over = await startSession(user);
    expect(over.status).toBe(429);
    const body = await json(over);
    expect(body.error.code).toBe("voice_room_quota_exceeded");
    expect(body.error.details).toMatchObject({ rooms_used: 20, rooms_limit: 20 });
    const retryAfter = Number(over.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(23 * 3600);
    expect(retryAfter).toBeLessThanOrEqual(24 * 3600);
    // The 20 rooms were ended (and deleted on LiveKit); the refused one was never created.
    const state = await livekitStubState();
    expect(state.rooms.filter((r: { name: string }) => r.name.includes(user.userId))).toEqual([]);
    expect(state.dispatches.filter((d: { room: string }) => d.room.includes(user.userId))).toEqual(
      [],
    );
  });
});

describe("daily voice minutes (VOICE_DAILY_MINUTES)", () => {
  it("counts the user's own time in rooms: 59 minutes leave room for a call, 60 answer 429 with Retry-After", async () => {
    const user = await signUp({ verified: true });
    const t = nowSeconds();
    const first = await json(await startSession(user));
    // The agent's time is not the user's.
    await signedWebhook({
      event: "participant_joined",
      room: { name: first.room_name },
      participant: { identity: "agent-1", kind: "AGENT" },
      createdAt: t - 7200,
    });
    await inCall(user, first.room_name, t - 3600, t - 60);
    // The same leave delivered again (a new id) counts nothing more.
    await signedWebhook({
      event: "participant_left",
      room: { name: first.room_name },
      participant: { identity: user.userId, kind: "STANDARD" },
      createdAt: t,
    });
    await endSession(user, first.room_name);

    const second = await startSession(user);
    expect(second.status).toBe(201); // 59 of 60 minutes used
    const { room_name } = await json(second);
    await inCall(user, room_name, t - 60);
    // The room ends with the user still in it: the stretch ends with the room.
    await signedWebhook({ event: "room_finished", room: { name: room_name }, createdAt: t });

    const over = await startSession(user);
    expect(over.status).toBe(429);
    const body = await json(over);
    expect(body.error.code).toBe("voice_budget_exceeded");
    expect(body.error.details).toMatchObject({ minutes_used: 60, minutes_limit: 60 });
    const retryAfter = Number(over.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(60);
    expect(retryAfter).toBeLessThanOrEqual(24 * 3600);
  });

  it("keeps the budget day when the timezone moves back a day", async () => {
    const user = await signUp({ verified: true });
    await onboard(user.accessToken, { basics: { timezone: "Pacific/Kiritimati" } });
    const t = nowSeconds();
    const session = await json(await startSession(user));
    await inCall(user, session.room_name, t - 3600, t);
    await endSession(user, session.room_name);
    expect((await startSession(user)).status).toBe(429);
    const moved = await call("/v1/profile", {
      method: "PATCH",
      token: user.accessToken,
      body: { timezone: "Etc/GMT+12" },
    });
    expect(moved.status).toBe(200);
    expect((await startSession(user)).status).toBe(429);
  });

  it("tells the room's agent to wrap up when a live call crosses the budget", async () => {
    const user = await signUp({ verified: true });
    await onboard(user.accessToken);
    const { token, session } = await agentToken(user);
    const agent = await agentSocket(token);
    const t = nowSeconds();
    await inCall(user, session.room_name, t - 3599); // one second left
    const [schedule] = await actorSql<{ run_at: number }>(
      user.userId,
      "SELECT run_at FROM schedules WHERE key = 'voice:budget'",
    );
    // One second is short on a loaded machine: the alarm may already have run and removed its
    // row, and then the event below is what there is to check.
    if (schedule && Date.now() < schedule.run_at) {
      expect(Math.abs(schedule.run_at - (t + 1) * 1000)).toBeLessThanOrEqual(1000);
      expect(agent.events.filter((e) => e.type === "voice.budget_exhausted")).toEqual([]);
    }

    const deadline = Date.now() + 5_000;
    while (Date.now() < deadline && !agent.events.some((e) => e.type !== "hello")) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      // The alarm may have fired on its own; otherwise run it now that the time has come.
      if (Date.now() > (schedule?.run_at ?? 0))
        await fireSchedule(user.userId, "voice:budget").catch(() => false);
    }
    expect(agent.events.filter((e) => e.type !== "hello")).toEqual([
      {
        type: "voice.budget_exhausted",
        data: { room_name: session.room_name, minutes_used: 60, minutes_limit: 60 },
        at: expect.any(String),
      },
    ]);
    agent.socket.close();
  });
});

describe("LiveKit webhooks retried after a failure", () => {
  it("handles the retry of an event whose handling failed, instead of calling it a duplicate", async () => {
    const user = await signUp({ verified: true });
    const session = await json(await startSession(user));
    const signed = (await (
      await livekitStub("webhook", { event: "room_finished", room: { name: session.room_name } })
    ).json()) as { body: string; authorization: string };
    const deliver = () =>
      call("/v1/webhooks/livekit", {
        body: signed.body,
        headers: {
          authorization: signed.authorization,
          "content-type": "application/webhook+json",
        },
      });
    // D1 fails the handling once (the history table is briefly out of reach).
    vi.spyOn(console, "error").mockImplementation(() => {});
    await env.DB.exec("ALTER TABLE voice_sessions RENAME TO voice_sessions_away");
    try {
      expect((await deliver()).status).toBe(500);
    } finally {
      await env.DB.exec("ALTER TABLE voice_sessions_away RENAME TO voice_sessions");
      vi.restoreAllMocks();
    }
    expect(await json(await deliver())).toEqual({ status: "handled" });
    expect(await json(await deliver())).toEqual({ status: "duplicate" });
    const row = await env.DB.prepare("SELECT status FROM voice_sessions WHERE room_name = ?")
      .bind(session.room_name)
      .first();
    expect(row).toEqual({ status: "ended" });
    expect((await startSession(user)).status).toBe(201);
  });
});
