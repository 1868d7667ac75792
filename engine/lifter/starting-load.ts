import { addDays } from "../../kernel/dates";
import type { Exercise } from "../coaching/exercise";
import { type Implement, implementOf } from "./load-increments";

// A first load for an exercise the user has never logged, from what they lift on a related
// one. Epley (1985) relates a load to the reps it can be lifted for to failure,
//   e1RM = weight x (1 + reps / 30),
// the estimate progress.ts already uses. A set of r reps stopped with RIR in reserve is a set
// of r + RIR reps to failure (the RIR-based RPE scale: Zourdos et al. 2016, Helms et al.
// 2016), so the load for r reps at that RIR is
//   weight = e1RM / (1 + (r + RIR) / 30).
// Loads do not carry over one for one between variations, so only a close relative counts:
// the same pattern, mechanic, primary muscles and equipment list, on free weights (machines
// differ in lever ratios and sled weights, so one machine's stack says little about
// another's), and not one of the few variations known to be far lighter or heavier than its
// pattern-mates. The result is taken at START_MARGIN and rounded down: too light costs a
// session of double progression, too heavy a failed or unsafe set.

/** Free-weight implements, whose loads compare across close variations. */
const COMPARABLE_IMPLEMENTS: ReadonlySet<Implement> = new Set([
  "barbell",
  "ez_bar",
  "dumbbell",
  "kettlebell",
]);

/**
 * Lifts whose loads are far from those of the lifts they share everything else with: a good
 * morning is lifted with about 60% of a Romanian deadlift's load, a landmine press loads one
 * end of the bar, a push press adds leg drive (about 125% of a strict press).
 */
export const LOADS_NOT_COMPARABLE: ReadonlySet<string> = new Set([
  "good-morning",
  "landmine-press",
  "push-press",
]);

export const START_MARGIN = 0.8;

/** An e1RM older than this may no longer hold (detraining); it is not used to start from. */
export const RELATED_E1RM_MAX_AGE_DAYS = 84;

/** The most recent best e1RM of one exercise the user has logged with load. */
export interface LiftE1rm {
  exercise_id: string;
  /** Local date of the session it comes from. */
  date: string;
  e1rm_kg: number;
}

export interface RelatedLift extends LiftE1rm {
  name: string;
}

/** Epley's load for `reps` repetitions with `rir` in reserve, unrounded. */
export function loadForReps(e1rmKg: number, reps: number, rir: number): number {
  return e1rmKg / (1 + (reps + rir) / 30);
}

const sameItems = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((item) => b.includes(item));

/** Whether `other` is close enough to `exercise` for its loads to say something about it. */
export function isRelatedLift(exercise: Exercise, other: Exercise): boolean {
  return (
    other.id !== exercise.id &&
    other.pattern === exercise.pattern &&
    other.mechanic === exercise.mechanic &&
    sameItems(other.primary_muscles, exercise.primary_muscles) &&
    sameItems(other.equipment, exercise.equipment) &&
    COMPARABLE_IMPLEMENTS.has(implementOf(exercise)) &&
    implementOf(other) === implementOf(exercise) &&
    !LOADS_NOT_COMPARABLE.has(exercise.id) &&
    !LOADS_NOT_COMPARABLE.has(other.id)
  );
}

/**
 * The related lift to start from: the most recently trained one within the age limit (the
 * freshest estimate), the higher e1RM breaking ties, then the id so the choice is stable.
 */
export function pickRelatedLift(
  exercise: Exercise,
  e1rms: readonly LiftE1rm[],
  byId: ReadonlyMap<string, Exercise>,
  today: string,
): RelatedLift | null {
  const oldest = addDays(today, -RELATED_E1RM_MAX_AGE_DAYS);
  let best: RelatedLift | null = null;
  for (const lift of e1rms) {
    const other = byId.get(lift.exercise_id);
    if (!other || lift.date < oldest || lift.e1rm_kg <= 0 || !isRelatedLift(exercise, other))
      continue;
    const better =
      !best ||
      lift.date > best.date ||
      (lift.date === best.date && lift.e1rm_kg > best.e1rm_kg) ||
      (lift.date === best.date &&
        lift.e1rm_kg === best.e1rm_kg &&
        lift.exercise_id < best.exercise_id);
    if (better) best = { ...lift, name: other.name };
  }
  return best;
}
