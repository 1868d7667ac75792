import type { StoredProfile } from "../../d1/profiles";
import type { FullProgramRecord } from "../../d1/programs";
import { CATALOG, indexCatalogById } from "../../engine/coaching/catalog";
import type { ProgramExercise, ProgramInput } from "../../engine/coaching/program-schema";
import { planForDate, type TodayPlan } from "../../engine/coaching/today";
import { rankAlternatives } from "../../engine/lifter/alternatives";
import { incrementsFor, type LoadIncrements } from "../../engine/lifter/load-increments";
import { pickRelatedLift, RELATED_E1RM_MAX_AGE_DAYS } from "../../engine/lifter/starting-load";
import { type Performance, suggestLoad } from "../../engine/lifter/suggest-load";
import { applySwap, eligibilityFor, type SwapScope } from "../../engine/lifter/swaps";
import {
  type ExerciseTargets,
  HISTORY_SESSIONS,
  sessionTargets,
} from "../../engine/lifter/today-targets";
import { addDays } from "../../kernel/dates";
import { type JsonText, jsonText } from "../../kernel/json-text";
import { fail, ok, type Result } from "../../kernel/result";
import type { UnitPreference } from "../../kernel/units";
import type { LocalNow } from "../onboarding/profile";
import type { RealtimeEventType } from "../realtime/realtime";
import { findSession, type TrackingDb } from "../tracking/queries";
import { loggedExerciseIds, pastSessions, recentE1rms } from "./history";
import { type DayJson, dayJson } from "./json";

// The lifter's loop in the actor: last time, today's target and the warm-up for each planned
// exercise, the replacements for a slot, and swaps (engine/lifter/ decides; this reads the
// logs, the profile and the program it decides on, and stores a swapped program).

const BY_ID = indexCatalogById(CATALOG);

interface Deps {
  tracking: () => TrackingDb;
  /** Changes with every write to the logs and every change of the program or the profile. */
  generation: () => number;
  profile: () => Promise<StoredProfile | null>;
  localNow: () => Promise<LocalNow>;
  activeProgram: () => Promise<FullProgramRecord | null>;
  /** Today's plan with whether its session is done. */
  today: () => Promise<TodayPlan>;
  /** Stores a changed program (D1) and refreshes the actor's cached copy. */
  saveProgram: (program: FullProgramRecord) => Promise<boolean>;
  emit: (type: RealtimeEventType, data: unknown) => void;
}

/** What the user loads with and sees loads in. */
export interface LoadSettings {
  units: UnitPreference;
  increments: LoadIncrements;
}

/** A planned day of the active program with each exercise's targets. */
export interface DayTargets {
  plan: TodayPlan;
  targets: ExerciseTargets[];
}

export type SwapRequest = {
  exerciseId: string;
  replacementId: string;
  date: string;
  scope: "today" | "program";
};

/** Whether a session in the history was planned in a deload week of the active program. */
function deloadOf(program: FullProgramRecord | null) {
  return (session: { program_id: string | null; planned_week: number | null }) =>
    program !== null &&
    session.program_id === program.id &&
    program.weeks.find((week) => week.week === session.planned_week)?.deload === true;
}

export class Lifter {
  /**
   * Today's answer, kept while the local date, the timezone and the data it is made of stay
   * the same: it changes only when the logs, the program or the profile do, and is read far
   * more often (every open of the app's Today, every coach turn that asks).
   */
  #today: { key: string; day: DayTargets & LoadSettings; json?: JsonText<DayJson> } | null = null;

  constructor(private readonly deps: Deps) {}

  async settings(): Promise<LoadSettings> {
    const [now, profile] = await Promise.all([this.deps.localNow(), this.deps.profile()]);
    return {
      units: now.units,
      increments: incrementsFor(profile?.data.load_increments, now.units),
    };
  }

  /** Each exercise's sessions before `before`, most recent first, deloads marked. */
  #history(ids: readonly string[], before: string, program: FullProgramRecord | null) {
    const isDeload = deloadOf(program);
    const history = new Map<string, Performance[]>();
    for (const id of new Set(ids))
      history.set(
        id,
        pastSessions(this.deps.tracking(), id, before, HISTORY_SESSIONS).map((session) => ({
          date: session.date,
          sets: session.sets,
          deload: isDeload(session),
        })),
      );
    return history;
  }

  /** Recent e1RMs to start from, read only when some exercise has no usable history. */
  #e1rms(before: string, history: ReadonlyMap<string, readonly Performance[]>) {
    const needed = [...history.values()].some((sessions) => sessions.every((s) => s.deload));
    if (!needed) return [];
    return recentE1rms(this.deps.tracking(), addDays(before, -RELATED_E1RM_MAX_AGE_DAYS), before);
  }

  /** Targets for the exercises of a planned day, from the logs before `date`. */
  #targets(
    exercises: readonly ProgramExercise[],
    plan: { date: string; deload: boolean },
    program: FullProgramRecord | null,
    increments: LoadIncrements,
  ): ExerciseTargets[] {
    const history = this.#history(
      exercises.map((e) => e.exercise_id),
      plan.date,
      program,
    );
    return sessionTargets({
      exercises,
      deload_week: plan.deload,
      history,
      e1rms: this.#e1rms(plan.date, history),
      byId: BY_ID,
      increments,
      today: plan.date,
    });
  }

  /** GET /v1/workouts/today: today's plan and, on a session day, each exercise's targets. */
  async today(): Promise<DayTargets & LoadSettings> {
    const generation = this.deps.generation();
    const now = await this.deps.localNow();
    const key = `${now.date}|${now.timezone}|${generation}`;
    if (this.#today?.key === key) return this.#today.day;
    const day = await this.#computeToday();
    // A write while it was computed: answer it, but do not keep it.
    if (this.deps.generation() === generation) this.#today = { key, day };
    return day;
  }

  /** GET /v1/workouts/today as JSON text, kept with the answer: a repeated read sends it as is. */
  async todayJson(): Promise<JsonText<DayJson>> {
    const day = await this.today();
    const kept = this.#today;
    if (kept?.day !== day) return jsonText(dayJson(day));
    kept.json ??= jsonText(dayJson(day));
    return kept.json;
  }

  async #computeToday(): Promise<DayTargets & LoadSettings> {
    const [plan, settings, program] = await Promise.all([
      this.deps.today(),
      this.settings(),
      this.deps.activeProgram(),
    ]);
    const exercises = plan.session?.exercises ?? [];
    return {
      plan,
      targets: this.#targets(exercises, plan, program, settings.increments),
      ...settings,
    };
  }

  /** A planned day of the active program (`date`, local) with its targets, as after a swap. */
  async day(date: string): Promise<DayTargets & LoadSettings> {
    const [program, settings] = await Promise.all([this.deps.activeProgram(), this.settings()]);
    const plan = planForDate(program, date);
    const exercises = plan.session?.exercises ?? [];
    return {
      plan,
      targets: this.#targets(exercises, plan, program, settings.increments),
      ...settings,
    };
  }

  /** The targets of a session's planned day (an unplanned session has none). */
  async sessionTargets(
    sessionId: string,
  ): Promise<Result<{ targets: ExerciseTargets[] } & LoadSettings>> {
    const session = findSession(this.deps.tracking(), sessionId);
    if (!session) return fail("session_not_found", "No such workout session.");
    const [program, settings] = await Promise.all([this.deps.activeProgram(), this.settings()]);
    const week =
      program && session.programId === program.id
        ? program.weeks.find((w) => w.week === session.plannedWeek)
        : undefined;
    const day = week?.days.find((d) => d.weekday === session.plannedWeekday);
    const targets = day
      ? this.#targets(
          day.exercises,
          { date: session.localDate, deload: week?.deload ?? false },
          program,
          settings.increments,
        )
      : [];
    return ok({ targets, ...settings });
  }

  /** The active program's planned day on `date` (today when absent) holding the exercise. */
  async #slot(exerciseId: string, date: string | undefined) {
    const program = await this.deps.activeProgram();
    if (!program) return fail<never>("no_active_program", "There is no active program.");
    const day = date ?? (await this.deps.localNow()).date;
    const plan = planForDate(program, day);
    if (plan.status !== "session" || !plan.session || plan.week === null)
      return fail<never>("no_session_that_day", `The active program has no session on ${day}.`);
    const planned = plan.session.exercises.find((e) => e.exercise_id === exerciseId);
    if (!planned)
      return fail<never>(
        "exercise_not_planned",
        `${exerciseId} is not in the session planned for ${day}.`,
      );
    return ok({ program, plan, planned, week: plan.week });
  }

  async #programInput(program: FullProgramRecord): Promise<ProgramInput> {
    const data = (await this.deps.profile())?.data;
    return {
      goal: program.goal,
      fitness_level: program.fitness_level,
      days_per_week: program.days_per_week,
      session_minutes: data?.session_minutes ?? 60,
      equipment: data?.equipment ?? [],
      location: data?.location ?? "gym",
      injuries: data?.injuries ?? [],
      duration_weeks: program.duration_weeks,
      preferred_weekdays: [],
      seed: 0,
    };
  }

  /** GET /v1/programs/current/alternatives: replacements for a slot, best first, with loads. */
  async alternatives(exerciseId: string, date?: string) {
    const slot = await this.#slot(exerciseId, date);
    if (!slot.ok) return slot;
    const { program, plan, planned } = slot.value;
    const original = BY_ID.get(exerciseId);
    if (!original) return fail("unknown_exercise", `There is no exercise with id ${exerciseId}.`);
    const [input, settings] = await Promise.all([this.#programInput(program), this.settings()]);
    const db = this.deps.tracking();
    const ranked = rankAlternatives({
      original,
      catalog: CATALOG,
      eligibility: eligibilityFor(input),
      session_ids: new Set(plan.session?.exercises.map((e) => e.exercise_id)),
      program_ids: new Set(
        program.weeks
          .filter((w) => w.week >= slot.value.week)
          .flatMap((w) => w.days.flatMap((d) => d.exercises.map((e) => e.exercise_id))),
      ),
      known_ids: loggedExerciseIds(db),
    });
    const history = this.#history(
      ranked.map((a) => a.exercise.id),
      plan.date,
      program,
    );
    const e1rms = this.#e1rms(plan.date, history);
    const items = ranked.map((alternative) => ({
      ...alternative,
      suggested: suggestLoad({
        exercise: alternative.exercise,
        planned,
        deload_week: plan.deload,
        history: history.get(alternative.exercise.id) ?? [],
        related: pickRelatedLift(alternative.exercise, e1rms, BY_ID, plan.date),
        increments: settings.increments,
      }),
    }));
    return ok({ date: plan.date, exercise_id: exerciseId, items, units: settings.units });
  }

  /**
   * POST /v1/programs/current/swaps: the replacement takes the exercise's place in that day's
   * session, or in every week from that day's on. A retried request finds the swap made and
   * answers it again (`applied: false`) rather than a conflict.
   */
  async swap(request: SwapRequest) {
    const program = await this.deps.activeProgram();
    if (!program) return fail("no_active_program", "There is no active program.");
    const date = request.date;
    const plan = planForDate(program, date);
    if (plan.status !== "session" || !plan.session || plan.week === null)
      return fail("no_session_that_day", `The active program has no session on ${date}.`);
    const scope: SwapScope =
      request.scope === "today"
        ? { kind: "day", week: plan.week, weekday: plan.weekday }
        : { kind: "program", from_week: plan.week };
    const ids = new Set(plan.session.exercises.map((e) => e.exercise_id));
    const done = !ids.has(request.exerciseId) && ids.has(request.replacementId);
    if (!done) {
      if (!ids.has(request.exerciseId))
        return fail(
          "exercise_not_planned",
          `${request.exerciseId} is not in the session planned for ${date}.`,
        );
      const verdict = applySwap(
        program,
        await this.#programInput(program),
        {
          from_exercise_id: request.exerciseId,
          to_exercise_id: request.replacementId,
          reason: "requested by the lifter",
        },
        scope,
      );
      if (!verdict.ok)
        return fail("swap_not_allowed", `Cannot swap: ${verdict.reason}.`, {
          reason: verdict.reason,
        });
      const swapped: FullProgramRecord = { ...program, weeks: verdict.program.weeks };
      if (!(await this.deps.saveProgram(swapped)))
        return fail("no_active_program", "The program changed while swapping; try again.");
      this.deps.emit("program.updated", {
        program_id: program.id,
        change: "swap",
        exercise_id: request.exerciseId,
        replacement_id: request.replacementId,
        date,
        scope: request.scope,
      });
    }
    return ok({
      applied: !done,
      program_id: program.id,
      exercise_id: request.exerciseId,
      replacement_id: request.replacementId,
      date,
      scope: request.scope,
    });
  }
}
