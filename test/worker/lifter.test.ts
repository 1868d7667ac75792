import { describe, expect, it } from "vitest";
import { call, json, type SignedUp, signUp } from "./helpers";
import { onboard, weekdaysIncludingToday } from "./onboarding-helpers";
import { generate, runJob } from "./program-helpers";
import { agentToken } from "./voice-helpers";

// The lifter's loop through the API (issue 29): last time and today's target on
// GET /v1/workouts/today and on a session's targets, rounded to the user's plates; the
// replacements for a slot and swaps for today or the program. History is logged as earlier
// sessions (started_at in the past), as the app does after a workout.

interface Planned {
  exercise_id: string;
  equipment: string[];
  sets: number;
  rep_min: number;
  rep_max: number;
  target_rir: number;
  progression: string;
  last: any;
  suggested: any;
  warmup: any[];
}

/** What carries the load, first match as the engine reads an exercise's equipment. */
const IMPLEMENTS = ["barbell", "ez_bar", "dumbbell", "kettlebell", "machine", "cable"] as const;
/** A loadable start and the next loadable weight up with the default kg increments. */
const KG_STEP: Record<string, [number, number]> = {
  barbell: [80, 82.5],
  ez_bar: [30, 32.5],
  dumbbell: [30, 32],
  kettlebell: [24, 28],
  machine: [50, 55],
  cable: [50, 55],
};
/** Equipment that supports the body rather than loading it (the engine's UNLOADED_ON_EQUIPMENT). */
const SUPPORTS = new Set([
  "inverted-row",
  "back-extension",
  "rowing-machine-sprint",
  "machine-assisted-dip",
]);
/** A loadable start and the next loadable weight up with the default lb increments. */
const LB_STEP: Record<string, [number, number]> = {
  barbell: [135, 140],
  ez_bar: [65, 70],
  dumbbell: [50, 55],
  kettlebell: [35, 40],
  machine: [100, 110],
  cable: [100, 110],
};
/** The next weight up from KG_STEP's start with finer increments. */
const FINER_STEP: Record<string, number> = {
  barbell: 81,
  ez_bar: 31,
  dumbbell: 31,
  kettlebell: 26,
  machine: 52.5,
  cable: 52.5,
};
const implementOf = (e: Planned) =>
  SUPPORTS.has(e.exercise_id) ? undefined : IMPLEMENTS.find((i) => e.equipment.includes(i));

async function trainee(overrides: Record<string, Record<string, unknown>> = {}, verified = false) {
  const user = await signUp({ verified });
  await onboard(user.accessToken, {
    ...overrides,
    schedule: { preferred_weekdays: weekdaysIncludingToday(), ...overrides.schedule },
  });
  const { job_id } = await json(await generate(user.accessToken, { duration_weeks: 8 }));
  await runJob(user.userId, user.accessToken, job_id);
  return user;
}

const today = async (user: SignedUp) => {
  const response = await call("/v1/workouts/today", { token: user.accessToken });
  expect(response.status).toBe(200);
  return json(response);
};

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();

/** An earlier, unplanned session with these sets of one exercise. */
async function logPast(
  user: SignedUp,
  days: number,
  exerciseId: string,
  sets: Array<{ reps: number; weight?: number; weight_lb?: number; rir: number }>,
) {
  const session = await json(
    await call("/v1/workouts/sessions", {
      token: user.accessToken,
      body: { started_at: daysAgo(days) },
    }),
  );
  for (const [i, set] of sets.entries()) {
    const response = await call(`/v1/workouts/sessions/${session.id}/sets`, {
      token: user.accessToken,
      body: {
        client_id: `${exerciseId}-${days}-${i}`,
        exercise_id: exerciseId,
        reps: set.reps,
        rir: set.rir,
        ...(set.weight_lb !== undefined ? { weight_lb: set.weight_lb } : { weight_kg: set.weight }),
      },
    });
    expect(response.status).toBe(201);
  }
  return session;
}

/** Today's exercises with their replacements, in session order (some slots have none). */
async function withAlternatives(user: SignedUp, plan: any) {
  const out: Array<{ index: number; exercise: Planned; items: any[] }> = [];
  for (const [index, exercise] of (plan.session.exercises as Planned[]).entries()) {
    const listed = await call(
      `/v1/programs/current/alternatives?exercise_id=${exercise.exercise_id}&date=${plan.date}`,
      { token: user.accessToken },
    );
    expect(listed.status).toBe(200);
    const { items } = await json(listed);
    if (items.length > 0) out.push({ index, exercise, items });
  }
  return out;
}

const loaded = (plan: any): Planned[] =>
  plan.session.exercises.filter((e: Planned) => implementOf(e) !== undefined);

describe("last time and today's target", () => {
  it("adds the smallest step after the top of the range, holds and aims one rep more after a miss", async () => {
    const user = await trainee();
    const before = await today(user);
    expect(before.status).toBe("session");
    // No history: a target to find (or a bodyweight one), never an invented load.
    for (const e of before.session.exercises as Planned[]) {
      expect(e.last).toBeNull();
      expect(e.suggested.sets).toBe(e.sets);
    }
    const [first, second] = loaded(before);
    if (!first || !second) throw new Error("today's session has fewer than two loaded exercises");

    // Two sessions with every set at the top of the range: the next loadable weight up.
    const [load, next] = KG_STEP[implementOf(first) as string] as [number, number];
    const top = Array.from({ length: first.sets }, () => ({
      reps: first.rep_max,
      weight: load,
      rir: first.target_rir,
    }));
    await logPast(user, 5, first.exercise_id, top);
    await logPast(user, 2, first.exercise_id, top);
    // A missed rep: one set short of the rest, the best at the bottom of the range.
    const [secondLoad] = KG_STEP[implementOf(second) as string] as [number, number];
    const missed = Array.from({ length: second.sets }, (_, i) => ({
      reps: i === second.sets - 1 ? second.rep_min - 1 : second.rep_min,
      weight: secondLoad,
      rir: second.target_rir,
    }));
    await logPast(user, 2, second.exercise_id, missed);

    const after = await today(user);
    const byId = new Map<string, Planned>(
      after.session.exercises.map((e: Planned) => [e.exercise_id, e]),
    );
    const progressed = byId.get(first.exercise_id) as Planned;
    expect(progressed.last.sets).toHaveLength(first.sets);
    expect(progressed.last.sets[0]).toEqual({
      weight_kg: load,
      reps: first.rep_max,
      rir: first.target_rir,
    });
    expect(progressed.suggested).toMatchObject({
      weight_kg: next,
      reps_target: first.rep_min,
      sets: first.sets,
      rir: first.target_rir,
      rule: "double_progression_add_load",
    });
    expect(progressed.suggested.reason).toContain("add the smallest step");

    const held = byId.get(second.exercise_id) as Planned;
    expect(held.suggested).toMatchObject({
      weight_kg: secondLoad,
      reps_target: second.rep_min + 1,
      rule: "double_progression_add_rep",
    });
    expect(held.suggested.reason).toContain("one more rep");

    // Warm-ups only before the first main lift, each lighter than the working load.
    const warmed = (after.session.exercises as Planned[]).filter((e) => e.warmup.length > 0);
    expect(warmed.length).toBeLessThanOrEqual(1);
    for (const e of warmed)
      for (const set of e.warmup) expect(set.weight_kg).toBeLessThan(e.suggested.weight_kg);
    expect(after.load_increments).toMatchObject({ unit: "kg", smallest_plate: 1.25 });

    // Finer steps in the profile (0.5 kg plates, 1 kg dumbbell steps...): the step follows.
    const finer = {
      ...after.load_increments,
      smallest_plate: 0.5,
      dumbbell_step: 1,
      kettlebell_step: 2,
      stack_step: 2.5,
    };
    const patched = await call("/v1/profile", {
      method: "PATCH",
      token: user.accessToken,
      body: { load_increments: finer },
    });
    expect(patched.status).toBe(200);
    expect((await json(patched)).load_increments).toEqual(finer);
    const fine = (await today(user)).session.exercises.find(
      (e: Planned) => e.exercise_id === first.exercise_id,
    );
    expect(fine.suggested.weight_kg).toBe(FINER_STEP[implementOf(first) as string]);
    const refused = await call("/v1/profile", {
      method: "PATCH",
      token: user.accessToken,
      body: { load_increments: { ...finer, unit: "stone" } },
    });
    expect(refused.status).toBe(422);
    expect(JSON.stringify(await json(refused))).toContain("load_increments");
  });

  it("gives an open session's targets from the sessions before it, and only to its owner", async () => {
    const user = await trainee();
    const plan = await today(user);
    const [first] = loaded(plan);
    if (!first) throw new Error("no loaded exercise today");
    await logPast(user, 3, first.exercise_id, [{ reps: first.rep_min, weight: 40, rir: 2 }]);
    const session = await json(
      await call("/v1/workouts/sessions", {
        token: user.accessToken,
        body: { planned_day: "today", client_id: "targets-open" },
      }),
    );
    const response = await call(`/v1/workouts/sessions/${session.id}/targets`, {
      token: user.accessToken,
    });
    expect(response.status).toBe(200);
    const body = await json(response);
    expect(body.items.map((t: any) => t.exercise_id)).toEqual(
      plan.session.exercises.map((e: Planned) => e.exercise_id),
    );
    const target = body.items.find((t: any) => t.exercise_id === first.exercise_id);
    expect(target.last.sets).toEqual([{ weight_kg: 40, reps: first.rep_min, rir: 2 }]);

    const stranger = await signUp();
    const foreign = await call(`/v1/workouts/sessions/${session.id}/targets`, {
      token: stranger.accessToken,
    });
    expect(foreign.status).toBe(404);
    expect((await call(`/v1/workouts/sessions/${session.id}/targets`)).status).toBe(401);
  });

  it("shows an imperial lifter loads on their pound plates", async () => {
    const user = await trainee({
      basics: { unit_preference: "imperial" },
    });
    const plan = await today(user);
    expect(plan.load_increments).toMatchObject({ unit: "lb", bar_weight: 45, smallest_plate: 2.5 });
    const lift = loaded(plan)[0];
    if (!lift) throw new Error("no loaded exercise today");
    const pounds = LB_STEP[implementOf(lift) as string] as [number, number];
    const top = Array.from({ length: lift.sets }, () => ({
      reps: lift.rep_max,
      weight_lb: pounds[0] as number,
      rir: lift.target_rir,
    }));
    await logPast(user, 2, lift.exercise_id, top);
    const after = (await today(user)).session.exercises.find(
      (e: Planned) => e.exercise_id === lift.exercise_id,
    );
    expect(after.last.sets[0].weight_lb).toBe(pounds[0]);
    expect(after.suggested.weight_lb).toBe(pounds[1]);
    expect(after.suggested.reason).toContain(`${pounds[1]} lb`);
    for (const set of after.warmup) expect(Number.isInteger(set.weight_lb / 5)).toBe(true);
  });
});

describe("swaps", () => {
  it("lists replacements and swaps for today only, then for the rest of the program", async () => {
    const user = await trainee();
    const plan = await today(user);
    const slots = await withAlternatives(user, plan);
    const sessionIds = plan.session.exercises.map((e: Planned) => e.exercise_id);
    for (const slot of slots)
      for (const item of slot.items) {
        expect(sessionIds).not.toContain(item.exercise_id);
        expect(item.suggested.sets).toBe(slot.exercise.sets);
      }
    // A slot to swap for today, and another with a replacement not yet in the program.
    const slot = slots[0];
    const other = slots
      .slice(1)
      .find((s) => s.items.some((item) => item.scopes.includes("program")));
    if (!slot || !other) throw new Error("today's exercises have too few replacements");
    const { index, exercise: first } = slot;
    const replacement = slot.items[0].exercise_id;

    const live = await call("/v1/realtime", {
      token: user.accessToken,
      headers: { upgrade: "websocket" },
    });
    expect(live.status).toBe(101);
    const socket = live.webSocket as WebSocket;
    socket.accept();
    const events: any[] = [];
    socket.addEventListener("message", (event) => {
      if (typeof event.data === "string" && event.data.startsWith("{"))
        events.push(JSON.parse(event.data));
    });
    const body = {
      exercise_id: first.exercise_id,
      replacement_id: replacement,
      date: plan.date,
      scope: "today",
    };
    const swapped = await call("/v1/programs/current/swaps", { token: user.accessToken, body });
    expect(swapped.status).toBe(200);
    const result = await json(swapped);
    expect(result.applied).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(events.filter((e) => e.type === "program.updated").map((e) => e.data)).toEqual([
      expect.objectContaining({ change: "swap", replacement_id: replacement, scope: "today" }),
    ]);
    socket.close();
    expect(result.day.session.exercises[index]).toMatchObject({
      exercise_id: replacement,
      sets: first.sets,
      rep_min: first.rep_min,
    });
    expect((await today(user)).session.exercises[index].exercise_id).toBe(replacement);
    // Today only: next week's same day keeps the original.
    const program = await json(await call("/v1/programs/current", { token: user.accessToken }));
    const nextWeek = program.weeks.find((w: any) => w.week === plan.week + 1);
    const sameDay = nextWeek.days.find((d: any) => d.weekday === plan.weekday);
    expect(sameDay.exercises[index].exercise_id).toBe(first.exercise_id);

    // A retry finds it made.
    const again = await json(
      await call("/v1/programs/current/swaps", { token: user.accessToken, body }),
    );
    expect(again.applied).toBe(false);

    // The rest of the program: every week from this one on.
    const second = other.exercise;
    const programWide = other.items.find((i: any) => i.scopes.includes("program"));
    expect(programWide).toBeDefined();
    const whole = await call("/v1/programs/current/swaps", {
      token: user.accessToken,
      body: {
        exercise_id: second.exercise_id,
        replacement_id: programWide.exercise_id,
        date: plan.date,
        scope: "program",
      },
    });
    expect(whole.status).toBe(200);
    const changed = await json(await call("/v1/programs/current", { token: user.accessToken }));
    const ids = (w: any) => w.days.flatMap((d: any) => d.exercises.map((e: any) => e.exercise_id));
    for (const week of changed.weeks.filter((w: any) => w.week >= plan.week)) {
      expect(ids(week)).not.toContain(second.exercise_id);
      expect(ids(week)).toContain(programWide.exercise_id);
    }
  });

  it("refuses a replacement for another movement, and an exercise not planned that day", async () => {
    const user = await trainee();
    const plan = await today(user);
    const [first, second] = plan.session.exercises as Planned[];
    if (!first || !second) throw new Error("today's session has fewer than two exercises");
    const refuse = async (body: Record<string, unknown>) => {
      const response = await call("/v1/programs/current/swaps", {
        token: user.accessToken,
        body: { date: plan.date, scope: "today", ...body },
      });
      expect(response.status).toBe(409);
      return (await json(response)).error;
    };
    const otherMovement = await refuse({
      exercise_id: first.exercise_id,
      replacement_id: "plank",
    });
    expect(otherMovement.code).toBe("swap_not_allowed");
    const notPlanned = await refuse({ exercise_id: "plank", replacement_id: "side-plank" });
    expect(notPlanned.code).toBe("exercise_not_planned");
    const bad = await call("/v1/programs/current/swaps", {
      token: user.accessToken,
      body: { exercise_id: first.exercise_id, replacement_id: "x", date: plan.date, scope: "week" },
    });
    expect(bad.status).toBe(422);
    expect(JSON.stringify(await json(bad))).toContain("scope");
  });
});

describe("the workout coach", () => {
  it("says last time and today's target, and swaps an exercise when the rack is taken", async () => {
    const user = await trainee({}, true);
    const plan = await today(user);
    const first = (await withAlternatives(user, plan)).find(
      (slot) => implementOf(slot.exercise) !== undefined,
    )?.exercise;
    if (!first) throw new Error("no loaded exercise of today has a replacement");
    const [load] = KG_STEP[implementOf(first) as string] as [number, number];
    await logPast(
      user,
      2,
      first.exercise_id,
      Array.from({ length: first.sets }, () => ({ reps: first.rep_min, weight: load, rir: 2 })),
    );
    const { token } = await agentToken(user, "workout");
    const tool = async (name: string, body: Record<string, unknown> = {}) =>
      json(await call(`/internal/agent/tools/${name}`, { token, body }));

    const workout = (await tool("get_today_workout")).result;
    const spoken = workout.exercises.find((e: any) => e.exercise_id === first.exercise_id);
    expect(spoken.target).toMatchObject({ weight_kg: load, sets: first.sets });
    expect(spoken.say).toBe(
      `Last time ${load} kg for ${Array(first.sets)
        .fill(first.rep_min)
        .join(", ")
        .replace(/, (\d+)$/, " and $1")}; ` +
        `today ${load} kg, ${first.sets} sets of ${first.rep_min + 1}.`,
    );

    // "The bench is taken": the best replacement, for today, with its own target.
    const swapped = await tool("swap_exercise", { exercise_id: first.exercise_id });
    expect(swapped.result).toMatchObject({ applied: true, scope: "today" });
    expect(swapped.result.replacement_id).not.toBe(first.exercise_id);
    expect(swapped.result.target.sets).toBe(first.sets);
    const after = await today(user);
    const ids = after.session.exercises.map((e: Planned) => e.exercise_id);
    expect(ids).toContain(swapped.result.replacement_id);
    expect(ids).not.toContain(first.exercise_id);
  });
});

describe("when minutes limit volume", () => {
  it("names the muscles a short session keeps under the minimum, and the minutes that would reach it", async () => {
    const user = await signUp();
    await onboard(user.accessToken);
    const build = async (session_minutes: number) => {
      const { job_id } = await json(
        await generate(user.accessToken, {
          goal: "muscle_gain",
          fitness_level: "advanced",
          days_per_week: 4,
          session_minutes,
          injuries: [],
          seed: 11,
          activate: false,
        }),
      );
      const job = await runJob(user.userId, user.accessToken, job_id);
      return json(await call(`/v1/programs/${job.program_id}`, { token: user.accessToken }));
    };
    const short = await build(60);
    expect(short.notes).toHaveLength(1);
    const [note] = short.notes;
    expect(note).toMatchObject({ kind: "volume_limited_by_minutes", session_minutes: 60 });
    expect(note.minutes_needed).toBeGreaterThan(60);
    expect(note.muscles.length).toBeGreaterThan(0);
    for (const muscle of note.muscles) expect(muscle.weekly_sets).toBeLessThan(muscle.minimum);
    expect(note.text).toContain(`${note.minutes_needed}-minute sessions would reach it`);

    const enough = await build(note.minutes_needed);
    expect(enough.notes).toEqual([]);
  });
});
