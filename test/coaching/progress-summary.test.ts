import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  bodyWeightTrend,
  estimatedOneRepMax,
  hardSetsLastWeek,
  type LoggedSet,
  personalRecords,
  type WeightEntry,
} from "../../engine/coaching/progress";
import {
  type DaySummary,
  estimatedOneRepMaxFrom,
  hardSetsLastWeekFrom,
  personalRecordsFrom,
  type SetFact,
  summarizeAll,
  summarizeDay,
} from "../../engine/coaching/progress-summary";
import { createRng } from "../../engine/coaching/rng";
import type { Muscle } from "../../engine/coaching/vocabulary";
import { addDays } from "../../kernel/dates";

// The summaries must give exactly the numbers of the full computation in progress.ts (the
// reference), over random histories of a year, and stay equal to a rebuild from the sets
// under any sequence of inserts, corrections, deletes and replayed updates.

const RUNS = 300;
const START = "2026-01-01";

/** A small catalog: compound and isolation lifts, and one id the catalog does not know. */
const CATALOG: Record<
  string,
  { primary_muscles: Muscle[]; secondary_muscles: Muscle[]; compound: boolean }
> = {
  "barbell-back-squat": {
    primary_muscles: ["quads", "glutes"],
    secondary_muscles: ["hamstrings"],
    compound: true,
  },
  "bench-press": {
    primary_muscles: ["chest"],
    secondary_muscles: ["triceps", "front_delts"],
    compound: true,
  },
  "romanian-deadlift": {
    primary_muscles: ["hamstrings"],
    secondary_muscles: ["glutes", "upper_back"],
    compound: true,
  },
  "biceps-curl": { primary_muscles: ["biceps"], secondary_muscles: ["forearms"], compound: false },
  "lateral-raise": { primary_muscles: ["side_delts"], secondary_muscles: [], compound: false },
};
const EXERCISE_IDS = [...Object.keys(CATALOG), "retired-exercise"];

const musclesOf = (id: string) => CATALOG[id];
const isCompound = (id: string) => CATALOG[id]?.compound ?? false;

/** A set as setsSince gives it: an unknown exercise has no muscles and is not compound. */
const logged = (set: SetFact): LoggedSet => ({
  ...set,
  primary_muscles: CATALOG[set.exercise_id]?.primary_muscles ?? [],
  secondary_muscles: CATALOG[set.exercise_id]?.secondary_muscles ?? [],
  compound: isCompound(set.exercise_id),
});

// Few dates in a short span give many sets per day bucket; a year exercises the windows.
const dateArb = fc
  .oneof(fc.integer({ min: 0, max: 364 }), fc.integer({ min: 340, max: 364 }))
  .map((offset) => addDays(START, offset));
// Repeated loads and reps make ties on e1RM and on the heaviest set common; 0 is unloaded.
const weightArb = fc.oneof(
  fc.constantFrom(0, 0, 20, 40, 60, 60, 80, 100, 61.23, 102.5),
  fc.double({ min: 0, max: 250, noNaN: true }),
);
const repsArb = fc.integer({ min: 1, max: 20 });
const rirArb = fc.option(fc.integer({ min: 0, max: 6 }), { nil: null });
const setArb: fc.Arbitrary<SetFact> = fc.record({
  local_date: dateArb,
  exercise_id: fc.constantFrom(...EXERCISE_IDS),
  reps: repsArb,
  weight_kg: weightArb,
  rir: rirArb,
});
const todayArb = fc.integer({ min: -5, max: 370 }).map((offset) => addDays(START, offset));
const musclesArb = fc.uniqueArray(fc.constantFrom<Muscle>("quads", "glutes", "chest", "lats"), {
  maxLength: 2,
});
const plannedArb = fc.array(
  fc.record({
    primary_muscles: musclesArb,
    secondary_muscles: musclesArb,
    sets: fc.integer({ min: 1, max: 5 }),
  }),
  { maxLength: 6 },
);

const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
/** The route's rows in date order, then exercise id (setsSince itself has no ORDER BY). */
const inDateOrder = (sets: readonly SetFact[]) =>
  [...sets].sort(
    (a, b) => byKey(a.local_date, b.local_date) || byKey(a.exercise_id, b.exercise_id),
  );
const byExercise = <T extends { exercise_id: string }>(rows: T[]) =>
  [...rows].sort((a, b) => byKey(a.exercise_id, b.exercise_id));

/** Everything the progress route reads from sets, from summaries and from the full sets. */
function fromSummaries(summaries: readonly DaySummary[], today: string, planned: Planned) {
  return {
    e1rm: estimatedOneRepMaxFrom(summaries, isCompound),
    records: personalRecordsFrom(summaries),
    hardSets: hardSetsLastWeekFrom(summaries, today, planned, musclesOf),
  };
}
function fromSets(sets: readonly SetFact[], today: string, planned: Planned) {
  const rows = sets.map(logged);
  return {
    e1rm: estimatedOneRepMax(rows),
    records: personalRecords(rows),
    hardSets: hardSetsLastWeek(rows, today, planned),
  };
}
type Planned = Array<{ primary_muscles: Muscle[]; secondary_muscles: Muscle[]; sets: number }>;

describe("day summaries", () => {
  it("summarize a day's sets: hard sets, best e1RM and heaviest set over loaded sets", () => {
    const set = (over: Partial<SetFact>): SetFact => ({
      local_date: "2026-11-02",
      exercise_id: "bench-press",
      reps: 5,
      weight_kg: 100,
      rir: 2,
      ...over,
    });
    expect(summarizeDay([])).toBeNull();
    expect(
      summarizeDay([
        set({}), // e1RM 116.67
        set({ weight_kg: 105, reps: 3, rir: 5 }), // e1RM 115.5, heaviest; not hard
        set({ weight_kg: 105, reps: 4, rir: null }), // e1RM 119, heaviest with more reps
        set({ weight_kg: 0, reps: 20 }), // unloaded: counted, no e1RM
      ]),
    ).toStrictEqual({
      local_date: "2026-11-02",
      exercise_id: "bench-press",
      sets: 4,
      hard_sets: 3,
      best_e1rm_kg: 105 * (1 + 4 / 30),
      heaviest_kg: 105,
      heaviest_reps: 4,
    });
    expect(summarizeDay([set({ weight_kg: 0 })])).toMatchObject({
      best_e1rm_kg: null,
      heaviest_kg: null,
      heaviest_reps: null,
    });
    expect(() => summarizeDay([set({}), set({ local_date: "2026-11-03" })])).toThrow(RangeError);
  });

  it("give the same e1RM series, records and weekly hard sets as the full computation", () => {
    fc.assert(
      fc.property(
        fc.array(setArb, { maxLength: 150, size: "max" }),
        todayArb,
        plannedArb,
        fc.nat(),
        (sets, today, planned, seed) => {
          // Summaries in any order (as a table scan gives them).
          const summaries = createRng(seed).shuffle(summarizeAll(sets));
          const actual = fromSummaries(summaries, today, planned);
          // Rows in date order: the same arrays, in the same order.
          expect(actual).toStrictEqual(fromSets(inDateOrder(sets), today, planned));
          // Rows in any order: the same values; only the order of lifts and records differs.
          const anyOrder = fromSets(sets, today, planned);
          expect(byExercise(actual.e1rm)).toStrictEqual(byExercise(anyOrder.e1rm));
          expect(byExercise(actual.records)).toStrictEqual(byExercise(anyOrder.records));
          expect(actual.hardSets).toStrictEqual(anyOrder.hardSets);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it("stay equal to a rebuild when only the touched day is recomputed after each write", () => {
    const opArb = fc.oneof(
      fc.record({ kind: fc.constant("insert" as const), set: setArb }),
      fc.record({
        kind: fc.constant("correct" as const),
        pick: fc.nat(),
        // The API corrects reps, load, RIR (and rest); never the session or the exercise.
        patch: fc.record(
          { reps: repsArb, weight_kg: weightArb, rir: rirArb },
          { requiredKeys: [] },
        ),
      }),
      fc.record({ kind: fc.constant("delete" as const), pick: fc.nat() }),
      // An at-least-once update delivered again later, after other writes.
      fc.record({ kind: fc.constant("replay" as const), pick: fc.nat() }),
    );
    fc.assert(
      fc.property(
        fc.array(opArb, { maxLength: 120, size: "max" }),
        todayArb,
        plannedArb,
        (ops, today, planned) => {
          let sets: Array<{ id: number; fact: SetFact }> = [];
          const stored = new Map<string, DaySummary>();
          const touched: SetFact[] = [];
          const keyOf = (s: SetFact) => `${s.local_date}|${s.exercise_id}`;
          // The write's update: read the bucket's current sets, replace (or drop) its row.
          const update = (bucket: SetFact) => {
            const key = keyOf(bucket);
            const summary = summarizeDay(
              sets.filter((s) => keyOf(s.fact) === key).map((s) => s.fact),
            );
            if (summary) stored.set(key, summary);
            else stored.delete(key);
            touched.push(bucket);
          };
          ops.forEach((op, id) => {
            if (op.kind === "insert") {
              sets.push({ id, fact: op.set });
              update(op.set);
            } else if (op.kind === "replay") {
              const bucket = touched[op.pick % Math.max(touched.length, 1)];
              if (bucket) update(bucket);
            } else {
              const target = sets[op.pick % Math.max(sets.length, 1)];
              if (!target) return;
              if (op.kind === "correct") target.fact = { ...target.fact, ...op.patch };
              else sets = sets.filter((s) => s.id !== target.id);
              update(target.fact);
            }
            const current = sets.map((s) => s.fact);
            expect([...stored.values()].sort(bySummaryKey)).toStrictEqual(summarizeAll(current));
          });
          const current = sets.map((s) => s.fact);
          expect(fromSummaries([...stored.values()], today, planned)).toStrictEqual(
            fromSets(inDateOrder(current), today, planned),
          );
        },
      ),
      { numRuns: RUNS },
    );
  });
});

const bySummaryKey = (a: DaySummary, b: DaySummary) =>
  byKey(a.local_date, b.local_date) || byKey(a.exercise_id, b.exercise_id);

/** bodyWeightTrend before issue 21 (O(n^2)): the reference for the linear one. */
function bodyWeightTrendReference(entries: WeightEntry[]) {
  const round1 = (n: number) => Math.round(n * 10) / 10;
  const sorted = [...entries].sort((a, b) => a.local_date.localeCompare(b.local_date));
  return sorted.map((entry) => {
    const from = addDays(entry.local_date, -6);
    const window = sorted.filter((e) => e.local_date >= from && e.local_date <= entry.local_date);
    const average = window.reduce((sum, e) => sum + e.weight_kg, 0) / window.length;
    return { date: entry.local_date, weight_kg: entry.weight_kg, average_7d_kg: round1(average) };
  });
}

describe("body-weight trend", () => {
  it("gives the same 7-day averages as summing every window afresh", () => {
    const entryArb = fc.record({
      local_date: fc
        .oneof(fc.integer({ min: 0, max: 364 }), fc.integer({ min: 0, max: 20 }))
        .map((offset) => addDays(START, offset)),
      // On a 0.05 kg grid about 1 window in 100 of 3-5 entries rounds differently when its
      // sum is taken in another order (or kept as a running sum): the property sees it.
      weight_kg: fc.oneof(
        { arbitrary: fc.integer({ min: 800, max: 3000 }).map((n) => n / 20), weight: 4 },
        { arbitrary: fc.double({ min: 30, max: 250, noNaN: true }), weight: 1 },
      ),
    });
    fc.assert(
      fc.property(fc.array(entryArb, { maxLength: 200, size: "max" }), (entries) => {
        expect(bodyWeightTrend(entries)).toStrictEqual(bodyWeightTrendReference(entries));
      }),
      { numRuns: RUNS },
    );
  });
});
