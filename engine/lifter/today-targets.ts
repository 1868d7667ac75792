import type { Exercise } from "../coaching/exercise";
import type { ProgramExercise } from "../coaching/program-schema";
import { implementOf, type LoadIncrements } from "./load-increments";
import { type LiftE1rm, pickRelatedLift } from "./starting-load";
import { type Performance, type PerformedSet, type Suggestion, suggestLoad } from "./suggest-load";
import { firstMainLiftIndex, type WarmupSet, warmupRamp } from "./warmup";

// Last time, today's target and the warm-up for every exercise of a planned session: what
// GET /v1/workouts/today, an open session's sets and the workout coach's tools show. The
// caller loads each exercise's recent sessions and the user's recent e1RMs; this decides.

export interface LastTime {
  date: string;
  sets: PerformedSet[];
}

export interface ExerciseTargets {
  exercise_id: string;
  /** The most recent session with this exercise (a deload one included), or null. */
  last: LastTime | null;
  /** Null only for an exercise missing from the catalog. */
  suggested: Suggestion | null;
  /** Warm-up sets before the session's first main lift; empty for every other exercise. */
  warmup: WarmupSet[];
}

export interface SessionTargetsInput {
  exercises: readonly Pick<
    ProgramExercise,
    "exercise_id" | "sets" | "rep_min" | "rep_max" | "target_rir" | "progression"
  >[];
  deload_week: boolean;
  /** Each exercise's sessions, most recent first (up to a few; two misses decide a reset). */
  history: ReadonlyMap<string, readonly Performance[]>;
  /** The most recent best e1RM of every exercise the user logged with load. */
  e1rms: readonly LiftE1rm[];
  byId: ReadonlyMap<string, Exercise>;
  increments: LoadIncrements;
  today: string;
}

/** Sessions progression needs per exercise: the last, and enough before it to count two misses around a deload. */
export const HISTORY_SESSIONS = 4;

export function sessionTargets(input: SessionTargetsInput): ExerciseTargets[] {
  const main = firstMainLiftIndex(
    input.exercises.map((e) => e.exercise_id),
    input.byId,
  );
  return input.exercises.map((planned, index) => {
    const history = input.history.get(planned.exercise_id) ?? [];
    const first = history[0];
    const last = first ? { date: first.date, sets: [...first.sets] } : null;
    const exercise = input.byId.get(planned.exercise_id);
    if (!exercise) return { exercise_id: planned.exercise_id, last, suggested: null, warmup: [] };
    const suggested = suggestLoad({
      exercise,
      planned,
      deload_week: input.deload_week,
      history,
      related: pickRelatedLift(exercise, input.e1rms, input.byId, input.today),
      increments: input.increments,
    });
    const warmup =
      index === main && suggested.weight_kg
        ? warmupRamp(suggested.weight_kg, implementOf(exercise), input.increments)
        : [];
    return { exercise_id: planned.exercise_id, last, suggested, warmup };
  });
}
