import type { TodayPlan } from "../../engine/coaching/today";
import type { workoutTools } from "../../engine/tools/workout-tools";
import { fail, ok, type Result } from "../../kernel/result";
import { listSets, type SessionRow } from "../tracking/queries";
import { logSet, startSession, updateWorkoutSession } from "../tracking/rules";
import type { ToolContext, ToolRuns } from "./tool-context";

// Today's workout: what is planned, what comes next, how an exercise is done, and logging it.
// Logging goes through the tracking service, with the REST API's rules.

/** The workout session of this call channel (created on first use, idempotently). */
async function channelSession(context: ToolContext, plan: TodayPlan): Promise<Result<SessionRow>> {
  const started = await startSession(context.tracking, {
    clientId: `coach:${context.channel}`,
    plannedDay: plan.status === "session" ? "today" : null,
  });
  return started.ok ? ok(started.value.session) : started;
}

export const workoutRuns: ToolRuns<typeof workoutTools> = {
  async get_today_workout(_args, context) {
    const plan = await context.today();
    if (plan.status === "no_program")
      return fail("no_active_program", "The user has no active program yet.");
    return ok({
      date: plan.date,
      status: plan.status,
      week: plan.week,
      deload: plan.deload,
      completed: plan.completed,
      focus: plan.session?.focus ?? null,
      estimated_minutes: plan.session?.estimated_minutes ?? null,
      exercises:
        plan.session?.exercises.map((e) => ({
          exercise_id: e.exercise_id,
          name: e.name,
          sets: e.sets,
          reps: `${e.rep_min}-${e.rep_max}`,
          target_rir: e.target_rir,
          rest_seconds: e.rest_seconds,
        })) ?? [],
    });
  },
  async get_next_exercise(_args, context) {
    const plan = await context.plan();
    if (plan.status !== "session" || !plan.session)
      return fail("no_session_today", "There is no planned session today.");
    const session = await channelSession(context, plan);
    if (!session.ok) return session;
    const done = new Map<string, number>();
    for (const set of listSets(context.tracking.db, session.value.id))
      done.set(set.exerciseId, (done.get(set.exerciseId) ?? 0) + 1);
    const next = plan.session.exercises.find((e) => (done.get(e.exercise_id) ?? 0) < e.sets);
    if (!next) return ok({ finished: true, message: "Every planned set is logged." });
    return ok({
      finished: false,
      exercise_id: next.exercise_id,
      name: next.name,
      sets_done: done.get(next.exercise_id) ?? 0,
      sets: next.sets,
      reps: `${next.rep_min}-${next.rep_max}`,
      target_rir: next.target_rir,
      rest_seconds: next.rest_seconds,
      notes: next.notes,
    });
  },
  async show_exercise_demo(args, context) {
    const exercise = await context.exercise(args.exercise_id);
    if (!exercise)
      return fail("unknown_exercise", `There is no exercise with id ${args.exercise_id}.`);
    return ok({
      exercise_id: exercise.id,
      name: exercise.name,
      cues: exercise.cues,
      primary_muscles: exercise.primary_muscles,
      secondary_muscles: exercise.secondary_muscles,
      equipment: exercise.equipment,
      image_url: exercise.image_url,
    });
  },
  async log_set_completion(args, context) {
    const plan = await context.plan();
    const session = await channelSession(context, plan);
    if (!session.ok) return session;
    const logged = await logSet(context.tracking, session.value.id, {
      clientId: args.client_id ?? `coach:${crypto.randomUUID()}`,
      exerciseId: args.exercise_id,
      reps: args.reps,
      weightKg: args.weight_kg,
      rir: args.rir ?? null,
      restSeconds: null,
    });
    if (!logged.ok) return logged;
    const { set, created } = logged.value;
    return ok({
      logged: true,
      duplicate: !created,
      set_id: set.id,
      session_id: session.value.id,
      exercise_id: set.exerciseId,
      reps: set.reps,
      weight_kg: set.weightKg,
      target: set.planned
        ? `${set.planned.sets} sets of ${set.planned.rep_min}-${set.planned.rep_max}`
        : null,
    });
  },
  async log_workout_completion(args, context) {
    const session = await channelSession(context, await context.plan());
    if (!session.ok) return session;
    const updated = await updateWorkoutSession(context.tracking, session.value.id, {
      finish: {},
      ...(args.perceived_effort !== undefined ? { perceivedEffort: args.perceived_effort } : {}),
      ...(args.notes !== undefined ? { notes: args.notes } : {}),
    });
    if (!updated.ok) return updated;
    return ok({
      session_id: session.value.id,
      completed: true,
      planned_session: Boolean(updated.value.programId),
    });
  },
};
