import { describe, expect, it } from "vitest";
import { call, json, signUp } from "./helpers";
import {
  FINER_STEP,
  implementOf,
  KG_STEP,
  LB_STEP,
  loaded,
  logPast,
  type Planned,
  today,
  trainee,
} from "./lifter-helpers";

// Last time and today's target on GET /v1/workouts/today and on an open session's targets,
// rounded to the user's plates (issue 29; rules in docs/coaching.md, "The lifter's loop").

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
