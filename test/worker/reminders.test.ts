import { env, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { beforeEach, describe, expect, inject, it, vi } from "vitest";
import { actorFor } from "../../worker/actor";
import { actorSql, fireSchedule } from "./actor-helpers";
import { call, json, type SignedUp, signUp } from "./helpers";
import { onboard } from "./onboarding-helpers";
import { generate, runJob } from "./program-helpers";

const pushStub = (path: string, body?: unknown) =>
  fetch(
    `${inject("pushStubUrl")}/_stub/${path}`,
    body === undefined ? {} : { method: "POST", body: JSON.stringify(body) },
  );
const sentTo = async (token: string) =>
  (
    (await (await pushStub("sent")).json()) as Array<{
      token: string;
      title: string;
      data: any;
      provider: string;
    }>
  ).filter((push) => push.token === token);

const localTime = (iso: string, timezone: string) =>
  new Intl.DateTimeFormat("en-GB", {
    timeZone: timezone,
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(new Date(iso));

/** Minutes from a planned "HH:MM" to the time a spread recurrence fires at. */
const spreadMinutes = (planned: string, fired: string) => {
  const minutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
  return minutes(fired) - minutes(planned);
};
/** Each user's reminders fire within ten minutes after the time asked for (no thundering herd). */
const expectSpread = (planned: string, recurrence: { time: string }) => {
  expect(spreadMinutes(planned, recurrence.time)).toBeGreaterThanOrEqual(0);
  expect(spreadMinutes(planned, recurrence.time)).toBeLessThan(10);
};

async function userWithProgram(): Promise<SignedUp> {
  const user = await signUp();
  await onboard(user.accessToken);
  const { job_id } = await json(await generate(user.accessToken, {}));
  await runJob(user.userId, user.accessToken, job_id);
  return user;
}

const reminders = async (user: SignedUp) =>
  json(await call("/v1/reminders", { token: user.accessToken }));
const putReminders = (user: SignedUp, body: unknown) =>
  call("/v1/reminders", { method: "PUT", token: user.accessToken, body });

beforeEach(async () => {
  await pushStub("reset", {});
});

describe("reminder planning", () => {
  it("starts from the onboarding reminders step and plans workout, meal and check-in reminders", async () => {
    const user = await userWithProgram();
    const { preferences, schedules } = await reminders(user);
    expect(preferences).toMatchObject({
      workout: true,
      meals: true,
      hydration: false,
      quiet_hours: { start: "22:00", end: "07:00" },
    });
    const keys = schedules.map((s: { key: string }) => s.key);
    // Evening trainee, 60 min lead: 17:00 on the program's training days (mon, tue, thu, fri),
    // moved by the user's own offset; the other reminders move by the same one.
    const workout = schedules.find((s: { key: string }) => s.key === "reminder:workout");
    expect(workout.recurrence).toMatchObject({
      timezone: "Europe/Berlin",
      weekdays: ["mon", "tue", "thu", "fri"],
    });
    expectSpread("17:00", workout.recurrence);
    expect(localTime(workout.next_at, "Europe/Berlin")).toBe(workout.recurrence.time);
    expect(new Date(workout.next_at).getUTCSeconds()).toBe(workout.recurrence.second ?? 0);
    const offset = spreadMinutes("17:00", workout.recurrence.time);
    // Four meals between 08:00 and 19:00.
    const meals = schedules.filter((s: { key: string }) => s.key.startsWith("reminder:meal:"));
    const mealTimes = meals.map((m: { recurrence: { time: string } }) => m.recurrence.time).sort();
    ["08:00", "11:40", "15:20", "19:00"].forEach((planned, i) => {
      expect(spreadMinutes(planned, mealTimes[i])).toBe(offset);
    });
    expect(keys).toContain("reminder:checkin");
    // The morning-after nudge: an hour after waking (07:00), every day.
    const nudge = schedules.find((s: { key: string }) => s.key === "reminder:nudge");
    expect(spreadMinutes("08:00", nudge.recurrence.time)).toBe(offset);
    expect(nudge.recurrence.weekdays).toBeUndefined();
    expect(keys).not.toContain("reminder:streak"); // opt-in
    expect(keys.some((k: string) => k.startsWith("reminder:hydration"))).toBe(false);
    // Each is named for a person, soonest first.
    expect(meals.map((m: { kind: string; title: string }) => [m.kind, m.title])).toEqual(
      expect.arrayContaining([
        ["meal", "Breakfast time"],
        ["meal", "Dinner time"],
      ]),
    );
    expect(workout).toMatchObject({ kind: "workout", title: "Workout today" });
    expect(nudge).toMatchObject({ kind: "nudge" });
    const due = schedules.map((s: { next_at: string }) => s.next_at);
    expect(due).toEqual([...due].sort());
  });

  it("re-plans when preferences change, and respects quiet hours", async () => {
    const user = await userWithProgram();
    const response = await putReminders(user, {
      workout: false,
      meals: false,
      hydration: true,
      quiet_hours: { start: "12:00", end: "14:00" },
      hydration_interval_minutes: 60,
    });
    expect(response.status).toBe(200);
    const { schedules } = await json(response);
    // The hour of each (the spread moves them by under ten minutes).
    const hours = schedules.map((s: { recurrence: { time: string } }) =>
      s.recurrence.time.slice(0, 2),
    );
    expect(
      schedules.every(
        (s: { key: string }) =>
          s.key.startsWith("reminder:hydration") || s.key === "reminder:checkin",
      ),
    ).toBe(true);
    // Hourly from 08:00 to 21:00, minus 12:00 and 13:00 (quiet).
    expect(hours).not.toContain("12");
    expect(hours).not.toContain("13");
    expect(hours).toContain("14");
    expect(hours).toContain("08");
    expect(hours).toContain("21");
  });

  it("rejects invalid preferences with 422 naming the field", async () => {
    const user = await userWithProgram();
    const response = await putReminders(user, {
      workout: true,
      meals: true,
      hydration: true,
      checkin_time: "25:99",
    });
    expect(response.status).toBe(422);
    expect((await json(response)).error.details[0].field).toBe("checkin_time");
  });

  it("re-plans in the new timezone when the profile's timezone changes", async () => {
    const user = await userWithProgram();
    await call("/v1/profile", {
      method: "PATCH",
      token: user.accessToken,
      body: { timezone: "America/New_York" },
    });
    const { schedules } = await reminders(user);
    const checkin = schedules.find((s: { key: string }) => s.key === "reminder:checkin");
    expect(checkin.recurrence.timezone).toBe("America/New_York");
    expectSpread("18:00", checkin.recurrence);
    expect(localTime(checkin.next_at, "America/New_York")).toBe(checkin.recurrence.time);
  });
});

describe("a reminder firing", () => {
  it("lands in the inbox, goes live on /v1/realtime, and is pushed once to every device", async () => {
    const user = await userWithProgram();
    const expo = `ExponentPushToken[${crypto.randomUUID()}]`;
    const fcm = `fcm-${crypto.randomUUID()}`;
    expect(
      (
        await call("/v1/devices", {
          token: user.accessToken,
          body: { platform: "ios", provider: "expo", token: expo },
        })
      ).status,
    ).toBe(201);
    await call("/v1/devices", {
      token: user.accessToken,
      body: { platform: "android", provider: "fcm", token: fcm },
    });
    const socket = (
      await call("/v1/realtime", { token: user.accessToken, headers: { upgrade: "websocket" } })
    ).webSocket as WebSocket;
    socket.accept();
    const live: any[] = [];
    socket.addEventListener("message", (event) => {
      if (String(event.data).startsWith("{")) live.push(JSON.parse(String(event.data)));
    });

    const due = Date.now() - 1000;
    await fireSchedule(user.userId, "reminder:checkin", due);
    await runDurableObjectAlarm(env.USER_ACTOR.getByName(user.userId)); // the push step

    const inbox = await json(await call("/v1/notifications", { token: user.accessToken }));
    expect(inbox.items).toHaveLength(1);
    expect(inbox.items[0]).toMatchObject({
      kind: "reminder.checkin",
      title: "Weekly check-in",
      data: { type: "reminder.checkin", deep_link: "app://body/weight/log" },
      read_at: null,
    });
    expect(inbox.unread).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(
      live.filter((event) => event.type === "notification").map((event) => event.data.id),
    ).toEqual([inbox.items[0].id]);
    expect(await sentTo(expo)).toMatchObject([{ provider: "expo", title: "Weekly check-in" }]);
    const fcmPush = await sentTo(fcm);
    expect(fcmPush).toMatchObject([{ provider: "fcm", title: "Weekly check-in" }]);
    expect(fcmPush[0]?.data.notification_id).toBe(inbox.items[0].id);
    expect(fcmPush[0]?.data.deep_link).toBe("app://body/weight/log");

    // The recurring reminder moved to its next week, at the same spread local time.
    const [row] = await actorSql<{ run_at: number; recurrence: string }>(
      user.userId,
      "SELECT run_at, recurrence FROM schedules WHERE key = 'reminder:checkin'",
    );
    expect(row?.run_at).toBeGreaterThan(Date.now());
    const recurrence = JSON.parse(row?.recurrence ?? "{}");
    expectSpread("18:00", recurrence);
    expect(localTime(new Date(row?.run_at ?? 0).toISOString(), "Europe/Berlin")).toBe(
      recurrence.time,
    );

    // The alarm delivers the same occurrence again (at-least-once): no second notification or push.
    await fireSchedule(user.userId, "reminder:checkin", due);
    await runDurableObjectAlarm(env.USER_ACTOR.getByName(user.userId));
    expect(
      (await json(await call("/v1/notifications", { token: user.accessToken }))).items,
    ).toHaveLength(1);
    expect(await sentTo(expo)).toHaveLength(1);
    expect(await sentTo(fcm)).toHaveLength(1);
    socket.close();
  });

  it("removes a device whose token the provider reports invalid", async () => {
    const user = await userWithProgram();
    const token = `ExponentPushToken[${crypto.randomUUID()}]`;
    const device = await json(
      await call("/v1/devices", {
        token: user.accessToken,
        body: { platform: "ios", provider: "expo", token },
      }),
    );
    await pushStub("invalidate", { token });
    await fireSchedule(user.userId, "reminder:checkin");
    await runDurableObjectAlarm(env.USER_ACTOR.getByName(user.userId));
    const devices = await json(await call("/v1/devices", { token: user.accessToken }));
    expect(devices.items.map((d: { id: string }) => d.id)).not.toContain(device.id);
  });

  it("retries a push after a provider 5xx and delivers exactly once", async () => {
    const user = await userWithProgram();
    const token = `ExponentPushToken[${crypto.randomUUID()}]`;
    await call("/v1/devices", {
      token: user.accessToken,
      body: { platform: "ios", provider: "expo", token },
    });
    await pushStub("fail", { provider: "expo", status: 503, times: 1 });
    await fireSchedule(user.userId, "reminder:checkin");
    const stub = env.USER_ACTOR.getByName(user.userId);
    await runDurableObjectAlarm(stub); // push attempt 1: 503
    expect(await sentTo(token)).toHaveLength(0);
    const [retry] = await actorSql<{ attempts: number; last_error: string }>(
      user.userId,
      "SELECT attempts, last_error FROM schedules WHERE kind = 'push'",
    );
    expect(retry).toMatchObject({ attempts: 1 });
    // Attempt 2 is due at once, so workerd may already be running it on its own alarm when
    // the test asks: wait for the delivery rather than assume it is done on return.
    await runDurableObjectAlarm(stub);
    await expect.poll(() => sentTo(token), { timeout: 10_000 }).toHaveLength(1);
    await expect
      .poll(() => actorSql(user.userId, "SELECT * FROM schedules WHERE kind = 'push'"))
      .toEqual([]);
    await runDurableObjectAlarm(stub);
    expect(await sentTo(token)).toHaveLength(1);
  });

  it("parks a push that keeps failing after the last attempt, with the reason", async () => {
    const user = await userWithProgram();
    const token = `ExponentPushToken[${crypto.randomUUID()}]`;
    await call("/v1/devices", {
      token: user.accessToken,
      body: { platform: "ios", provider: "expo", token },
    });
    await pushStub("fail", { provider: "expo", status: 503, times: 20 });
    await fireSchedule(user.userId, "reminder:checkin");
    const stub = env.USER_ACTOR.getByName(user.userId);
    for (let i = 0; i < 8; i++) await runDurableObjectAlarm(stub);
    const [row] = await actorSql<{ status: string; attempts: number; last_error: string }>(
      user.userId,
      "SELECT status, attempts, last_error FROM schedules WHERE kind = 'push'",
    );
    expect(row).toMatchObject({ status: "parked", attempts: 5 });
    expect(row?.last_error).toMatch(/transiently/);
  });
});

describe("notifications inbox", () => {
  it("pages with a cursor, filters unread, marks one and all read, and hides others' notifications", async () => {
    const user = await userWithProgram();
    for (const key of ["reminder:checkin", "reminder:meal:1", "reminder:meal:2"])
      await fireSchedule(user.userId, key);
    const first = await json(await call("/v1/notifications?limit=2", { token: user.accessToken }));
    expect(first.items).toHaveLength(2);
    const second = await json(
      await call(`/v1/notifications?limit=2&cursor=${encodeURIComponent(first.next_cursor)}`, {
        token: user.accessToken,
      }),
    );
    expect(second.items).toHaveLength(1);
    expect(second.next_cursor).toBeNull();
    const one = first.items[0].id;
    const read = await json(
      await call(`/v1/notifications/${one}/read`, { method: "POST", token: user.accessToken }),
    );
    expect(read.read_at).not.toBeNull();
    const unread = await json(
      await call("/v1/notifications?unread=true", { token: user.accessToken }),
    );
    expect(unread.items.map((n: { id: string }) => n.id)).not.toContain(one);
    expect(unread.unread).toBe(2);
    expect(
      await json(
        await call("/v1/notifications/read-all", { method: "POST", token: user.accessToken }),
      ),
    ).toEqual({ updated: 2 });
    const other = await signUp();
    expect(
      (await call(`/v1/notifications/${one}/read`, { method: "POST", token: other.accessToken }))
        .status,
    ).toBe(404);
  });
});

describe("devices", () => {
  it("registers once per token, lists tokens masked, and removes", async () => {
    const user = await signUp();
    const token = `ExponentPushToken[${crypto.randomUUID()}]`;
    const body = { platform: "ios", provider: "expo", token };
    const first = await call("/v1/devices", { token: user.accessToken, body });
    const again = await call("/v1/devices", { token: user.accessToken, body });
    expect([first.status, again.status]).toEqual([201, 200]);
    const device = await json(first);
    expect((await json(again)).id).toBe(device.id);
    expect(device.token).not.toBe(token);
    const bad = await call("/v1/devices", {
      token: user.accessToken,
      body: { platform: "ios", provider: "expo", token: "not-an-expo-token" },
    });
    expect(bad.status).toBe(422);
    expect(
      (await call(`/v1/devices/${device.id}`, { method: "DELETE", token: user.accessToken }))
        .status,
    ).toBe(204);
    expect(
      (await call(`/v1/devices/${device.id}`, { method: "DELETE", token: user.accessToken }))
        .status,
    ).toBe(404);
  });
});

describe("a push token on two accounts", () => {
  it("belongs to the account that registered it last: it leaves the other, which pushes it nothing", async () => {
    const first = await signUp();
    const second = await signUp();
    const token = `ExponentPushToken[${crypto.randomUUID()}]`;
    const body = { platform: "ios", provider: "expo", token };
    expect((await call("/v1/devices", { token: first.accessToken, body })).status).toBe(201);
    expect((await call("/v1/devices", { token: second.accessToken, body })).status).toBe(201);

    const devicesOf = async (user: SignedUp) =>
      (await json(await call("/v1/devices", { token: user.accessToken }))).items;
    expect(await devicesOf(first)).toEqual([]);
    expect(await devicesOf(second)).toHaveLength(1);
    expect(await actorSql(first.userId, "SELECT * FROM devices")).toEqual([]);

    // Back on the first account (the phone changed hands again): it moves back.
    expect((await call("/v1/devices", { token: first.accessToken, body })).status).toBe(201);
    const [device] = await devicesOf(first);
    expect(await devicesOf(second)).toEqual([]);

    // The index holds the token's hash, never the token, and forgets it once unregistered.
    const owners = () =>
      env.DB.prepare("SELECT token_hash, user_id FROM push_token_owners WHERE user_id IN (?, ?)")
        .bind(first.userId, second.userId)
        .all();
    const stored = (await owners()).results;
    expect(stored).toEqual([
      { token_hash: expect.stringMatching(/^[0-9a-f]{64}$/), user_id: first.userId },
    ]);
    expect(JSON.stringify(stored)).not.toContain(token.slice(18, 40));
    await call(`/v1/devices/${device.id}`, { method: "DELETE", token: first.accessToken });
    expect((await owners()).results).toEqual([]);
  });
});

describe("push endpoints left unset (local development)", () => {
  it("sends nothing anywhere and logs that the push would have been sent", async () => {
    const user = await signUp();
    const expo = `ExponentPushToken[${crypto.randomUUID()}]`;
    const fcm = `fcm-${crypto.randomUUID()}`;
    await call("/v1/devices", {
      token: user.accessToken,
      body: { platform: "ios", provider: "expo", token: expo },
    });
    await call("/v1/devices", {
      token: user.accessToken,
      body: { platform: "android", provider: "fcm", token: fcm },
    });
    const logged = vi.spyOn(console, "log");
    const outcomes = await runInDurableObject(
      env.USER_ACTOR.getByName(user.userId),
      async (_, state) => {
        const { PushDelivery } = await import("../../durable-objects/reminders/push-delivery");
        const { Inbox } = await import("../../durable-objects/reminders/inbox");
        const { Devices } = await import("../../durable-objects/reminders/devices");
        const { configFor } = await import("../../kernel/config");
        const { createLogger } = await import("../../kernel/logger");
        const parsed = configFor(env);
        if (!parsed.ok) throw new Error("test config invalid");
        const { EXPO_PUSH_URL: _expo, FCM_BASE_URL: _fcm, ...unset } = parsed.config;
        const log = createLogger({ actor: "UserActor" });
        const { ChangeLog } = await import("../../durable-objects/sync/change-log");
        const inbox = new Inbox(state.storage.sql, new ChangeLog(state.storage.sql, () => {}));
        inbox.add({ id: "n-local", kind: "reminder", title: "Train", body: "Today", data: {} });
        const devices = new Devices(
          state.storage.sql,
          () => log,
          () => 10,
        );
        const { Scheduler } = await import("../../durable-objects/scheduler/scheduler");
        const scheduler = new Scheduler(state.storage, {
          policy: () => ({ maxAttempts: () => 5, baseMs: () => 60_000, onGiveUp: "park" }),
        });
        const delivery = new PushDelivery({
          sql: state.storage.sql,
          inbox,
          devices,
          scheduler,
          config: () => unset as never,
          log: () => log,
        });
        await delivery.run({ payload: JSON.stringify({ notification_id: "n-local" }) } as never);
        return state.storage.sql
          .exec("SELECT outcome FROM push_deliveries WHERE notification_id = 'n-local'")
          .toArray();
      },
    );
    expect(await sentTo(expo)).toEqual([]);
    expect(await sentTo(fcm)).toEqual([]);
    expect(outcomes).toEqual([{ outcome: "not_sent" }, { outcome: "not_sent" }]);
    const lines = logged.mock.calls.map((args) => JSON.parse(String(args[0])));
    expect(lines.filter((line) => line.event === "push_not_sent")).toEqual([
      expect.objectContaining({
        provider: "expo",
        reason: "EXPO_PUSH_URL is not set",
        title: "Train",
      }),
      expect.objectContaining({
        provider: "fcm",
        reason: "FCM_BASE_URL is not set",
        title: "Train",
      }),
    ]);
    vi.restoreAllMocks();
  });
});

describe("device limit", () => {
  it("keeps MAX_DEVICES_PER_USER (10); an 11th replaces the device seen least recently", async () => {
    const user = await signUp();
    const register = (n: number) =>
      call("/v1/devices", {
        token: user.accessToken,
        body: { platform: "android", provider: "expo", token: `ExponentPushToken[device-${n}]` },
      });
    const ids: string[] = [];
    for (let n = 0; n < 10; n++) {
      const response = await register(n);
      expect(response.status).toBe(201);
      ids.push((await json(response)).id);
    }
    // Device 0 launches again: now device 1 is the one seen least recently.
    expect((await register(0)).status).toBe(200);
    const list = async () =>
      (await json(await call("/v1/devices?limit=50", { token: user.accessToken }))).items.map(
        (device: { id: string }) => device.id,
      );
    expect(await list()).toHaveLength(10);

    const eleventh = await json(await register(10));
    const kept = await list();
    expect(kept).toHaveLength(10);
    expect(kept).not.toContain(ids[1]);
    expect(kept).toContain(ids[0]);
    expect(kept).toContain(eleventh.id);
  });
});

describe("scheduler with a controllable clock", () => {
  it("fires a user's spread reminder at the same local minute and second every day, across DST", async () => {
    const user = await signUp();
    await actorFor(env, user.userId).account.get();
    const { spreadOffsetSeconds, spreadTime } = await import("../../engine/reminders/spread");
    const spread = spreadTime("07:00", spreadOffsetSeconds(user.userId));
    const fired = await runInDurableObject(
      env.USER_ACTOR.getByName(user.userId),
      async (_, state) => {
        const { Scheduler } = await import("../../durable-objects/scheduler/scheduler");
        let now = Date.parse("2026-10-22T12:00:00Z"); // Berlin leaves summer time on Oct 25
        const scheduler = new Scheduler(state.storage, {
          now: () => now,
          policy: () => ({ maxAttempts: () => 5, baseMs: () => 60_000, onGiveUp: "park" }),
        });
        await scheduler.schedule({
          kind: "t",
          key: "test:spread",
          recurrence: { time: spread.time, second: spread.second, timezone: "Europe/Berlin" },
        });
        const runs: number[] = [];
        for (let step = 0; step < 24 * 7 * 4; step++) {
          now += 15 * 60_000;
          await scheduler.runDue({ t: (row: { run_at: number }) => void runs.push(row.run_at) });
        }
        state.storage.sql.exec("DELETE FROM schedules WHERE key = 'test:spread'");
        return runs;
      },
    );
    expect(fired).toHaveLength(7);
    const local = (at: number) =>
      new Intl.DateTimeFormat("en-GB", {
        timeZone: "Europe/Berlin",
        hour: "2-digit",
        minute: "2-digit",
        second: "2-digit",
        hourCycle: "h23",
      }).format(new Date(at));
    const expected = `${spread.time}:${String(spread.second).padStart(2, "0")}`;
    expect(fired.map(local)).toEqual(Array(7).fill(expected));
    // The same local time is an hour later in UTC after the change: the spread rode along.
    expect(new Date(fired[0] as number).getUTCHours()).toBe(5);
    expect(new Date(fired[6] as number).getUTCHours()).toBe(6);
  });

  it("keeps a 07:00 reminder at 07:00 local across DST in Berlin and New York, once per occurrence", async () => {
    const user = await signUp();
    const stub = env.USER_ACTOR.getByName(user.userId);
    await actorFor(env, user.userId).account.get(); // create the actor and its storage
    const fired = await runInDurableObject(stub, async (_, state) => {
      const { Scheduler } = await import("../../durable-objects/scheduler/scheduler");
      let now = Date.parse("2026-03-27T12:00:00Z");
      const scheduler = new Scheduler(state.storage, {
        now: () => now,
        policy: () => ({ maxAttempts: () => 5, baseMs: () => 60_000, onGiveUp: "park" }),
      });
      const runs: Array<{ key: string; at: string }> = [];
      await scheduler.schedule({
        kind: "t",
        key: "test:berlin",
        recurrence: { time: "07:00", timezone: "Europe/Berlin" },
      });
      await scheduler.schedule({
        kind: "t",
        key: "test:ny",
        recurrence: { time: "07:00", timezone: "America/New_York" },
      });
      // Re-creating a schedule with the same key never duplicates it.
      await scheduler.schedule({
        kind: "t",
        key: "test:berlin",
        recurrence: { time: "07:00", timezone: "Europe/Berlin" },
      });
      for (let hour = 0; hour < 24 * 4; hour++) {
        now += 3_600_000;
        const handler = (row: { key: string; run_at: number }) => {
          runs.push({ key: row.key, at: new Date(row.run_at).toISOString() });
        };
        await scheduler.runDue({ t: handler });
        await scheduler.runDue({ t: handler }); // a repeated alarm run changes nothing
      }
      state.storage.sql.exec("DELETE FROM schedules WHERE key LIKE 'test:%'");
      return runs;
    });
    expect(fired.filter((r) => r.key === "test:berlin").map((r) => r.at)).toEqual([
      "2026-03-28T06:00:00.000Z",
      "2026-03-29T05:00:00.000Z", // summer time from here: still 07:00 local
      "2026-03-30T05:00:00.000Z",
      "2026-03-31T05:00:00.000Z",
    ]);
    // New York changed on March 8: 07:00 EDT is 11:00Z every day here.
    expect(fired.filter((r) => r.key === "test:ny").map((r) => r.at)).toEqual([
      "2026-03-28T11:00:00.000Z",
      "2026-03-29T11:00:00.000Z",
      "2026-03-30T11:00:00.000Z",
      "2026-03-31T11:00:00.000Z",
    ]);
  });
});
