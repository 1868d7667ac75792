import { ZodError } from "zod";
import { TOOL_DEFINITIONS, type ToolName, type ToolResult } from "../worker/coach/tools";
import type { Database } from "../worker/db/client";
import { addSet, createSession, exercisesExist } from "../worker/db/tracking";
import type { TodayPlan } from "../worker/programs/today";
import type { JobRecord, JobRequest } from "./program-jobs";

// Runs coach tools inside the user's actor, with the same rules as the REST API (the user's
// own data only, idempotent logging). Failures the model should explain are tool errors.

interface Deps {
  db: () => Database;
  userId: () => string;
  today: () => Promise<TodayPlan>;
  timezone: () => Promise<string>;
  submitJob: (request: JobRequest) => Promise<{ job: JobRecord; created: boolean }>;
  job: (jobId: string) => JobRecord | null;
  latestJob: () => JobRecord | null;
}

const fail = (code: string, message: string): ToolResult => ({
  ok: false,
  error: { code, message },
});

export class ToolRunner {
  constructor(private readonly deps: Deps) {}

  async run(name: ToolName, rawArgs: unknown, session: { roomName: string }): Promise<ToolResult> {
    let args: Record<string, unknown>;
    try {
      args = TOOL_DEFINITIONS[name].input.parse(rawArgs ?? {}) as Record<string, unknown>;
    } catch (error) {
      if (error instanceof ZodError)
        return fail(
          "invalid_arguments",
          error.issues
            .map((issue) => `${issue.path.join(".") || "arguments"}: ${issue.message}`)
            .join("; "),
        );
      throw error;
    }
    switch (name) {
      case "get_today_workout":
        return this.#today();
      case "log_set_completion":
        return this.#logSet(
          args as {
            exercise_id: string;
            reps: number;
            weight_kg: number;
            rir?: number;
            client_id?: string;
          },
          session,
        );
      case "generate_workout_program": {
        const { job, created } = await this.deps.submitJob({ overrides: args, activate: true });
        return {
          ok: true,
          result: {
            job_id: job.job_id,
            status: job.status,
            progress: job.progress,
            already_running: !created,
          },
        };
      }
      case "check_program_status": {
        const job = args.job_id ? this.deps.job(String(args.job_id)) : this.deps.latestJob();
        if (!job) return fail("job_not_found", "There is no program being generated.");
        return {
          ok: true,
          result: {
            job_id: job.job_id,
            status: job.status,
            progress: job.progress,
            stage: job.stage,
            program_id: job.program_id,
            error_message: job.error_message,
          },
        };
      }
    }
  }

  async #today(): Promise<ToolResult> {
    const plan = await this.deps.today();
    if (plan.status === "no_program")
      return fail("no_active_program", "The user has no active program yet.");
    return {
      ok: true,
      result: {
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
      },
    };
  }

  async #logSet(
    args: {
      exercise_id: string;
      reps: number;
      weight_kg: number;
      rir?: number;
      client_id?: string;
    },
    session: { roomName: string },
  ): Promise<ToolResult> {
    const db = this.deps.db();
    const userId = this.deps.userId();
    if (!(await exercisesExist(db, [args.exercise_id])).has(args.exercise_id))
      return fail("unknown_exercise", `There is no exercise with id ${args.exercise_id}.`);
    const plan = await this.deps.today();
    const now = new Date().toISOString();
    // One workout session per call room: the room's id makes it idempotent.
    const { session: workout } = await createSession(db, userId, {
      clientId: `voice:${session.roomName}`,
      programId: plan.status === "session" ? plan.program_id : null,
      plannedWeek: plan.status === "session" ? plan.week : null,
      plannedWeekday: plan.status === "session" ? plan.weekday : null,
      localDate: plan.date,
      startedAt: now,
      notes: null,
    });
    const planned = plan.session?.exercises.find((e) => e.exercise_id === args.exercise_id);
    const { set, created } = await addSet(db, userId, {
      sessionId: workout.id,
      clientId: args.client_id ?? `voice:${crypto.randomUUID()}`,
      exerciseId: args.exercise_id,
      reps: args.reps,
      weightKg: args.weight_kg,
      rir: args.rir ?? null,
      restSeconds: null,
      planned: planned
        ? {
            sets: planned.sets,
            rep_min: planned.rep_min,
            rep_max: planned.rep_max,
            target_rir: planned.target_rir,
            rest_seconds: planned.rest_seconds,
          }
        : null,
    });
    return {
      ok: true,
      result: {
        logged: true,
        duplicate: !created,
        set_id: set.id,
        session_id: workout.id,
        exercise_id: set.exerciseId,
        reps: set.reps,
        weight_kg: set.weightKg,
        target: planned ? `${planned.sets} sets of ${planned.rep_min}-${planned.rep_max}` : null,
      },
    };
  }
}
