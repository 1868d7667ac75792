import { env, evictDurableObject, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { actorSql, fireSchedule } from "./actor-helpers";
import { call, json, signUp } from "./helpers";
import { onboard } from "./onboarding-helpers";
import { generate, runJob } from "./program-helpers";

const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
const berlinToday = () =>
  new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Berlin" }).format(new Date());
const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

describe("daily adaptation", () => {
  it("is scheduled daily at 02:00 local once a program is active", async () => {
    const user = await signUp();
    await onboard(user.accessToken);
    const { job_id } = await json(await generate(user.accessToken, {}));
    await runJob(user.userId, user.accessToken, job_id);
    const [row] = await actorSql<{ recurrence: string }>(
      user.userId,
      "SELECT recurrence FROM schedules WHERE key = 'adaptation:daily'",
    );
    expect(JSON.parse(row?.recurrence ?? "null")).toEqual({
      time: "02:00",
      timezone: "Europe/Berlin",
    });
  });

  it("adapts the plan after a long gap, tells the user why, and does it once a day", async () => {
    const user = await signUp();
    await onboard(user.accessToken);
    const { job_id } = await json(await generate(user.accessToken, { duration_weeks: 8 }));
    const job = await runJob(user.userId, user.accessToken, job_id);
    // Started three weeks ago and never trained: a long gap, so a return week comes first.
    const today = berlinToday();
    const monday = addDays(today, -((new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7) - 21);
    await env.DB.prepare("UPDATE programs SET starts_on = ? WHERE id = ?")
      .bind(monday, job.program_id)
      .run();
    await runInDurableObject(env.USER_ACTOR.getByName(user.userId), (_, state) => {
      state.storage.sql.exec("DELETE FROM cached_documents WHERE key = 'active_program'");
    });
    await evictDurableObject(env.USER_ACTOR.getByName(user.userId));
    const before = await json(
      await call(`/v1/programs/${job.program_id}`, { token: user.accessToken }),
    );

    await fireSchedule(user.userId, "adaptation:daily");
    const after = await json(
      await call(`/v1/programs/${job.program_id}`, { token: user.accessToken }),
    );
    expect(after.weeks).not.toEqual(before.weeks);
    const inbox = await json(await call("/v1/notifications", { token: user.accessToken }));
    const adapted = inbox.items.filter((n: { kind: string }) => n.kind === "program.adapted");
    expect(adapted).toHaveLength(1);
    expect(adapted[0].data).toMatchObject({ type: "program.adapted", deep_link: "app://program" });
    expect(adapted[0].data.changes.map((c: { kind: string }) => c.kind)).toContain("return_week");
    expect(adapted[0].body.length).toBeGreaterThan(10);
    // No training day of any week holds two sessions: missed days are never stacked.
    for (const week of after.weeks) {
      const days = week.days.map((d: { weekday: string }) => d.weekday);
      expect(new Set(days).size).toBe(days.length);
      expect(days.every((d: string) => WEEKDAYS.includes(d))).toBe(true);
    }

    // The alarm runs again the same day (at-least-once): nothing changes twice.
    await fireSchedule(user.userId, "adaptation:daily");
    const again = await json(
      await call(`/v1/programs/${job.program_id}`, { token: user.accessToken }),
    );
    expect(again.weeks).toEqual(after.weeks);
    const inboxAgain = await json(await call("/v1/notifications", { token: user.accessToken }));
    expect(
      inboxAgain.items.filter((n: { kind: string }) => n.kind === "program.adapted"),
    ).toHaveLength(1);
    // The coaching context sees the adapted program.
    const context = await json(await call("/v1/coach/context", { token: user.accessToken }));
    expect(context.program.id).toBe(job.program_id);
  });

  it("tells the user in their language", async () => {
    const user = await signUp();
    await onboard(user.accessToken, { basics: { locale: "de" } });
    const { job_id } = await json(await generate(user.accessToken, { duration_weeks: 8 }));
    const job = await runJob(user.userId, user.accessToken, job_id);
    const today = berlinToday();
    const monday = addDays(today, -((new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7) - 21);
    await env.DB.prepare("UPDATE programs SET starts_on = ? WHERE id = ?")
      .bind(monday, job.program_id)
      .run();
    await runInDurableObject(env.USER_ACTOR.getByName(user.userId), (_, state) => {
      state.storage.sql.exec("DELETE FROM cached_documents WHERE key = 'active_program'");
    });
    await evictDurableObject(env.USER_ACTOR.getByName(user.userId));
    await fireSchedule(user.userId, "adaptation:daily");
    const inbox = await json(await call("/v1/notifications", { token: user.accessToken }));
    const [adapted] = inbox.items.filter((n: { kind: string }) => n.kind === "program.adapted");
    expect(adapted.title).toBe("Dein Plan wurde angepasst");
    // The return week after three weeks off, in German.
    expect(adapted.body).toMatch(/Woche \d+ ist eine Wiedereinstiegswoche nach \d+ Tagen Pause/);
  });
});
