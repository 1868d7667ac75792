import fc from "fast-check";
import { CATALOG, indexCatalogById } from "../../engine/coaching/catalog";
import type { Exercise } from "../../engine/coaching/exercise";
import type { Program, ProgramInputRaw } from "../../engine/coaching/program-schema";
import { BODY_AREAS, EQUIPMENT, GOALS, LEVELS, LOCATIONS } from "../../engine/coaching/vocabulary";
import { WEEKDAYS } from "../../kernel/dates";

// Shared arbitraries and helpers for the coaching property tests.

/** Runs per property: enough to explore the input space, small enough for ~60 s overall. */
export const RUNS = 200;

export const byId = indexCatalogById(CATALOG);

export function catalogEntry(id: string): Exercise {
  const exercise = byId.get(id);
  if (!exercise) throw new Error(`unknown exercise ${id}`);
  return exercise;
}

export const seedArb = fc.oneof(fc.string({ maxLength: 12 }), fc.integer());

/** Any valid program input, including empty equipment (location defaults) and injuries. */
export const programInputArb: fc.Arbitrary<ProgramInputRaw> = fc.record({
  goal: fc.constantFrom(...GOALS),
  fitness_level: fc.constantFrom(...LEVELS),
  days_per_week: fc.integer({ min: 2, max: 6 }),
  session_minutes: fc.integer({ min: 20, max: 120 }),
  equipment: fc.subarray([...EQUIPMENT]),
  location: fc.constantFrom(...LOCATIONS),
  injuries: fc.subarray([...BODY_AREAS], { maxLength: 3 }),
  duration_weeks: fc.integer({ min: 4, max: 16 }),
  preferred_weekdays: fc.subarray([...WEEKDAYS]),
  seed: seedArb,
});

export function normalWeeks(program: Program) {
  return program.weeks.filter((week) => !week.deload);
}

export function firstNormalWeek(program: Program) {
  const week = normalWeeks(program)[0];
  if (!week) throw new Error("program has no normal week");
  return week;
}

/** Every exercise of a program with its week and day, for property checks. */
export function* exercisesOf(program: Program) {
  for (const week of program.weeks) {
    for (const day of week.days) {
      for (const item of day.exercises) yield { week, day, item };
    }
  }
}

/**
 * Collects rule violations as strings so that a property makes one assertion per run:
 * thousands of expect() calls per run would dominate the suite's time.
 */
export class Violations {
  readonly list: string[] = [];
  check(ok: boolean, message: string): void {
    if (!ok && this.list.length < 20) this.list.push(message);
  }
}
