import type { Database } from "../../d1/client";
import {
  activateProgram,
  type FullProgramRecord,
  findActiveProgram,
  updateProgramContent,
} from "../../d1/programs";
import type { PlannedTargets } from "../../d1/schema";
import type { Program } from "../../engine/coaching/program-schema";
import type { CompletedSession } from "../../engine/coaching/progress";
import { planForDate, type TodayPlan } from "../../engine/coaching/today";
import type { Weekday } from "../../kernel/dates";
import { fail, ok, type Result } from "../../kernel/result";
import { localDate } from "../../kernel/zoned";
import type { RealtimeEventType } from "../realtime/realtime";
import { CachedDocument } from "../storage/cached-document";
import type { PlannedDay, PlannedDayRef } from "../tracking/rules";

interface Deps {
  sql: SqlStorage;
  db: () => Database;
  userId: () => string;
  timezone: () => Promise<string>;
  emit: (type: RealtimeEventType, data: unknown) => void;
  changed: () => Promise<void>;
  /** The program's completed sessions (the actor's logs, durable-objects/tracking/tracking.ts). */
  completed: (programId: string) => CompletedSession[];
}

/** The active program, cached by the actor (it is on every coaching turn's hot path). */
export class Programs {
  #active: CachedDocument<{ program: FullProgramRecord | null }>;

  constructor(private readonly deps: Deps) {
    this.#active = new CachedDocument(deps.sql, "active_program");
  }

  async active(): Promise<FullProgramRecord | null> {
    const cached = this.#active.get();
    if (cached) return cached.program;
    const program = await findActiveProgram(this.deps.db(), this.deps.userId());
    this.#active.store({ program });
    return program;
  }

  /** Makes a program the active one, starting today in the user's timezone. */
  async activate(programId: string): Promise<FullProgramRecord | null> {
    const startsOn = localDate(await this.deps.timezone());
    const program = await activateProgram(this.deps.db(), this.deps.userId(), programId, startsOn);
    if (!program) return null;
    this.#active.store({ program });
    await this.deps.changed();
    this.deps.emit("program.activated", { program_id: program.id, starts_on: program.starts_on });
    return program;
  }

  /** Refreshes the cached copy after the program itself changed (an adaptation). */
  async updated(program: FullProgramRecord): Promise<void> {
    if (program.is_active) this.#active.store({ program });
    await this.deps.changed();
  }

  /** Stores a changed program (D1) and refreshes the cached copy; false if it is not ours. */
  async save(program: FullProgramRecord): Promise<boolean> {
    const updated = await updateProgramContent(
      this.deps.db(),
      this.deps.userId(),
      program.id,
      program as unknown as Program,
    );
    if (updated) await this.updated(updated);
    return updated !== null;
  }

  /** Today's plan from the cached program alone. */
  async today(now: Date = new Date()): Promise<TodayPlan> {
    const date = localDate(await this.deps.timezone(), now);
    return planForDate(await this.active(), date);
  }

  /** Today's plan, marked completed once a session for that planned day is finished. */
  async todayWithCompletion(): Promise<TodayPlan> {
    const plan = await this.today();
    if (plan.status !== "session" || !plan.program_id) return plan;
    const done = this.deps.completed(plan.program_id);
    return {
      ...plan,
      completed: done.some(
        (s) => s.planned_week === plan.week && s.planned_weekday === plan.weekday,
      ),
    };
  }

  /** Which planned day of the active program a session is for, with its targets. */
  async plannedDay(ref: PlannedDayRef): Promise<Result<PlannedDay>> {
    const program = await this.active();
    if (!program)
      return fail("no_active_program", "There is no active program to plan this session from.");
    const target = ref === "today" ? await this.today() : null;
    const week = target ? target.week : (ref as { week: number }).week;
    const weekday = target ? target.weekday : (ref as { weekday: Weekday }).weekday;
    const day = program.weeks.find((w) => w.week === week)?.days.find((d) => d.weekday === weekday);
    if (!day || week === null)
      return fail("no_session_that_day", "The active program has no session on that day.");
    const targets: Record<string, PlannedTargets> = {};
    for (const e of day.exercises)
      targets[e.exercise_id] = {
        sets: e.sets,
        rep_min: e.rep_min,
        rep_max: e.rep_max,
        target_rir: e.target_rir,
        rest_seconds: e.rest_seconds,
      };
    return ok({ program_id: program.id, week, weekday, targets });
  }
}
