import { describe, expect, it } from "vitest";
import { call, json, signUp } from "./helpers";
import {
  implementOf,
  KG_STEP,
  logPast,
  type Planned,
  today,
  trainee,
  withAlternatives,
} from "./lifter-helpers";
import { onboard } from "./onboarding-helpers";
import { generate, runJob } from "./program-helpers";
import { agentToken } from "./voice-helpers";

// Replacements for a slot and swaps for today or the program, the workout coach saying last
// time and swapping, and the note when session minutes limit volume (issue 29).

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
