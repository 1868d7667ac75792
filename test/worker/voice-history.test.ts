import { env } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import { actorSql } from "./actor-helpers";
import { call, deleteAccount, json, type SignedUp, signUp } from "./helpers";
import { onboard } from "./onboarding-helpers";
import { agentToken, livekitStub, signedWebhook } from "./voice-helpers";

// Call memory: the agent host posts a call's final turns, the actor stores the call with a
// summary when it ends, later coaching contexts quote it, and the app lists calls and reads
// transcripts (its own only).

beforeEach(async () => {
  await livekitStub("down", { down: false });
});

let turnSeq = 0;
const turn = (role: "user" | "coach", text: string, at = new Date()) => ({
  turn_id: `turn-${++turnSeq}`,
  role,
  text,
  spoken_at: at.toISOString(),
});

const postTurn = (token: string, body: Record<string, unknown>) =>
  call("/internal/agent/transcript", { token, body });

const endCall = (user: SignedUp, roomName: string) =>
  call(`/v1/voice/sessions/${roomName}`, { method: "DELETE", token: user.accessToken });

/** Moves a live room's start back, so its call lasted `minutes` when it ends now. */
const startedMinutesAgo = (user: SignedUp, roomName: string, minutes: number) =>
  actorSql(
    user.userId,
    "UPDATE voice_rooms SET created_at = ? WHERE room_name = ?",
    new Date(Date.now() - minutes * 60_000).toISOString(),
    roomName,
  );

const list = async (user: SignedUp, query = "") =>
  json(await call(`/v1/voice/sessions${query}`, { token: user.accessToken }));

/** A call with a coach that said and did something, ended by the app. */
async function finishedCall(user: SignedUp, said: string, agentType = "workout") {
  const { token, session } = await agentToken(user, agentType);
  await postTurn(token, turn("user", said));
  await postTurn(token, turn("coach", "Sure."));
  await endCall(user, session.room_name);
  return session.room_name as string;
}

describe("POST /internal/agent/transcript", () => {
  it("stores each turn once by its id, bounded, and refuses the token once the room ended", async () => {
    const user = await signUp({ verified: true });
    const { token, session } = await agentToken(user);
    const first = turn("user", "Log three sets of eight at sixty kilos.");
    expect(await json(await postTurn(token, first))).toEqual({ stored: true });
    // The agent host's retry of a post whose answer it lost.
    expect(await json(await postTurn(token, first))).toEqual({ stored: false });
    expect(
      await json(await postTurn(token, turn("coach", "Logged.", new Date(Date.now() + 1000)))),
    ).toEqual({ stored: true });

    const tooLong = await postTurn(token, turn("user", "a".repeat(2001)));
    expect(tooLong.status).toBe(422);
    const badRole = await postTurn(token, { ...turn("user", "hi"), role: "tool" });
    expect(badRole.status).toBe(422);
    for (const spoken_at of ["0001-01-01T00:00:00Z", "9999-12-31T00:00:00Z"]) {
      const farOff = await postTurn(token, { ...turn("user", "hi"), spoken_at });
      expect(farOff.status).toBe(422);
      expect((await json(farOff)).error.details[0].field).toBe("spoken_at");
    }
    expect((await postTurn(user.accessToken, turn("user", "hi"))).status).toBe(401);

    const transcript = await json(
      await call(`/v1/voice/sessions/${session.room_name}/transcript`, {
        token: user.accessToken,
      }),
    );
    expect(transcript).toMatchObject({ room_name: session.room_name, status: "active" });
    expect(transcript.items).toEqual([
      expect.objectContaining({ role: "user", agent_type: "workout", text: first.text }),
      expect.objectContaining({ role: "coach", agent_type: "workout", text: "Logged." }),
    ]);

    await endCall(user, session.room_name);
    const late = await postTurn(token, turn("user", "Still there?"));
    expect(late.status).toBe(403);
    expect((await json(late)).error.code).toBe("session_ended");
  });

  it("keeps at most 500 turns a call", async () => {
    const user = await signUp({ verified: true });
    const { token, session } = await agentToken(user);
    await actorSql(
      user.userId,
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 500)
       INSERT INTO voice_turns (room_name, turn_id, role, agent_type, text, spoken_at)
       SELECT ?, 'bulk-' || i, 'user', 'workout', 'x', '2026-01-01T00:00:00.000Z' FROM n`,
      session.room_name,
    );
    const full = await postTurn(token, turn("user", "one more"));
    expect(full.status).toBe(409);
    expect((await json(full)).error.code).toBe("transcript_full");
  });

  it("writes another user's turns into their own call only", async () => {
    const alice = await signUp({ verified: true });
    const bob = await signUp({ verified: true });
    const a = await agentToken(alice);
    const b = await agentToken(bob);
    await postTurn(b.token, turn("user", "Bob speaking"));
    const aliceTranscript = await json(
      await call(`/v1/voice/sessions/${a.session.room_name}/transcript`, {
        token: alice.accessToken,
      }),
    );
    expect(aliceTranscript.items).toEqual([]);
    const bobTranscript = await json(
      await call(`/v1/voice/sessions/${b.session.room_name}/transcript`, {
        token: bob.accessToken,
      }),
    );
    expect(bobTranscript.items.map((t: { text: string }) => t.text)).toEqual(["Bob speaking"]);
  });
});

describe("a call's end", () => {
  it("stores the call with its length, coaches and a summary that the next contexts quote", async () => {
    const user = await signUp({ name: "Caller", verified: true });
    await onboard(user.accessToken);
    const { token, session } = await agentToken(user);
    await postTurn(token, turn("user", "Log three sets of eight at sixty kilos."));
    const logged = await json(
      await call("/internal/agent/tools/log_set_completion", {
        token,
        body: { exercise_id: "barbell-back-squat", reps: 8, weight_kg: 60, client_id: "c1" },
      }),
    );
    expect(logged.ok).toBe(true);
    await call("/internal/agent/coach", { method: "PUT", token, body: { agent_type: "diet" } });
    await postTurn(token, turn("user", "How much protein should I eat?"));
    await postTurn(token, turn("coach", "About 130 grams a day."));
    await startedMinutesAgo(user, session.room_name, 12);
    await endCall(user, session.room_name);

    const page = await list(user);
    expect(page.items).toHaveLength(1);
    const [stored] = page.items;
    expect(stored).toMatchObject({
      room_name: session.room_name,
      status: "ended",
      agent_type: "diet",
      num_participants: 0,
      coaches: ["workout", "diet"],
    });
    expect(stored.duration_seconds).toBeGreaterThanOrEqual(719);
    expect(stored.duration_seconds).toBeLessThanOrEqual(722);
    expect(stored.summary).toBe(
      'workout then diet coach, 12 min; user said "Log three sets of eight at sixty kilos.", ' +
        '"How much protein should I eat?"; used log_set_completion',
    );
    const transcript = await json(
      await call(`/v1/voice/sessions/${session.room_name}/transcript`, {
        token: user.accessToken,
      }),
    );
    expect(transcript.items.map((t: { role: string }) => t.role)).toEqual([
      "user",
      "tool",
      "user",
      "coach",
    ]);
    expect(transcript.items[3].agent_type).toBe("diet");

    // The app's coaching context (what text chat starts from) and the next call's.
    const context = await json(await call("/v1/coach/context", { token: user.accessToken }));
    expect(context.recent_calls).toEqual([`last call, earlier today: ${stored.summary}`]);
    const next = await agentToken(user);
    const briefing = await json(await call("/internal/agent/context", { token: next.token }));
    expect(briefing.context.recent_calls[0]).toContain(
      "last call, earlier today: workout then diet",
    );
  });

  it("stores the call when LiveKit reports the room finished, and says so with no speech", async () => {
    const user = await signUp({ verified: true });
    const { session } = await agentToken(user);
    const at = Math.floor(Date.now() / 1000);
    await signedWebhook({
      event: "room_finished",
      createdAt: String(at),
      room: { name: session.room_name },
    });
    const [stored] = (await list(user, "?status=ended")).items;
    expect(stored).toMatchObject({ room_name: session.room_name, status: "ended" });
    expect(stored.summary).toBe("workout coach, 1 min; no speech from the user");
    const transcript = await json(
      await call(`/v1/voice/sessions/${session.room_name}/transcript`, {
        token: user.accessToken,
      }),
    );
    expect(transcript).toEqual({
      room_name: session.room_name,
      status: "ended",
      transcript_kept: true,
      items: [],
    });
  });

  it("stores a call whose token expired at its expiry, and frees its slot", async () => {
    const user = await signUp({ verified: true });
    const { session } = await agentToken(user);
    const expiry = new Date(Date.now() - 60_000).toISOString();
    await actorSql(
      user.userId,
      "UPDATE voice_rooms SET expires_at = ? WHERE room_name = ?",
      expiry,
      session.room_name,
    );
    const [stored] = (await list(user)).items;
    expect(stored).toMatchObject({ status: "ended", ended_at: expiry });
    expect(stored.summary).toContain("no speech");
    const row = await env.DB.prepare("SELECT status FROM voice_sessions WHERE room_name = ?")
      .bind(session.room_name)
      .first();
    expect(row).toMatchObject({ status: "ended" });
  });

  it("keeps the transcripts of the last VOICE_TRANSCRIPTS_KEPT calls, older ones as summaries", async () => {
    const user = await signUp({ verified: true });
    const old = await finishedCall(user, "An old question");
    // Twenty later calls, as the history would hold them.
    await actorSql(
      user.userId,
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 19)
       INSERT INTO voice_rooms (room_name, agent_type, mode, created_at, expires_at, status, ended_at, coaches, duration_seconds, summary)
       SELECT 'fitness-voice-' || ? || '-old' || i, 'workout', 'voice', '2099-01-01T00:00:00.000Z',
         '2099-01-01T06:00:00.000Z', 'ended', '2099-01-01T00:10:00.000Z', '["workout"]', 600, 's'
       FROM n`,
      user.userId,
    );
    await actorSql(
      user.userId,
      "UPDATE voice_rooms SET ended_at = '2000-01-01T00:00:00.000Z' WHERE room_name = ?",
      old,
    );
    await finishedCall(user, "A new question");
    const transcript = await json(
      await call(`/v1/voice/sessions/${old}/transcript`, { token: user.accessToken }),
    );
    expect(transcript).toMatchObject({ transcript_kept: false, items: [] });
    const kept = await actorSql<{ n: number }>(
      user.userId,
      "SELECT count(*) AS n FROM voice_turns",
    );
    expect(kept[0]?.n).toBe(2);
    const history = await list(user, "?status=ended&limit=100");
    const oldCall = history.items.find((item: { room_name: string }) => item.room_name === old);
    expect(oldCall.summary).toContain("An old question");
  });
});

describe("one memory per coach for text chat and voice", () => {
  it("gives a call with the diet coach the user's latest text chat with that coach only", async () => {
    const user = await signUp({ verified: true });
    // A chat with the diet coach as the chat route stores it (text chat has its own tests).
    await actorSql(
      user.userId,
      `INSERT INTO conversations (id, agent_type, summary, created_at, updated_at)
       VALUES ('conv_diet', 'diet', 'User: I am vegetarian', ?1, ?1)`,
      new Date().toISOString(),
    );
    await actorSql(
      user.userId,
      `INSERT INTO chat_messages (conversation_id, role, agent_type, content, created_at) VALUES
       ('conv_diet', 'user', 'diet', '"Is 120 g of protein enough?"', ?1),
       ('conv_diet', 'assistant', 'diet', '[{"type":"text","text":"Aim for about 130 g."}]', ?1)`,
      new Date().toISOString(),
    );
    const diet = await agentToken(user, "diet");
    const context = await json(await call("/internal/agent/context", { token: diet.token }));
    expect(context.chat_memory).toMatchObject({
      summary: "User: I am vegetarian",
      last_messages: ["User: Is 120 g of protein enough?", "Coach: Aim for about 130 g."],
    });
    await endCall(user, diet.session.room_name);
    const workout = await agentToken(user, "workout");
    const other = await json(await call("/internal/agent/context", { token: workout.token }));
    expect(other.chat_memory).toBeNull();
  });
});

describe("GET /v1/voice/sessions and its transcripts", () => {
  it("lists live calls first, then ended ones latest first, by pages, filtered by status", async () => {
    const user = await signUp({ verified: true });
    const first = await finishedCall(user, "first");
    const second = await finishedCall(user, "second");
    const third = await finishedCall(user, "third");
    const { session: live } = await agentToken(user);

    const one = await list(user, "?limit=2");
    expect(one.items.map((i: { room_name: string }) => i.room_name)).toEqual([
      live.room_name,
      third,
    ]);
    expect(one.items[0]).toMatchObject({
      status: "active",
      agent_type: "workout",
      mode: "voice",
      num_participants: 0,
      ended_at: null,
      duration_seconds: null,
      summary: null,
      coaches: ["workout"],
    });
    expect(typeof one.items[0].created_at).toBe("string");
    const two = await list(user, `?limit=2&cursor=${encodeURIComponent(one.next_cursor)}`);
    expect(two.items.map((i: { room_name: string }) => i.room_name)).toEqual([second, first]);
    expect(two.next_cursor).toBeNull();

    const active = await list(user, "?status=active");
    expect(active.items.map((i: { room_name: string }) => i.room_name)).toEqual([live.room_name]);
    const ended = await list(user, "?status=ended&limit=1");
    expect(ended.items.map((i: { room_name: string }) => i.room_name)).toEqual([third]);
    const rest = await list(user, `?status=ended&cursor=${encodeURIComponent(ended.next_cursor)}`);
    expect(rest.items.map((i: { room_name: string }) => i.room_name)).toEqual([second, first]);
    expect((await call("/v1/voice/sessions?status=gone", { token: user.accessToken })).status).toBe(
      422,
    );

    const other = await signUp({ verified: true });
    expect(await list(other)).toEqual({ items: [], next_cursor: null });
  });

  it("answers 404 for another user's call and an unknown one", async () => {
    const alice = await signUp({ verified: true });
    const bob = await signUp({ verified: true });
    const room = await finishedCall(alice, "private");
    const theirs = await call(`/v1/voice/sessions/${room}/transcript`, { token: bob.accessToken });
    expect(theirs.status).toBe(404);
    expect((await json(theirs)).error.code).toBe("voice_session_not_found");
    const unknown = await call(
      `/v1/voice/sessions/fitness-voice-${alice.userId}-000000000000/transcript`,
      { token: alice.accessToken },
    );
    expect(unknown.status).toBe(404);
  });
});

describe("the account's calls", () => {
  it("exports every call with its summary and transcript", async () => {
    const user = await signUp({ verified: true });
    const room = await finishedCall(user, "Export me");
    const data = await json(await call("/v1/me/export", { token: user.accessToken }));
    expect(data.voice_calls).toHaveLength(1);
    expect(data.voice_calls[0]).toMatchObject({
      room_name: room,
      status: "ended",
      coaches: ["workout"],
    });
    expect(data.voice_calls[0].summary).toContain("Export me");
    expect(data.voice_calls[0].transcript.map((t: { text: string }) => t.text)).toEqual([
      "Export me",
      "Sure.",
    ]);
  });

  it("leaves no call, transcript or session row after the account is deleted", async () => {
    const user = await signUp({ verified: true });
    await finishedCall(user, "Forget me");
    const { token } = await agentToken(user);
    await postTurn(token, turn("user", "Live and forgotten"));
    const deleted = await deleteAccount(user);
    expect(deleted.status).toBe(200);
    expect(await actorSql(user.userId, "SELECT * FROM voice_rooms")).toEqual([]);
    expect(await actorSql(user.userId, "SELECT * FROM voice_turns")).toEqual([]);
    const rows = await env.DB.prepare(
      "SELECT (SELECT count(*) FROM voice_sessions WHERE user_id = ?1) + (SELECT count(*) FROM webhook_events WHERE room_name LIKE '%' || ?1 || '%') AS n",
    )
      .bind(user.userId)
      .first<{ n: number }>();
    expect(rows?.n).toBe(0);
  });
});
