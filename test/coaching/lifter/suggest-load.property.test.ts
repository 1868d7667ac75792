import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CATALOG } from "../../../engine/coaching/catalog";
import { PROGRESSIONS } from "../../../engine/coaching/vocabulary";
import {
  implementOf,
  isLoadable,
  lightestLoad,
  stepKg,
} from "../../../engine/lifter/load-increments";
import { loadForReps, START_MARGIN } from "../../../engine/lifter/starting-load";
import {
  linearStepKg,
  type Performance,
  type PlannedExercise,
  type SuggestInput,
  suggestLoad,
  workingSets,
} from "../../../engine/lifter/suggest-load";
import { RUNS } from "../support";
import { incrementsArb } from "./support";

// The guarantee over any history: a suggested load is loadable with the user's
// increments and never more than one step above what the last performance earns (its
// working load, plus the linear step when the linear rule adds one).

const plannedArb: fc.Arbitrary<PlannedExercise> = fc
  .record({
    sets: fc.integer({ min: 1, max: 6 }),
    rep_min: fc.integer({ min: 1, max: 20 }),
    span: fc.integer({ min: 0, max: 10 }),
    target_rir: fc.integer({ min: 0, max: 5 }),
    progression: fc.constantFrom(...PROGRESSIONS),
  })
  .map(({ span, ...p }) => ({ ...p, rep_max: p.rep_min + span }));

const setArb = fc.record({
  // Loads a lifter types: whole and half kilos, pound conversions, and arbitrary values.
  weight_kg: fc.oneof(
    fc.integer({ min: 0, max: 300 }),
    fc.integer({ min: 0, max: 600 }).map((half) => half / 2),
    fc.double({ min: 0, max: 300, noNaN: true }).map((kg) => Math.round(kg * 100) / 100),
  ),
  reps: fc.integer({ min: 0, max: 25 }),
  rir: fc.option(fc.integer({ min: 0, max: 6 }), { nil: null }),
});

const historyArb: fc.Arbitrary<Performance[]> = fc.array(
  fc.record({
    date: fc.constant("2025-01-01"),
    // Sessions usually repeat one load; sometimes they mix loads.
    sets: fc.oneof(
      fc
        .tuple(setArb, fc.array(fc.record({ reps: setArb.map((s) => s.reps) }), { maxLength: 5 }))
        .map(([first, more]) => [first, ...more.map((m) => ({ ...first, reps: m.reps }))]),
      fc.array(setArb, { maxLength: 6 }),
    ),
    deload: fc.boolean(),
  }),
  { maxLength: 5 },
);

const inputArb: fc.Arbitrary<SuggestInput> = fc.record({
  exercise: fc.constantFrom(...CATALOG),
  planned: plannedArb,
  deload_week: fc.boolean(),
  history: historyArb,
  related: fc.option(
    fc.record({
      exercise_id: fc.constant("barbell-bench-press"),
      name: fc.constant("Barbell Bench Press"),
      date: fc.constant("2025-01-01"),
      e1rm_kg: fc.double({ min: 1, max: 400, noNaN: true }),
    }),
    { nil: null },
  ),
  increments: incrementsArb,
});

const SLACK = 0.02;

/** The working load progression reads, found independently of the code under test. */
function lastWorkingLoad(input: SuggestInput): number | null {
  const loaded = implementOf(input.exercise) !== "none";
  for (const p of input.history) {
    if (p.deload || p.sets.length === 0) continue;
    const load = Math.max(...p.sets.map((s) => s.weight_kg));
    if (loaded && load <= 0) continue;
    return load;
  }
  return null;
}

const ADDS_LOAD = new Set(["double_progression_add_load", "linear_add_load"]);

describe("suggested loads, over any history", () => {
  it("are loadable and at most one step above what the last performance earns", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const s = suggestLoad(input);
        const implement = implementOf(input.exercise);
        const step = stepKg(implement, input.increments);
        expect(s.sets).toBe(input.planned.sets);
        expect(s.rir).toBe(input.planned.target_rir);
        expect(s.reps_target).toBeGreaterThanOrEqual(input.planned.rep_min);
        expect(s.reps_target).toBeLessThanOrEqual(input.planned.rep_max);
        expect(s.reason).toMatch(/^[A-Z0-9].*\.$/);
        expect(s.reason).not.toMatch(/undefined|NaN|null|Infinity/);
        if (s.weight_kg === null) return;
        expect(isLoadable(s.weight_kg, implement, input.increments)).toBe(true);

        const last = lastWorkingLoad(input);
        if (s.rule === "start_from_related" && input.related) {
          const scaled = loadForReps(input.related.e1rm_kg, s.reps_target, s.rir) * START_MARGIN;
          expect(s.weight_kg).toBeLessThanOrEqual(
            Math.max(scaled, lightestLoad(implement, input.increments)) + SLACK,
          );
          return;
        }
        if (s.rule.startsWith("start_")) return;
        if (last === null) throw new Error(`${s.rule} fired with no usable history`);
        const earned =
          last +
          (s.rule === "linear_add_load" ? linearStepKg(input.exercise, input.increments.unit) : 0);
        expect(s.weight_kg).toBeLessThanOrEqual(earned + step + SLACK);
        if (ADDS_LOAD.has(s.rule)) expect(s.weight_kg).toBeGreaterThan(last);
        else if (s.rule === "linear_reset") expect(s.weight_kg).toBeLessThan(last);
        else expect(s.weight_kg).toBeLessThanOrEqual(last + step / 2 + SLACK);
      }),
      { numRuns: RUNS * 10 },
    );
  });

  it("never progress from a deload week's easier sets", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const normal = input.history.filter((p) => !p.deload);
        const withoutDeloads = suggestLoad({ ...input, history: normal });
        expect(suggestLoad(input)).toEqual(withoutDeloads);
      }),
      { numRuns: RUNS * 5 },
    );
  });

  it("judge the heaviest sets only: the working sets are all at one load", () => {
    fc.assert(
      fc.property(historyArb, (history) => {
        for (const p of history) {
          const { load, sets } = workingSets(p);
          expect(sets.every((s) => Math.abs(s.weight_kg - load) < 0.005)).toBe(true);
          expect(sets.length > 0).toBe(p.sets.length > 0);
        }
      }),
      { numRuns: RUNS },
    );
  });
});
