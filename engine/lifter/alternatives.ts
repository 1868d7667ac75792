import { type Eligibility, isEligible } from "../coaching/eligibility";
import type { Exercise } from "../coaching/exercise";
import { roleOf } from "../coaching/prescription";
import { implementOf } from "./load-increments";
import { fillsSameSlot } from "./swaps";

// Replacements for one slot of today's session, best first. Every one fills the same slot
// (swaps.ts: pattern, mechanic, primary muscles, timing) and is allowed by the user's
// equipment, injuries and level. The order, first difference wins:
// 1. no secondary muscle the original lacks: the week's volume stays where the program put it
//    (the rule adaptation uses for stalled lifts);
// 2. the same role: a loaded main lift for a loaded main lift, not a bodyweight variation
//    that cannot be done for the slot's heavy reps;
// 3. loaded on another implement: the usual reason to swap is that the rack, bench or machine
//    is taken, and a barbell front squat needs the same rack as the back squat;
// 4. one the user has logged before: its load is known rather than estimated;
// 5. the most secondary muscles in common; then the name, for a stable order.

export interface AlternativesInput {
  original: Exercise;
  catalog: readonly Exercise[];
  eligibility: Eligibility;
  /** Today's session: never offered, the lifter is doing them anyway. */
  session_ids: ReadonlySet<string>;
  /** The rest of the program: fine for today, not for a program-wide swap. */
  program_ids: ReadonlySet<string>;
  /** Exercises the user has logged sets of. */
  known_ids: ReadonlySet<string>;
}

export interface Alternative {
  exercise: Exercise;
  /** Scopes a swap to it may use: a program swap needs it absent from the program. */
  scopes: ("today" | "program")[];
  /** Adds no secondary muscle the original lacks. */
  volume_neutral: boolean;
  known: boolean;
}

const sharedCount = (a: readonly string[], b: readonly string[]) =>
  a.filter((item) => b.includes(item)).length;

export function rankAlternatives(input: AlternativesInput): Alternative[] {
  const { original } = input;
  const role = roleOf(original);
  const implement = implementOf(original);
  const scored = input.catalog
    .filter(
      (candidate) =>
        fillsSameSlot(original, candidate) &&
        !input.session_ids.has(candidate.id) &&
        isEligible(candidate, input.eligibility),
    )
    .map((exercise) => ({
      exercise,
      scopes: input.program_ids.has(exercise.id)
        ? (["today"] as ("today" | "program")[])
        : (["today", "program"] as ("today" | "program")[]),
      volume_neutral: exercise.secondary_muscles.every((m) =>
        original.secondary_muscles.includes(m),
      ),
      known: input.known_ids.has(exercise.id),
      sameRole: roleOf(exercise) === role,
      otherImplement: implementOf(exercise) !== implement,
      shared: sharedCount(exercise.secondary_muscles, original.secondary_muscles),
    }));
  const first = (a: boolean, b: boolean) => Number(b) - Number(a);
  scored.sort(
    (a, b) =>
      first(a.volume_neutral, b.volume_neutral) ||
      first(a.sameRole, b.sameRole) ||
      first(a.otherImplement, b.otherImplement) ||
      first(a.known, b.known) ||
      b.shared - a.shared ||
      (a.exercise.name < b.exercise.name ? -1 : a.exercise.name > b.exercise.name ? 1 : 0),
  );
  return scored.map(({ exercise, scopes, volume_neutral, known }) => ({
    exercise,
    scopes,
    volume_neutral,
    known,
  }));
}
