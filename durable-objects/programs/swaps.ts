import { CATALOG, indexCatalogById } from "../../engine/coaching/catalog";
import { isEligible, resolveEquipment } from "../../engine/coaching/eligibility";
import type { Exercise } from "../../engine/coaching/exercise";
import type { Program, ProgramInput } from "../../engine/coaching/program-schema";
import { VOLUME_RANGES, weeklySets } from "../../engine/coaching/volume";

// Exercise swaps proposed by the LLM are applied only when every engine rule stays true.
// A swap may replace an exercise by another of the same movement pattern, mechanic and
// primary muscles that the user's equipment, injuries and level allow: then sets, order
// (compound first, large muscles first) and session time are unchanged by construction, and
// the only thing left to check is the weekly cap, which secondary muscles can move.

const BY_ID = indexCatalogById(CATALOG);

export interface Swap {
  from_exercise_id: string;
  to_exercise_id: string;
  reason: string;
}

const samePrimaries = (a: Exercise, b: Exercise) =>
  a.primary_muscles.length === b.primary_muscles.length &&
  a.primary_muscles.every((muscle) => b.primary_muscles.includes(muscle));

function eligibility(input: ProgramInput) {
  return {
    equipment: resolveEquipment(input.equipment, input.location),
    injuries: new Set(input.injuries),
    level: input.fitness_level,
  };
}

function usedIds(program: Program): Set<string> {
  return new Set(
    program.weeks.flatMap((w) => w.days.flatMap((d) => d.exercises.map((e) => e.exercise_id))),
  );
}

/** Alternatives the model may choose from, per exercise in the program (a few each). */
export function swapCandidates(
  program: Program,
  input: ProgramInput,
  perExercise = 4,
): Record<string, string[]> {
  const rules = eligibility(input);
  const used = usedIds(program);
  const candidates: Record<string, string[]> = {};
  for (const id of used) {
    const from = BY_ID.get(id);
    if (!from) continue;
    candidates[id] = CATALOG.filter(
      (to) =>
        !used.has(to.id) &&
        to.pattern === from.pattern &&
        to.mechanic === from.mechanic &&
        samePrimaries(from, to) &&
        isEligible(to, rules),
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

export type SwapVerdict = { ok: true; program: Program } | { ok: false; reason: string };

/** Applies one swap to every week, or says which rule it would break. */
export function applySwap(program: Program, input: ProgramInput, swap: Swap): SwapVerdict {
  const from = BY_ID.get(swap.from_exercise_id);
  const to = BY_ID.get(swap.to_exercise_id);
  if (!from || !to) return { ok: false, reason: "unknown exercise" };
  const used = usedIds(program);
  if (!used.has(from.id)) return { ok: false, reason: "exercise not in the program" };
  if (used.has(to.id)) return { ok: false, reason: "replacement already in the program" };
  if (to.pattern !== from.pattern || to.mechanic !== from.mechanic || !samePrimaries(from, to))
    return { ok: false, reason: "replacement trains a different pattern or muscles" };
  if (!isEligible(to, eligibility(input)))
    return { ok: false, reason: "replacement not allowed by equipment, injuries or level" };
  const swapped: Program = {
    ...program,
    weeks: program.weeks.map((week) => ({
      ...week,
      days: week.days.map((day) => ({
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
              }
            : exercise,
        ),
      })),
    })),
  };
  if (!withinCap(swapped, input)) return { ok: false, reason: "would exceed the weekly set cap" };
  return { ok: true, program: swapped };
}
