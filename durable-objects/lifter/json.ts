import type { TodayPlan } from "../../engine/coaching/today";
import type { Suggestion } from "../../engine/lifter/suggest-load";
import type { ExerciseTargets } from "../../engine/lifter/today-targets";
import { type UnitPreference, withPounds } from "../../kernel/units";
import type { LoadSettings } from "./lifter";

// The lifter's loop as the API shows it: snake_case, pounds beside kilograms for users who
// prefer imperial units (every load is loadable in the unit of their plates, so 135 lb reads
// 135, not 134.9).

export function suggestionJson(suggested: Suggestion, units: UnitPreference) {
  return withPounds({ ...suggested }, units, ["weight_kg"]);
}

export function targetsJson(targets: ExerciseTargets, units: UnitPreference) {
  return {
    exercise_id: targets.exercise_id,
    last: targets.last
      ? {
          date: targets.last.date,
          sets: targets.last.sets.map((set) => withPounds({ ...set }, units, ["weight_kg"])),
        }
      : null,
    suggested: targets.suggested ? suggestionJson(targets.suggested, units) : null,
    warmup: targets.warmup.map((set) => withPounds({ ...set }, units, ["weight_kg"])),
  };
}

export type DayJson = ReturnType<typeof dayJson>;

/** A planned day with each exercise's last time, target and warm-up beside its prescription. */
export function dayJson(day: { plan: TodayPlan; targets: ExerciseTargets[] } & LoadSettings) {
  const { plan, targets, units, increments } = day;
  const byId = new Map(targets.map((t) => [t.exercise_id, targetsJson(t, units)]));
  return {
    ...plan,
    session: plan.session
      ? {
          ...plan.session,
          exercises: plan.session.exercises.map((exercise) => {
            const { last, suggested, warmup } = byId.get(exercise.exercise_id) ?? {
              last: null,
              suggested: null,
              warmup: [],
            };
            return { ...exercise, last, suggested, warmup };
          }),
        }
      : null,
    load_increments: increments,
  };
}
