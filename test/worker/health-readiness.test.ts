import { describe, expect, it } from "vitest";
import { addDays } from "../../kernel/dates";
import { localDate, zonedToUtc } from "../../kernel/zoned";
import { daytimeZone, sampleUploads, uploadOk } from "./health-data-helpers";
import { call, json, signUp } from "./helpers";
import { onboard, weekdaysIncludingToday } from "./onboarding-helpers";
import { generate, runJob } from "./program-helpers";
import { agentToken } from "./voice-helpers";

const HOUR = 3_600_000;
type Exercise = { sets: number; target_rir: number };
const totalSets = (session: { exercises: Exercise[] }) =>
  session.exercises.reduce((sum, e) => sum + e.sets, 0);

async function userWithSessionToday(timezone: string) {
  const user = await signUp({ verified: true });
  await onboard(user.accessToken, {
    basics: { timezone },
    schedule: { preferred_weekdays: weekdaysIncludingToday(timezone) },
  });
  const { job_id } = await json(await generate(user.accessToken, { duration_weeks: 4 }));
  await runJob(user.userId, user.accessToken, job_id);
  return user;
}

const adapted = async (token: string) =>
  (await json(await call("/v1/notifications", { token }))).items.filter(
    (n: { kind: string }) => n.kind === "program.adapted",
  );

describe("readiness", () => {
  it("a low-readiness morning makes today's session lighter or moves it, with its reason, once", async () => {
    // A zone where it is daytime now, so last night has ended and today's session is ahead.
    const timezone = daytimeZone();
    const user = await userWithSessionToday(timezone);
    const token = user.accessToken;
    const before = await json(await call("/v1/workouts/today", { token }));
    expect(before.status).toBe("session");

    // Five weeks of ~7 h nights, then 4 h 50 in bed last night, a lower HRV, a higher resting HR.
    const now = Date.now();
    for (const batch of sampleUploads({
      platform: "healthkit",
      now,
      timezone,
      days: 35,
      shortLastNight: true,
    }))
      await uploadOk(token, batch);

    const answer = await json(await call("/v1/health/readiness", { token }));
    expect(answer.readiness).toMatchObject({ level: "low", settled: true });
    expect(answer.readiness.reason).toMatch(/^You slept 4 h \d+ min/);
    expect(answer.baselines.sleep_minutes.days).toBeGreaterThanOrEqual(27);
    expect(answer.baselines.sleep_minutes.mean).toBeGreaterThan(360);

    const notes = await adapted(token);
    expect(notes).toHaveLength(1);
    const [change] = notes[0].data.changes;
    expect(notes[0].body).toContain(answer.readiness.reason);
    const after = await json(await call("/v1/workouts/today", { token }));
    if (change.kind === "session_lightened") {
      expect(after.status).toBe("session");
      expect(totalSets(after.session)).toBeLessThan(totalSets(before.session));
    } else {
      expect(change.kind).toBe("session_moved");
      expect(after.status).toBe("rest");
    }
    // The day's list carries the same readiness.
    const days = await json(await call(`/v1/health/daily?limit=1&from=${answer.date}`, { token }));
    expect(days.items[0].readiness).toEqual({
      score: answer.readiness.score,
      level: "low",
      reason: answer.readiness.reason,
    });

    // The coaches see it: the coaching context and today's workout tool carry it.
    const brief = { score: answer.readiness.score, level: "low", reason: answer.readiness.reason };
    expect((await json(await call("/v1/coach/context", { token }))).readiness).toEqual(brief);
    const agent = (await agentToken(user, "workout")).token;
    const todayTool = await json(
      await call("/internal/agent/tools/get_today_workout", { token: agent, body: {} }),
    );
    expect(todayTool.result.readiness).toEqual(brief);

    // More data the same morning: today's session is not changed a second time.
    await uploadOk(token, {
      source: { platform: "healthkit" },
      samples: [
        {
          id: "late-steps",
          type: "steps",
          start: new Date(now - HOUR).toISOString(),
          end: new Date(now - HOUR / 2).toISOString(),
          value: 800,
        },
      ],
    });
    expect(await adapted(token)).toHaveLength(1);
    expect(await json(await call("/v1/workouts/today", { token }))).toEqual(after);
  }, 30_000);

  it("a normal night leaves today's session as planned", async () => {
    const timezone = daytimeZone();
    const user = await userWithSessionToday(timezone);
    const token = user.accessToken;
    const before = await json(await call("/v1/workouts/today", { token }));
    for (const batch of sampleUploads({
      platform: "health_connect",
      now: Date.now(),
      timezone,
      days: 35,
    }))
      await uploadOk(token, batch);
    const answer = await json(await call("/v1/health/readiness", { token }));
    expect(answer.readiness.level).not.toBe("low");
    expect(await adapted(token)).toHaveLength(0);
    expect(await json(await call("/v1/workouts/today", { token }))).toEqual(before);
  }, 30_000);
});

describe("activity and the calorie target (opt-in)", () => {
  it("moves today's calories by half the extra active energy only when the user opts in", async () => {
    const timezone = daytimeZone();
    const user = await signUp();
    await onboard(user.accessToken, { basics: { timezone } });
    const token = user.accessToken;
    const today = localDate(timezone);
    const energy = (date: string, fromHour: number, hours: number, kcal: number) => ({
      id: `energy-${date}`,
      type: "active_energy",
      start: new Date(zonedToUtc(date, fromHour * 60, timezone)).toISOString(),
      end: new Date(zonedToUtc(date, (fromHour + hours) * 60, timezone)).toISOString(),
      value: kcal,
      unit: "kcal",
    });
    // A usual 500 kcal for four weeks, then 1,100 kcal by this morning.
    const samples = Array.from({ length: 28 }, (_, i) =>
      energy(addDays(today, -28 + i), 8, 10, 500),
    );
    samples.push(energy(today, 1, 2, 1100));
    await uploadOk(token, { source: { platform: "healthkit" }, samples });

    const plain = await json(await call("/v1/nutrition/today", { token }));
    expect(plain.activity).toBeNull();
    const opted = await call("/v1/profile", {
      method: "PATCH",
      token,
      body: { adjust_calories_for_activity: true },
    });
    expect(opted.status).toBe(200);
    const moved = await json(await call("/v1/nutrition/today", { token }));
    expect(moved.activity).toMatchObject({
      base_calories: plain.targets.calories,
      adjustment_kcal: 300,
    });
    expect(moved.activity.reason).toMatch(/600 kcal more than your usual 500 kcal/);
    expect(moved.targets.calories).toBe(plain.targets.calories + 300);
    expect(moved.remaining.calories).toBe(plain.remaining.calories + 300);
  }, 30_000);
});
