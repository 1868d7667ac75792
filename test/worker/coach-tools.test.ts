import { beforeAll, describe, expect, it } from "vitest";
import { call, json, type SignedUp, signUp } from "./helpers";
import { onboard, todayWeekday, weekdaysIncludingToday } from "./onboarding-helpers";
import { generate, runJob } from "./program-helpers";
import { agentToken } from "./voice-helpers";

// Every coach tool through the agent callback API, against a real actor and D1.

const tool = async (token: string, name: string, body: Record<string, unknown> = {}) =>
  json(await call(`/internal/agent/tools/${name}`, { token, body }));

let user: SignedUp;
let agent: string;

/** The one live call's agent token, with the call handed to this coach (one room per user). */
async function coachToken(agentType: string): Promise<string> {
  const handOff = await call("/internal/agent/coach", {
    method: "PUT",
    token: agent,
    body: { agent_type: agentType },
  });
  if (handOff.status !== 200) throw new Error(`hand-off to ${agentType}: ${handOff.status}`);
  return agent;
}

beforeAll(async () => {
  user = await signUp({ name: "Tess", verified: true });
  await onboard(user.accessToken, {
    schedule: { preferred_weekdays: weekdaysIncludingToday() },
  });
  const { job_id } = await json(await generate(user.accessToken, { duration_weeks: 4 }));
  await runJob(user.userId, user.accessToken, job_id);
  agent = (await agentToken(user, "general")).token;
});

describe("coach tools", () => {
  it("get_profile_summary gives goals, level and targets", async () => {
    const { result } = await tool(await coachToken("general"), "get_profile_summary");
    expect(result).toMatchObject({
      primary_goal: "muscle_gain",
      fitness_level: "intermediate",
      injuries: ["knee"],
    });
    expect(result.nutrition_targets.calories).toBe(3035);
  });

  it("show_exercise_demo gives cues and muscles; an unknown exercise is a tool error", async () => {
    const { result } = await tool(await coachToken("workout"), "show_exercise_demo", {
      exercise_id: "barbell-back-squat",
    });
    expect(result.cues.length).toBeGreaterThan(0);
    expect(result.primary_muscles).toContain("quads");
    expect(
      await tool(await coachToken("workout"), "show_exercise_demo", { exercise_id: "nope" }),
    ).toMatchObject({
      ok: false,
      error: { code: "unknown_exercise" },
    });
  });

  it("get_next_exercise follows logged sets, and log_workout_completion finishes the workout", async () => {
    const today = await tool(await coachToken("workout"), "get_today_workout");
    expect(today.result.status).toBe("session");
    const first = today.result.exercises[0];
    const next = await tool(await coachToken("workout"), "get_next_exercise");
    expect(next.result).toMatchObject({ exercise_id: first.exercise_id, sets_done: 0 });
    for (let i = 0; i < first.sets; i++)
      await tool(await coachToken("workout"), "log_set_completion", {
        exercise_id: first.exercise_id,
        reps: 8,
        weight_kg: 50,
        client_id: `n${i}`,
      });
    const after = await tool(await coachToken("workout"), "get_next_exercise");
    expect(after.result.exercise_id).not.toBe(first.exercise_id);
    const done = await tool(await coachToken("workout"), "log_workout_completion", {
      perceived_effort: 7,
    });
    expect(done.result).toMatchObject({ completed: true, planned_session: true });
    const plan = await json(await call("/v1/workouts/today", { token: user.accessToken }));
    expect(plan.completed).toBe(true);
  });

  it("get_nutrition_targets, get_meal_plan, get_current_meal and log_meal work together", async () => {
    const diet = await coachToken("diet");
    const before = await tool(diet, "get_nutrition_targets");
    expect(before.result.targets.calories).toBe(3035);
    const plan = await tool(diet, "get_meal_plan");
    expect(plan.result.meals).toHaveLength(4);
    expect(JSON.stringify(plan.result)).not.toMatch(/peanut/i); // allergy respected
    const current = await tool(diet, "get_current_meal");
    expect(current.result.items.length).toBeGreaterThan(0);
    const logged = await tool(diet, "log_meal", {
      meal: "lunch",
      calories: 600,
      protein_g: 40,
      client_id: "m1",
    });
    const again = await tool(diet, "log_meal", {
      meal: "lunch",
      calories: 600,
      protein_g: 40,
      client_id: "m1",
    });
    expect(again.result).toMatchObject({ duplicate: true, meal_log_id: logged.result.meal_log_id });
    const after = await tool(diet, "get_nutrition_targets");
    expect(after.result.remaining.calories).toBe(before.result.remaining.calories - 600);
  });

  it("update_energy_level changes the profile, get_progress reads adherence", async () => {
    expect(
      (await tool(await coachToken("tracker"), "update_energy_level", { energy_level: 2 })).result,
    ).toMatchObject({ saved: true });
    const profile = await json(await call("/v1/profile", { token: user.accessToken }));
    expect(profile.energy_level).toBe(2);
    const progress = await tool(await coachToken("tracker"), "get_progress");
    expect(progress.result.last_7_days).toHaveProperty("planned");
    expect(progress.result.streak).toHaveProperty("longest");
  });

  it("reschedule_workout moves a session to a free later day, never onto a taken or past one", async () => {
    const scheduler = await coachToken("scheduler");
    const current = await json(await call("/v1/programs/current", { token: user.accessToken }));
    const order = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
    const today = order.indexOf(todayWeekday());
    const week = current.weeks.find((w: { week: number }) => w.week === 1);
    const taken = week.days.map((d: { weekday: string }) => d.weekday);
    const from = order[today] as string; // the user trains today (see beforeAll)
    expect(taken).toContain(from);
    const busy = taken.find((d: string) => d !== from);
    expect(
      await tool(scheduler, "reschedule_workout", { from_weekday: from, to_weekday: busy }),
    ).toMatchObject({ ok: false, error: { code: "day_taken" } });
    const earlier = order.find((d, i) => i < today && !taken.includes(d));
    if (earlier)
      expect(
        await tool(scheduler, "reschedule_workout", { from_weekday: from, to_weekday: earlier }),
      ).toMatchObject({ ok: false, error: { code: "day_passed" } });
    const later = order.find((d, i) => i > today && !taken.includes(d));
    // Every weekday has an earlier or a later free day (the user trains every other day).
    expect(earlier ?? later).toBeDefined();
    if (!later) return; // Sunday: nothing later in the week, the refusal above is the case
    expect(
      (await tool(scheduler, "reschedule_workout", { from_weekday: from, to_weekday: later }))
        .result,
    ).toMatchObject({ moved: true });
    const after = await json(await call("/v1/programs/current", { token: user.accessToken }));
    const days = after.weeks
      .find((w: { week: number }) => w.week === 1)
      .days.map((d: { weekday: string }) => d.weekday);
    expect(days).toContain(later);
    expect(days).not.toContain(from);
  });

  it("update_reminders turns reminders on and off and re-plans", async () => {
    const { result } = await tool(await coachToken("scheduler"), "update_reminders", {
      hydration: true,
      meals: false,
    });
    expect(result).toMatchObject({ hydration: true, meals: false });
    const reminders = await json(await call("/v1/reminders", { token: user.accessToken }));
    const keys = reminders.schedules.map((s: { key: string }) => s.key);
    expect(keys.some((k: string) => k.startsWith("reminder:hydration"))).toBe(true);
    expect(keys.some((k: string) => k.startsWith("reminder:meal"))).toBe(false);
  });
});
