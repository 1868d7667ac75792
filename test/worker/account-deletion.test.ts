import {
  env,
  evictDurableObject,
  runDurableObjectAlarm,
  runInDurableObject,
} from "cloudflare:test";
import { beforeEach, describe, expect, inject, it } from "vitest";
import appDocument from "../../openapi/app.json";
import { actorSql } from "./actor-helpers";
import { call, deleteAccount, json, type SignedUp, signUp } from "./helpers";
import { onboard } from "./onboarding-helpers";
import { generate, runJob } from "./program-helpers";
import { agentToken, livekitStub, livekitStubState, signedWebhook } from "./voice-helpers";

// Deleting an account deletes it: every token refused, nothing pushed, no row left in D1 but
// a tombstone, the actor's storage erased; resumed on the alarm when a step cannot finish.

const pushStub = (path: string, body?: unknown) =>
  fetch(`${inject("pushStubUrl")}/_stub/${path}`, {
    method: body === undefined ? "GET" : "POST",
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

// The user's logs live in the actor (issue 21): LOG_TABLES are checked in its storage.
const LOG_TABLES = [
  "workout_sessions",
  "workout_sets",
  "set_day_summaries",
  "meal_logs",
  "body_weights",
];

const USER_TABLES = [
  "profiles",
  "programs",
  "voice_sessions",
  "password_credentials",
  "refresh_tokens",
];

async function rowsOf(userId: string) {
  const counts: Record<string, number> = {};
  for (const table of USER_TABLES) {
    const row = await env.DB.prepare(`SELECT count(*) AS n FROM ${table} WHERE user_id = ?`)
      .bind(userId)
      .first<{ n: number }>();
    counts[table] = row?.n ?? 0;
  }
  return counts;
}

/** A user with something in every table: profile, program, a session and set, meals... */
async function fullUser(): Promise<SignedUp & { device: string }> {
  const user = await signUp({ name: "To Be Deleted", verified: true });
  await onboard(user.accessToken);
  const { job_id } = await json(await generate(user.accessToken, { duration_weeks: 4 }));
  await runJob(user.userId, user.accessToken, job_id);
  const session = await json(
    await call("/v1/workouts/sessions", { token: user.accessToken, body: {} }),
  );
  await call(`/v1/workouts/sessions/${session.id}/sets`, {
    token: user.accessToken,
    body: { client_id: "s1", exercise_id: "barbell-back-squat", reps: 5, weight_kg: 80 },
  });
  await call("/v1/meals/logs", { token: user.accessToken, body: { meal: "lunch", calories: 700 } });
  await call("/v1/body/weight", { token: user.accessToken, body: { weight_kg: 81 } });
  const device = `ExponentPushToken[${crypto.randomUUID()}]`;
  await call("/v1/devices", {
    token: user.accessToken,
    body: { platform: "ios", provider: "expo", token: device },
  });
  await call("/v1/voice/sessions", { token: user.accessToken, body: { agent_type: "workout" } });
  return { ...user, device };
}

beforeEach(async () => {
  await livekitStub("down", { down: false });
});

describe("DELETE /v1/me", () => {
  it("erases every D1 row of the user but a tombstone, ends the rooms, frees the email", async () => {
    const user = await fullUser();
    const before = await rowsOf(user.userId);
    expect(Object.values(before).every((n) => n > 0)).toBe(true);
    for (const table of LOG_TABLES)
      expect(await actorSql(user.userId, `SELECT * FROM ${table}`), table).toHaveLength(1);
    const room = (
      await actorSql<{ room_name: string }>(user.userId, "SELECT room_name FROM voice_rooms")
    )[0]?.room_name;

    const response = await deleteAccount(user);
    expect(response.status).toBe(200);
    expect(await json(response)).toEqual({ status: "deleted", erased: true });

    expect(Object.values(await rowsOf(user.userId)).every((n) => n === 0)).toBe(true);
    const tombstone = await env.DB.prepare("SELECT * FROM users WHERE id = ?")
      .bind(user.userId)
      .first<Record<string, unknown>>();
    expect(tombstone).toMatchObject({
      account_status: "deleted",
      email: null,
      name: null,
      external_auth_id: null,
    });
    expect(tombstone?.deleted_at).not.toBeNull();
    const state = await livekitStubState();
    expect(state.rooms.some((r: { name: string }) => r.name === room)).toBe(false);
    // The actor's storage holds nothing of the user: no schedules, devices, rooms, documents.
    for (const table of [
      "schedules",
      "devices",
      "voice_rooms",
      "notifications",
      "onboarding_steps",
      ...LOG_TABLES,
    ])
      expect(await actorSql(user.userId, `SELECT * FROM ${table}`), table).toEqual([]);

    const login = await call("/v1/auth/login", {
      body: { email: user.email, password: user.password },
    });
    expect(login.status).toBe(401);
    expect(
      (await call("/v1/auth/refresh", { body: { refresh_token: user.refreshToken } })).status,
    ).toBe(401);
    const again = await call("/v1/auth/signup", {
      body: { email: user.email, password: "correct-horse-42" },
    });
    expect(again.status).toBe(201);
  }, 20_000);

  it("refuses a wrong confirming password and deletes nothing", async () => {
    const user = await signUp();
    const response = await call("/v1/me", {
      method: "DELETE",
      token: user.accessToken,
      body: { current_password: "not-the-password-1" },
    });
    expect(response.status).toBe(403);
    expect((await json(response)).error.code).toBe("wrong_password");
    expect((await call("/v1/me", { token: user.accessToken })).status).toBe(200);
  });

  it("refuses the old access token on every route of the app's API document", async () => {
    const user = await signUp();
    await deleteAccount(user);
    const paths = appDocument.paths as Record<string, Record<string, { security?: unknown[] }>>;
    let checked = 0;
    for (const [template, operations] of Object.entries(paths))
      for (const [method, operation] of Object.entries(operations)) {
        if (!operation.security) continue; // public routes
        const path = template.replace(/\{[^}]+\}/g, "x1");
        const withBody = ["post", "put", "patch"].includes(method);
        const response = await call(path, {
          method: method.toUpperCase(),
          token: user.accessToken,
          ...(withBody ? { body: {} } : {}),
        });
        expect(response.status, `${method} ${template}`).toBe(401);
        expect((await json(response)).error.code, `${method} ${template}`).toBe("account_deleted");
        checked += 1;
      }
    expect(checked).toBeGreaterThan(45);
  });

  it("pushes nothing after the answer, though a reminder was due a minute later", async () => {
    const user = await fullUser();
    await pushStub("reset", {});
    // A reminder due in one minute, with the alarm armed for it.
    const stub = env.USER_ACTOR.getByName(user.userId);
    await runInDurableObject(stub, async (_, state) => {
      state.storage.sql.exec(
        "UPDATE schedules SET run_at = ? WHERE key = 'reminder:checkin'",
        Date.now() + 60_000,
      );
    });
    await deleteAccount(user);
    // Time passes: the reminder's minute is over, the alarm (if any is left) runs.
    await runInDurableObject(stub, (_, state) => {
      state.storage.sql.exec("UPDATE schedules SET run_at = ?", Date.now() - 1000);
    }).catch(() => {});
    await runDurableObjectAlarm(stub);
    await runDurableObjectAlarm(stub);
    const sent = (await (await pushStub("sent")).json()) as Array<{ token: string }>;
    expect(sent.filter((push) => push.token === user.device)).toEqual([]);
  }, 20_000);

  it("closes the user's sockets with a reason and refuses the agent token of an open call", async () => {
    const user = await signUp({ verified: true });
    const { token } = await agentToken(user);
    expect((await call("/internal/agent/context", { token })).status).toBe(200);
    const socket = (
      await call("/v1/realtime", { token: user.accessToken, headers: { upgrade: "websocket" } })
    ).webSocket as WebSocket;
    socket.accept();
    const closed = new Promise<{ code: number; reason: string }>((resolve) =>
      socket.addEventListener("close", (event) =>
        resolve({ code: event.code, reason: event.reason }),
      ),
    );
    await deleteAccount(user);
    expect(await closed).toEqual({ code: 4001, reason: "account_deleted" });
    for (const path of ["/internal/agent/context", "/internal/agent/tools"]) {
      const response = await call(path, { token });
      expect(response.status, path).toBe(403);
    }
  });

  it("finishes on the alarm after an eviction when a step could not finish at once", async () => {
    const user = await fullUser();
    await livekitStub("down", { down: true, mode: "drop" });
    const response = await json(await deleteAccount(user));
    // Closed at once, erased later: the tokens are already refused, the data still there.
    expect(response).toEqual({ status: "deleted", erased: false });
    expect((await call("/v1/me", { token: user.accessToken })).status).toBe(401);
    expect((await rowsOf(user.userId)).profiles).toBe(1);

    await livekitStub("down", { down: false });
    const stub = env.USER_ACTOR.getByName(user.userId);
    await evictDurableObject(stub);
    await runInDurableObject(env.USER_ACTOR.getByName(user.userId), (_, state) => {
      state.storage.sql.exec("UPDATE schedules SET run_at = ?", Date.now() - 1000);
    });
    expect(await runDurableObjectAlarm(env.USER_ACTOR.getByName(user.userId))).toBe(true);
    expect(Object.values(await rowsOf(user.userId)).every((n) => n === 0)).toBe(true);
    expect(await actorSql(user.userId, "SELECT * FROM schedules")).toEqual([]);
  }, 20_000);
});

describe("LiveKit webhooks for a deleted account's room", () => {
  it("are acknowledged and recorded without the user's id", async () => {
    const user = await signUp({ verified: true });
    const { room_name } = await json(
      await call("/v1/voice/sessions", {
        token: user.accessToken,
        body: { agent_type: "workout" },
      }),
    );
    expect((await deleteAccount(user)).status).toBe(200);

    const id = `EV_${crypto.randomUUID().slice(0, 12)}`;
    const late = await signedWebhook({ event: "room_finished", id, room: { name: room_name } });
    expect(late.status).toBe(200);
    expect(await json(late)).toEqual({ status: "ignored" });
    // Recorded (a retry is a duplicate), without the room name that carries the user id.
    const rows = await env.DB.prepare(
      "SELECT id, event, room_name FROM webhook_events WHERE id = ?",
    )
      .bind(id)
      .all();
    expect(rows.results).toEqual([{ id, event: "room_finished", room_name: null }]);
    const mentions = await env.DB.prepare(
      "SELECT count(*) AS n FROM webhook_events WHERE room_name LIKE '%' || ? || '%'",
    )
      .bind(user.userId)
      .first<{ n: number }>();
    expect(mentions?.n).toBe(0);
    const again = await signedWebhook({ event: "room_finished", id, room: { name: room_name } });
    expect(await json(again)).toEqual({ status: "duplicate" });
  });
});
