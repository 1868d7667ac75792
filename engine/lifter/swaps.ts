import type { Weekday } from "../../kernel/dates";
import { CATALOG, indexCatalogById } from "../coaching/catalog";
import { isEligible, resolveEquipment } from "../coaching/eligibility";
import type { Exercise } from "../coaching/exercise";
import { isTimedHold } from "../coaching/prescription";
import type { Program, ProgramInput } from "../coaching/program-schema";
import { VOLUME_RANGES, weeklySets } from "../coaching/volume";

// Exercise swaps: the ones the LLM proposes when it personalises a program, and the ones a
// lifter asks for when the rack is taken. A swap may replace an exercise by another of the
// same movement pattern, mechanic and primary muscles (and timed the same way: seconds or
// reps) that the user's equipment, injuries and level allow: then sets, order (compound
// first, large muscles first) and session time are unchanged by construction, and the only
// thing left to check is the weekly cap, which secondary muscles can move.

const BY_ID = indexCatalogById(CATALOG);

export interface Swap {
  from_exercise_id: string;
  to_exercise_id: string;
  reason: string;
}

/** Every remaining week from `from_week`, or one planned day (today's session only). */
export type SwapScope =
  | { kind: "program"; from_week: number }
  | { kind: "day"; week: number; weekday: Weekday };

export const WHOLE_PROGRAM: SwapScope = { kind: "program", from_week: 1 };

const samePrimaries = (a: Exercise, b: Exercise) =>
  a.primary_muscles.length === b.primary_muscles.length &&
  a.primary_muscles.every((muscle) => b.primary_muscles.includes(muscle));

/** `to` can take `from`'s place with the same sets, reps, rest and order. */
export function fillsSameSlot(from: Exercise, to: Exercise): boolean {
  return (
    to.id !== from.id &&
    to.pattern === from.pattern &&
    to.mechanic === from.mechanic &&
    isTimedHold(to) === isTimedHold(from) &&
    samePrimaries(from, to)
  );
}

export function eligibilityFor(input: ProgramInput) {
  return {
    equipment: resolveEquipment(input.equipment, input.location),
    injuries: new Set(input.injuries),
    level: input.fitness_level,
  };
}

function idsIn(program: Program, scope: SwapScope): Set<string> {
  return new Set(
    program.weeks
      .filter((w) => inScope(scope, w.week))
      .flatMap((w) =>
        w.days
          .filter((d) => scope.kind === "program" || d.weekday === scope.weekday)
          .flatMap((d) => d.exercises.map((e) => e.exercise_id)),
      ),
  );
}

const inScope = (scope: SwapScope, week: number) =>
  scope.kind === "program" ? week >= scope.from_week : week === scope.week;

/** Alternatives the model may choose from, per exercise in the program (a few each). */
export function swapCandidates(
  program: Program,
  input: ProgramInput,
  perExercise = 4,
): Record<string, string[]> {
  const rules = eligibilityFor(input);
  const used = idsIn(program, WHOLE_PROGRAM);
  const candidates: Record<string, string[]> = {};
  for (const id of used) {
    const from = BY_ID.get(id);
    if (!from) continue;
    candidates[id] = CATALOG.filter(
      (to) => !used.has(to.id) && fillsSameSlot(from, to) && isEligible(to, rules),
    )
      .slice(0, perExercise)
      .map((to) => to.id);
  }
  return candidates;
}

function withinCap(program: Program, input: ProgramInput): boolean {
  const max = VOLUME_RANGES[input.fitness_level].max;
  return program.weeks.every((week) =>
    [...weeklySets(week.days.flatMap((day) => day.exercises)).values()].every(
      (sets) => sets <= max,
    ),
  );
}

/** The notes keep their rule (and any return-week or stall prefix); the cue is the new one's. */
function withCueOf(notes: string, from: Exercise, to: Exercise): string {
  const cue = (exercise: Exercise) => ` Cue: ${exercise.cues[0]}.`;
  return notes.includes(cue(from)) ? notes.replace(cue(from), cue(to)) : notes;
}

export type SwapVerdict = { ok: true; program: Program } | { ok: false; reason: string };

/**
 * Applies one swap within its scope (every week by default), or says which rule it would
 * break. A program swap needs a replacement not yet in the rest of the program (two slots of
 * one exercise would double its volume); a one-day swap only one not in that session.
 */
export function applySwap(
  program: Program,
  input: ProgramInput,
  swap: Swap,
  scope: SwapScope = WHOLE_PROGRAM,
): SwapVerdict {
  const from = BY_ID.get(swap.from_exercise_id);
  const to = BY_ID.get(swap.to_exercise_id);
  if (!from || !to) return { ok: false, reason: "unknown exercise" };
  const used = idsIn(program, scope);
  if (!used.has(from.id))
    return {
      ok: false,
      reason: scope.kind === "day" ? "exercise not in that session" : "exercise not in the program",
    };
  if (used.has(to.id))
    return {
      ok: false,
      reason:
        scope.kind === "day"
          ? "replacement already in that session"
          : "replacement already in the program",
    };
  if (!fillsSameSlot(from, to))
    return { ok: false, reason: "replacement trains a different pattern or muscles" };
  if (!isEligible(to, eligibilityFor(input)))
    return { ok: false, reason: "replacement not allowed by equipment, injuries or level" };
  const swapped: Program = {
    ...program,
    weeks: program.weeks.map((week) =>
      !inScope(scope, week.week)
        ? week
        : {
            ...week,
            days: week.days.map((day) =>
              scope.kind === "day" && day.weekday !== scope.weekday
                ? day
                : {
                    ...day,
                    exercises: day.exercises.map((exercise) =>
                      exercise.exercise_id === from.id
                        ? {
                            ...exercise,
                            exercise_id: to.id,
                            name: to.name,
                            primary_muscles: [...to.primary_muscles],
                            secondary_muscles: [...to.secondary_muscles],
                            equipment: [...to.equipment],
                            notes: withCueOf(exercise.notes, from, to),
                          }
                        : exercise,
                    ),
                  },
            ),
          },
    ),
  };
  if (!withinCap(swapped, input)) return { ok: false, reason: "would exceed the weekly set cap" };
  return { ok: true, program: swapped };
}
