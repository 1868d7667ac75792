import type { Schemas } from "@fitness-coach/client";
import { expect } from "vitest";
import { call, json, type SignedUp, signUp } from "./helpers";
import { onboard, weekdaysIncludingToday } from "./onboarding-helpers";
import { generate, runJob } from "./program-helpers";

// The lifter's loop through the API (issue 29): a trainee with a program, history logged as
// earlier sessions (started_at in the past) as the app does after a workout, and what the
// engine loads on each implement with the default and finer increments.

/** A planned exercise as the tests read it (the contract check has validated its shape). */
// biome-ignore lint/suspicious/noExplicitAny: the answers' nested fields are read loosely
export type Planned = Schemas["PlannedExerciseWithTargets"] & { last: any; suggested: any };
// biome-ignore lint/suspicious/noExplicitAny: as above
export type TodayWorkout = any;

/** What carries the load, first match as the engine reads an exercise's equipment. */
const IMPLEMENTS = ["barbell", "ez_bar", "dumbbell", "kettlebell", "machine", "cable"] as const;
/** A loadable start and the next loadable weight up with the default kg increments. */
export const KG_STEP: Record<string, [number, number]> = {
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
export const LB_STEP: Record<string, [number, number]> = {
  barbell: [135, 140],
  ez_bar: [65, 70],
  dumbbell: [50, 55],
  kettlebell: [35, 40],
  machine: [100, 110],
  cable: [100, 110],
};
/** The next weight up from KG_STEP's start with finer increments. */
export const FINER_STEP: Record<string, number> = {
  barbell: 81,
  ez_bar: 31,
  dumbbell: 31,
  kettlebell: 26,
  machine: 52.5,
  cable: 52.5,
};
export const implementOf = (e: Planned) =>
  SUPPORTS.has(e.exercise_id) ? undefined : IMPLEMENTS.find((i) => e.equipment.includes(i));

export async function trainee(
  overrides: Record<string, Record<string, unknown>> = {},
  verified = false,
) {
  const user = await signUp({ verified });
  await onboard(user.accessToken, {
    ...overrides,
    schedule: { preferred_weekdays: weekdaysIncludingToday(), ...overrides.schedule },
  });
  const { job_id } = await json(await generate(user.accessToken, { duration_weeks: 8 }));
  await runJob(user.userId, user.accessToken, job_id);
  return user;
}

export const today = async (user: SignedUp) => {
  const response = await call("/v1/workouts/today", { token: user.accessToken });
  expect(response.status).toBe(200);
  return json(response);
};

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();

/** An earlier, unplanned session with these sets of one exercise. */
export async function logPast(
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
export async function withAlternatives(user: SignedUp, plan: TodayWorkout) {
  // biome-ignore lint/suspicious/noExplicitAny: alternatives read loosely, as the plan
  const out: Array<{
    index: number;
    exercise: Planned;
    items: any[];
  }> = [];
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

export const loaded = (plan: TodayWorkout): Planned[] =>
  plan.session.exercises.filter((e: Planned) => implementOf(e) !== undefined);
