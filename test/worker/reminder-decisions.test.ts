import {
  env,
  evictDurableObject,
  runDurableObjectAlarm,
  runInDurableObject,
} from "cloudflare:test";
import { beforeEach, describe, expect, inject, it } from "vitest";
import { t } from "../../engine/i18n/translate";
import { actorSql, fireSchedule } from "./actor-helpers";
import { signUpAdmin } from "./admin-helpers";
import { call, json, mailTo, type SignedUp, signUp } from "./helpers";
import { onboard, VALID_STEPS, weekdaysIncludingToday } from "./onboarding-helpers";
import { generate, runJob } from "./program-helpers";

// Reminders decide when they fire, from what the user did (issue 34): each condition through
// HTTP and the actor's real alarm, the decision read back from GET /v1/notifications.

const pushStub = (path: string, body?: unknown) =>
  fetch(
    `${inject("pushStubUrl")}/_stub/${path}`,
    body === undefined ? {} : { method: "POST", body: JSON.stringify(body) },
  );
const sentTo = async (token: string) =>
  (
    (await (await pushStub("sent")).json()) as Array<{
      token: string;
      data: Record<string, unknown>;
    }>
  ).filter((push) => push.token === token);

const berlinToday = () =>
  new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Berlin" }).format(new Date());
const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

async function trainee(
  overrides: Record<string, Record<string, unknown>> = {},
): Promise<SignedUp & { programId: string }> {
  const user = await signUp();
  await onboard(user.accessToken, {
    schedule: { preferred_weekdays: weekdaysIncludingToday() },
    ...overrides,
  });
  const { job_id } = await json(await generate(user.accessToken, { duration_weeks: 8 }));
  const job = await runJob(user.userId, user.accessToken, job_id);
  return { ...user, programId: job.program_id };
}

const inbox = async (user: SignedUp) =>
  json(await call("/v1/notifications", { token: user.accessToken }));
const fire = (user: SignedUp, key: string, runAt = Date.now() - 1000) =>
  fireSchedule(user.userId, key, runAt);

beforeEach(async () => {
  await pushStub("reset", {});
});

describe("the workout reminder", () => {
  it("names today's focus and first lift, with a deep link; is skipped once the session is done", async () => {
    const user = await trainee();
    await fire(user, "reminder:workout");
    const first = await inbox(user);
    expect(first.items).toHaveLength(1);
    const today = await json(await call("/v1/workouts/today", { token: user.accessToken }));
    const lift = today.session.exercises[0];
    expect(first.items[0]).toMatchObject({
      kind: "reminder.workout",
      data: { type: "reminder.workout", deep_link: "app://workout/today" },
    });
    expect(first.items[0].title).toMatch(/^Today: /);
    expect(first.items[0].body).toContain(lift.name);

    const session = await json(
      await call("/v1/workouts/sessions", {
        token: user.accessToken,
        body: { planned_day: "today" },
      }),
    );
    // In progress: still nothing to remind.
    await fire(user, "reminder:workout", Date.now() - 2000);
    expect((await inbox(user)).skipped[0]).toMatchObject({
      reminder: "reminder:workout",
      type: "workout",
      reason: "session_in_progress",
    });
    await call(`/v1/workouts/sessions/${session.id}`, {
      method: "PATCH",
      token: user.accessToken,
      body: { status: "completed" },
    });
    await fire(user, "reminder:workout", Date.now() - 3000);
    const after = await inbox(user);
    expect(after.items).toHaveLength(1); // no second reminder
    expect(after.skipped[0]).toMatchObject({ type: "workout", reason: "session_completed" });
    expect(after.skipped[0].local_date).toBe(berlinToday());
  });

  it("is skipped on a rest day", async () => {
    const today = DAYS.indexOf(
      new Intl.DateTimeFormat("en-US", { timeZone: "Europe/Berlin", weekday: "short" })
        .format(new Date())
        .toLowerCase(),
    );
    const notToday = [1, 3, 5].map((offset) => DAYS[(today + offset) % 7] as string);
    const user = await trainee({
      schedule: { days_per_week: 3, preferred_weekdays: notToday },
    });
    // The schedule exists only on training days; run today's occurrence anyway (a day that
    // became a rest day after a move looks the same to the rule).
    await runInDurableObject(env.USER_ACTOR.getByName(user.userId), (_, state) => {
      state.storage.sql.exec(
        "UPDATE schedules SET recurrence = json_remove(recurrence, '$.weekdays') WHERE key = 'reminder:workout'",
      );
    });
    await fire(user, "reminder:workout");
    const result = await inbox(user);
    expect(result.items).toHaveLength(0);
    expect(result.skipped[0]).toMatchObject({ type: "workout", reason: "rest_day" });
  });
});

describe("the meal reminder", () => {
  it("is skipped when that meal is logged, sent with its slot's deep link otherwise", async () => {
    const user = await trainee();
    expect(
      (
        await call("/v1/meals/logs", {
          token: user.accessToken,
          body: { meal: "lunch", calories: 700 },
        })
      ).status,
    ).toBe(201);
    // Four meals a day: breakfast, lunch, afternoon snack, dinner; lunch is the second.
    await fire(user, "reminder:meal:2");
    const result = await inbox(user);
    expect(result.items).toHaveLength(0);
    expect(result.skipped).toMatchObject([
      { reminder: "reminder:meal:2", type: "meal", reason: "meal_logged" },
    ]);

    const hungry = await trainee();
    await fire(hungry, "reminder:meal:1");
    const [breakfast] = (await inbox(hungry)).items;
    expect(breakfast).toMatchObject({
      kind: "reminder.meal",
      title: "Breakfast time",
      data: { type: "reminder.meal", deep_link: "app://meals/log?meal=breakfast" },
    });
  });
});

describe("the streak reminder (opt-in)", () => {
  it("speaks in the evening when the last two planned sessions were done, with today's deep link", async () => {
    const user = await trainee(); // trains today, and 1, 3 and 5 days ago
    const startsOn = addDays(berlinToday(), -7);
    await env.DB.prepare("UPDATE programs SET starts_on = ? WHERE id = ?")
      .bind(startsOn, user.programId)
      .run();
    await runInDurableObject(env.USER_ACTOR.getByName(user.userId), (_, state) => {
      state.storage.sql.exec("DELETE FROM cached_documents WHERE key = 'active_program'");
    });
    await evictDurableObject(env.USER_ACTOR.getByName(user.userId));
    // Program weeks are calendar weeks (Monday to Sunday) from the start date's week.
    const monday = (date: string) =>
      addDays(date, -((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7));
    const weekOf = (date: string) =>
      (Date.parse(monday(date)) - Date.parse(monday(startsOn))) / (7 * 86_400_000) + 1;
    for (const daysAgo of [3, 1]) {
      const date = addDays(berlinToday(), -daysAgo);
      const weekday = DAYS[(new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7];
      const session = await call("/v1/workouts/sessions", {
        token: user.accessToken,
        body: { planned_day: { week: weekOf(date), weekday } },
      });
      expect(session.status).toBe(201);
      await call(`/v1/workouts/sessions/${(await json(session)).id}`, {
        method: "PATCH",
        token: user.accessToken,
        body: { status: "completed" },
      });
    }
    await call("/v1/reminders", {
      method: "PUT",
      token: user.accessToken,
      body: { workout: true, meals: false, hydration: false, streak: true },
    });
    await fire(user, "reminder:streak");
    const [streak] = (await inbox(user)).items;
    expect(streak).toMatchObject({
      kind: "reminder.streak",
      title: "Your streak is on the line",
      data: { type: "reminder.streak", deep_link: "app://workout/today" },
    });
    expect(streak.body).toMatch(/^2 planned sessions in a row/);
  });
});

describe("deep links", () => {
  it("sends the hydration and check-in reminders with their screens", async () => {
    const user = await trainee({ reminders: { hydration: true } });
    const { schedules } = await json(await call("/v1/reminders", { token: user.accessToken }));
    const hydration = schedules.find((s: { kind: string }) => s.kind === "hydration");
    await fire(user, hydration.key);
    await fire(user, "reminder:checkin");
    const links = Object.fromEntries(
      (await inbox(user)).items.map((n: { kind: string; data: { deep_link: string } }) => [
        n.kind,
        n.data.deep_link,
      ]),
    );
    expect(links).toEqual({
      "reminder.hydration": "app://today",
      "reminder.checkin": "app://body/weight/log",
    });
  });
});

describe("the nudge after a missed session", () => {
  it("nudges once the morning after, at most once a day, and backs off after two ignored", async () => {
    // Yesterday was a training day (and today is not); the program started a week ago.
    const yesterday = DAYS[(DAYS.indexOf(weekdaysIncludingToday()[0] as string) + 6) % 7];
    const days = [0, 2, 4, 6].map((o) => DAYS[(DAYS.indexOf(yesterday as string) + o) % 7]);
    const user = await trainee({ schedule: { preferred_weekdays: days } });
    await env.DB.prepare("UPDATE programs SET starts_on = ? WHERE id = ?")
      .bind(addDays(berlinToday(), -7), user.programId)
      .run();
    await runInDurableObject(env.USER_ACTOR.getByName(user.userId), (_, state) => {
      state.storage.sql.exec("DELETE FROM cached_documents WHERE key = 'active_program'");
    });
    await evictDurableObject(env.USER_ACTOR.getByName(user.userId));

    await fire(user, "reminder:nudge");
    const first = await inbox(user);
    expect(first.items).toHaveLength(1);
    expect(first.items[0]).toMatchObject({
      kind: "reminder.nudge",
      title: "Missed yesterday's workout?",
      data: { deep_link: "app://workout/today" },
    });
    // Another occurrence the same day: at most one a day.
    await fire(user, "reminder:nudge", Date.now() - 5000);
    expect((await inbox(user)).skipped[0]).toMatchObject({ reason: "already_nudged_today" });

    // A day passes with the nudge ignored (its decision moved back a day), and another
    // session is missed: a second nudge. Two ignored in a row: the third backs off.
    const aDayEarlier = () =>
      actorSql(
        user.userId,
        `UPDATE reminder_outcomes SET local_date = date(local_date, '-1 day'),
           created_at = strftime('%Y-%m-%dT%H:%M:%fZ', created_at, '-1 day') WHERE type = 'nudge'`,
      );
    await aDayEarlier();
    await fire(user, "reminder:nudge", Date.now() - 6000);
    expect((await inbox(user)).items).toHaveLength(2);
    await aDayEarlier();
    await fire(user, "reminder:nudge", Date.now() - 7000);
    const backedOff = await inbox(user);
    expect(backedOff.items).toHaveLength(2);
    expect(backedOff.skipped[0]).toMatchObject({ type: "nudge", reason: "backed_off" });

    // Opening the latest nudge answers it: nudges resume.
    await call(`/v1/notifications/${backedOff.items[0].id}/read`, {
      method: "POST",
      token: user.accessToken,
    });
    await fire(user, "reminder:nudge", Date.now() - 8000);
    expect((await inbox(user)).items).toHaveLength(3);
  });

  it("stays silent when yesterday's session was not missed", async () => {
    const user = await trainee(); // the program starts today: nothing was planned yesterday
    await fire(user, "reminder:nudge");
    const result = await inbox(user);
    expect(result.items).toHaveLength(0);
    expect(result.skipped[0]).toMatchObject({ type: "nudge", reason: "nothing_missed" });
  });
});

describe("languages", () => {
  const TITLES = {
    en: "Weekly check-in",
    de: "Wöchentlicher Check-in",
    es: "Revisión semanal",
    fr: "Bilan de la semaine",
  };
  for (const [locale, title] of Object.entries(TITLES))
    it(`writes the reminder in the user's language (${locale}) and pushes it so`, async () => {
      const user = await trainee({ basics: { locale } });
      const profile = await json(await call("/v1/profile", { token: user.accessToken }));
      expect(profile.locale).toBe(locale);
      const token = `ExponentPushToken[${crypto.randomUUID()}]`;
      await call("/v1/devices", {
        token: user.accessToken,
        body: { platform: "ios", provider: "expo", token },
      });
      await fire(user, "reminder:checkin");
      await runDurableObjectAlarm(env.USER_ACTOR.getByName(user.userId));
      const [notification] = (await inbox(user)).items;
      expect(notification.title).toBe(title);
      expect(await sentTo(token)).toMatchObject([
        { data: { type: "reminder.checkin", deep_link: "app://body/weight/log" } },
      ]);
    });

  it("takes the locale from Accept-Language when the app sends none, and refuses one without a catalog", async () => {
    const user = await signUp();
    for (const [step, body] of Object.entries(VALID_STEPS))
      await call(`/v1/onboarding/steps/${step}`, {
        method: "PUT",
        token: user.accessToken,
        headers: { "accept-language": "it;q=1, de-AT;q=0.8, en;q=0.5" },
        body,
      });
    await call("/v1/onboarding/complete", { method: "POST", token: user.accessToken });
    const profile = await json(await call("/v1/profile", { token: user.accessToken }));
    expect(profile.locale).toBe("de-AT");
    const bad = await call("/v1/profile", {
      method: "PATCH",
      token: user.accessToken,
      body: { locale: "it" },
    });
    expect(bad.status).toBe(422);
    expect((await json(bad)).error.details[0].field).toBe("locale");
  });
});

/** Time travel: the tickets were sent 15 minutes ago (fireSchedule moves the schedule itself). */
const fifteenMinutesPass = (user: SignedUp) =>
  actorSql(user.userId, "UPDATE push_tickets SET sent_at = sent_at - 900000");

describe("error messages", () => {
  it("say their human part in the app's language; code and details stay as they are", async () => {
    const user = await signUp();
    const bad = { workout: true, meals: true, hydration: true, checkin_time: "25:99" };
    const put = (language?: string) =>
      call("/v1/reminders", {
        method: "PUT",
        token: user.accessToken,
        headers: language ? { "accept-language": language } : {},
        body: bad,
      });
    const spanish = await json(await put("es-MX"));
    const english = await json(await put());
    expect(spanish.error.code).toBe("validation_failed");
    expect(spanish.error.message).toBe(t("es", "error.validation_failed"));
    expect(spanish.error.details).toEqual(english.error.details);
    expect(english.error.message).not.toBe(spanish.error.message);
    const missing = await json(
      await call("/v1/nothing-here", { headers: { "accept-language": "de" } }),
    );
    expect(missing.error.message).toBe(t("de", "error.not_found"));
  });
});

describe("emails", () => {
  it("are written in the language of the app that asked", async () => {
    const user = await signUp();
    const asked = await call("/v1/auth/password/forgot", {
      headers: { "accept-language": "fr-CA, en;q=0.5" },
      body: { email: user.email },
    });
    expect(asked.status).toBe(202);
    const subject = t("fr-CA", "email.password_reset.subject");
    expect(subject).not.toBe(t("en", "email.password_reset.subject"));
    const mail = await mailTo(
      user.email,
      new RegExp(subject.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")),
    );
    expect(mail?.subject).toBe(subject);
    // The link's minutes through the plural rules and the locale's digits.
    expect(mail?.text).toContain(t("fr-CA", "email.password_reset.link", { count: 30 }));
  });
});

describe("Expo receipts", () => {
  it("removes a device whose receipt says DeviceNotRegistered and counts other errors for operators", async () => {
    const user = await trainee();
    const gone = `ExponentPushToken[${crypto.randomUUID()}]`;
    const big = `ExponentPushToken[${crypto.randomUUID()}]`;
    const fine = `ExponentPushToken[${crypto.randomUUID()}]`;
    const ids: Record<string, string> = {};
    for (const token of [gone, big, fine])
      ids[token] = (
        await json(
          await call("/v1/devices", {
            token: user.accessToken,
            body: { platform: "ios", provider: "expo", token },
          }),
        )
      ).id;
    await pushStub("receipt-error", { token: gone, error: "DeviceNotRegistered" });
    await pushStub("receipt-error", { token: big, error: "MessageTooBig" });
    await fire(user, "reminder:checkin");
    await runDurableObjectAlarm(env.USER_ACTOR.getByName(user.userId)); // the push
    expect(await actorSql(user.userId, "SELECT * FROM push_tickets")).toHaveLength(3);
    const [check] = await actorSql<{ run_at: number }>(
      user.userId,
      "SELECT run_at FROM schedules WHERE key = 'push:receipts'",
    );
    // Expo's advice: ask about 15 minutes after sending.
    expect((check?.run_at ?? 0) - Date.now()).toBeGreaterThan(14 * 60_000);

    await fifteenMinutesPass(user);
    await fire(user, "push:receipts");
    const devices = (await json(await call("/v1/devices", { token: user.accessToken }))).items.map(
      (d: { id: string }) => d.id,
    );
    expect(devices).not.toContain(ids[gone]);
    expect(devices).toContain(ids[big]);
    expect(devices).toContain(ids[fine]);
    expect(await actorSql(user.userId, "SELECT * FROM push_tickets")).toEqual([]);
    expect(
      await actorSql(user.userId, "SELECT * FROM schedules WHERE key = 'push:receipts'"),
    ).toEqual([]);
    // The operator sees the error counted, and what the reminders came to.
    const admin = await signUpAdmin();
    const detail = await json(
      await call(`/admin/users/${user.userId}`, { token: admin.accessToken }),
    );
    expect(detail.notifications).toEqual({
      reminders: { sent: 1 },
      receipt_errors: { MessageTooBig: 1 },
    });
  });

  it("asks again later for a receipt Expo does not have yet", async () => {
    const user = await trainee();
    const token = `ExponentPushToken[${crypto.randomUUID()}]`;
    await call("/v1/devices", {
      token: user.accessToken,
      body: { platform: "ios", provider: "expo", token },
    });
    await pushStub("expo", { receipt_delay_ms: 3_600_000 });
    await fire(user, "reminder:checkin");
    await runDurableObjectAlarm(env.USER_ACTOR.getByName(user.userId));
    await fifteenMinutesPass(user);
    await fire(user, "push:receipts");
    const [ticket] = await actorSql<{ checked_at: number | null }>(
      user.userId,
      "SELECT checked_at FROM push_tickets",
    );
    expect(ticket?.checked_at).not.toBeNull();
    const [again] = await actorSql<{ run_at: number }>(
      user.userId,
      "SELECT run_at FROM schedules WHERE key = 'push:receipts'",
    );
    expect((again?.run_at ?? 0) - Date.now()).toBeGreaterThan(14 * 60_000);
  });
});
