import { z } from "zod";
import { listSets, type SessionRow } from "../../durable-objects/tracking/queries";
import { logSet, startSession, updateWorkoutSession } from "../../durable-objects/tracking/rules";
import { fail, ok, type Result } from "../../kernel/result";
import type { TodayPlan } from "../coaching/today";
import { CALL_ID_DESCRIPTION, defineTool, type ToolContext } from "./define-tool";

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

export const workoutTools = [
  defineTool({
    name: "get_today_workout",
    description: "Today's planned workout from the active program (or that it is a rest day).",
    input: z.object({}).strict(),
    async run(_args, context) {
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
  }),
  defineTool({
    name: "get_next_exercise",
    description: "The next exercise of today's workout with sets left, from what is logged so far.",
    input: z.object({}).strict(),
    async run(_args, context) {
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
  }),
  defineTool({
    name: "show_exercise_demo",
    description: "How to do an exercise: cues, muscles, equipment and an image link.",
    input: z.object({ exercise_id: z.string().min(1).max(200) }).strict(),
    async run(args, context) {
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
  }),
  defineTool({
    name: "log_set_completion",
    description: "Log one completed set of an exercise in today's workout.",
    input: z
      .object({
        exercise_id: z.string().min(1).max(200),
        reps: z.number().int().min(0).max(200),
        weight_kg: z.number().min(0).max(1000).default(0),
        rir: z.number().int().min(0).max(10).optional(),
        client_id: z.string().min(1).max(200).optional().describe(CALL_ID_DESCRIPTION),
      })
      .strict(),
    async run(args, context) {
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
  }),
  defineTool({
    name: "log_workout_completion",
    description: "Mark today's workout finished, with how hard it felt (1-10) and notes.",
    input: z
      .object({
        perceived_effort: z.number().int().min(1).max(10).optional(),
        notes: z.string().max(1000).optional(),
      })
      .strict(),
    async run(args, context) {
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
  }),
];
