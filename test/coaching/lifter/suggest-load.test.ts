import { describe, expect, it } from "vitest";
import {
  type Performance,
  type PerformedSet,
  type PlannedExercise,
  type SuggestInput,
  suggestLoad,
} from "../../../engine/lifter/suggest-load";
import { kgToLb, lbToKg } from "../../../kernel/units";
import { catalogEntry } from "../support";
import { IMPERIAL, METRIC } from "./support";

// Each progression rule on worked examples, with the arithmetic in the test name.

const sets = (weight: number, reps: number[], rir: number | null = 2): PerformedSet[] =>
  reps.map((r) => ({ weight_kg: weight, reps: r, rir }));

let day = 1;
const session = (s: PerformedSet[], deload = false): Performance => ({
  date: `2025-03-${String(day++).padStart(2, "0")}`,
  sets: s,
  deload,
});

const DOUBLE: PlannedExercise = {
  sets: 3,
  rep_min: 6,
  rep_max: 10,
  target_rir: 2,
  progression: "double_progression",
};
const LINEAR: PlannedExercise = {
  sets: 3,
  rep_min: 3,
  rep_max: 5,
  target_rir: 3,
  progression: "linear_load",
};

function suggest(
  exerciseId: string,
  planned: PlannedExercise,
  history: Performance[],
  patch: Partial<SuggestInput> = {},
) {
  return suggestLoad({
    exercise: catalogEntry(exerciseId),
    planned,
    deload_week: false,
    history,
    related: null,
    increments: METRIC,
    ...patch,
  });
}

describe("double progression", () => {
  it("adds the smallest step once every set reached the top at the target RIR: 80 -> 82.5 kg, back to 6", () => {
    const s = suggest("barbell-bench-press", DOUBLE, [session(sets(80, [10, 10, 10], 2))]);
    expect(s).toMatchObject({
      weight_kg: 82.5,
      reps_target: 6,
      sets: 3,
      rir: 2,
      rule: "double_progression_add_load",
    });
    expect(s.reason).toBe(
      "Every set reached the top of the range last time (10, 10 and 10 at 80 kg), so add the smallest step: 82.5 kg for 3 sets of 6.",
    );
  });

  it("holds the load and aims one rep above the best set: 8, 8, 7 -> 80 kg for 3 x 9", () => {
    const s = suggest("barbell-bench-press", DOUBLE, [session(sets(80, [8, 8, 7]))]);
    expect(s).toMatchObject({ weight_kg: 80, reps_target: 9, rule: "double_progression_add_rep" });
    expect(s.reason).toBe(
      "Not every set reached the top of the range last time (8, 8 and 7 at 80 kg): stay at 80 kg and aim for one more rep, 3 sets of 9.",
    );
  });

  it("holds on a single missed rep (10, 10, 9), aiming for the top", () => {
    const s = suggest("barbell-bench-press", DOUBLE, [session(sets(80, [10, 10, 9]))]);
    expect(s).toMatchObject({ weight_kg: 80, reps_target: 10, rule: "double_progression_add_rep" });
  });

  it("holds when fewer sets than planned were done, even at the top", () => {
    const s = suggest("barbell-bench-press", DOUBLE, [session(sets(80, [10, 10]))]);
    expect(s).toMatchObject({ weight_kg: 80, reps_target: 10, rule: "double_progression_add_rep" });
  });

  it("holds when the reps were there but closer to failure than the target RIR", () => {
    const s = suggest("barbell-bench-press", DOUBLE, [session(sets(80, [10, 10, 10], 1))]);
    expect(s).toMatchObject({ weight_kg: 80, reps_target: 10, rule: "double_progression_repeat" });
    expect(s.reason).toContain("less than 2 in reserve");
  });

  it("counts a set with no RIR logged as meeting the target", () => {
    const s = suggest("barbell-bench-press", DOUBLE, [session(sets(80, [10, 10, 10], null))]);
    expect(s).toMatchObject({ weight_kg: 82.5, rule: "double_progression_add_load" });
  });

  it("judges the heaviest sets: a lighter back-off set neither counts nor blocks", () => {
    const s = suggest("barbell-bench-press", DOUBLE, [
      session([...sets(80, [10, 10, 10]), ...sets(60, [6])]),
    ]);
    expect(s).toMatchObject({ weight_kg: 82.5, rule: "double_progression_add_load" });
  });

  it("aims at least the bottom of the range after a bad day: 5, 4, 4 -> 3 x 6", () => {
    const s = suggest("barbell-bench-press", DOUBLE, [session(sets(80, [5, 4, 4]))]);
    expect(s).toMatchObject({ weight_kg: 80, reps_target: 6 });
  });

  it("steps dumbbells by the rack's step: 24 -> 26 kg", () => {
    const s = suggest("dumbbell-bench-press", DOUBLE, [session(sets(24, [10, 10, 10]))]);
    expect(s.weight_kg).toBe(26);
  });

  it("asks for a harder variation when a bodyweight exercise reaches the top", () => {
    const s = suggest("push-up", DOUBLE, [session(sets(0, [10, 10, 10]))]);
    expect(s).toMatchObject({
      weight_kg: 0,
      reps_target: 10,
      rule: "double_progression_make_harder",
    });
  });

  it("says seconds for timed holds", () => {
    const hold = { ...DOUBLE, rep_min: 20, rep_max: 40 };
    const s = suggest("plank", hold, [session(sets(0, [30, 30, 25]))]);
    expect(s).toMatchObject({ weight_kg: 0, reps_target: 31 });
    expect(s.reason).toContain("one more second");
  });

  it("rounds an unloadable last load to the nearest loadable one before holding: 81 -> 80 kg", () => {
    expect(suggest("barbell-bench-press", DOUBLE, [session(sets(81, [8, 8, 8]))]).weight_kg).toBe(
      80,
    );
    expect(
      suggest("barbell-bench-press", DOUBLE, [session(sets(81, [10, 10, 10]))]).weight_kg,
    ).toBe(82.5);
  });
});

describe("linear load", () => {
  it("adds 5 kg to a lower-body lift while sets are completed: squat 100 -> 105 kg", () => {
    const s = suggest("barbell-back-squat", LINEAR, [session(sets(100, [5, 5, 5], 3))]);
    expect(s).toMatchObject({ weight_kg: 105, reps_target: 5, rule: "linear_add_load" });
    expect(s.reason).toBe(
      "Every set was completed last time (5, 5 and 5 at 100 kg), so add 5 kg: 105 kg for 3 sets of 5.",
    );
  });

  it("adds 2.5 kg to an upper-body lift: bench 60 -> 62.5 kg", () => {
    const s = suggest("barbell-bench-press", LINEAR, [session(sets(60, [5, 5, 5], 3))]);
    expect(s).toMatchObject({ weight_kg: 62.5, rule: "linear_add_load" });
  });

  it("adds 10 lb / 5 lb for pounds: squat 225 -> 235 lb, bench 135 -> 140 lb", () => {
    const squat = suggest(
      "barbell-back-squat",
      LINEAR,
      [session(sets(lbToKg(225), [5, 5, 5], null))],
      {
        increments: IMPERIAL,
      },
    );
    expect(kgToLb(squat.weight_kg as number)).toBe(235);
    expect(squat.reason).toBe(
      "Every set was completed last time (5, 5 and 5 at 225 lb), so add 10 lb: 235 lb for 3 sets of 5.",
    );
    const bench = suggest(
      "barbell-bench-press",
      LINEAR,
      [session(sets(lbToKg(135), [5, 5, 5], null))],
      {
        increments: IMPERIAL,
      },
    );
    expect(kgToLb(bench.weight_kg as number)).toBe(140);
  });

  it("adds at least the user's smallest step when the rule's step cannot be loaded", () => {
    const coarse = { ...METRIC, smallest_plate: 2.5 };
    const s = suggest("barbell-bench-press", LINEAR, [session(sets(60, [5, 5, 5], 3))], {
      increments: coarse,
    });
    expect(s.weight_kg).toBe(65);
  });

  it("repeats the load after one missed session, and drops 10% after two at that load", () => {
    const once = suggest("barbell-back-squat", LINEAR, [
      session(sets(100, [5, 4, 4])),
      session(sets(95, [5, 5, 5])),
    ]);
    expect(once).toMatchObject({ weight_kg: 100, reps_target: 5, rule: "linear_repeat" });
    expect(once.reason).toContain("a second miss at this load drops it 10%");
    const twice = suggest("barbell-back-squat", LINEAR, [
      session(sets(100, [5, 4, 3])),
      session(sets(100, [5, 4, 4])),
      session(sets(95, [5, 5, 5])),
    ]);
    expect(twice).toMatchObject({ weight_kg: 90, reps_target: 5, rule: "linear_reset" });
    expect(twice.reason).toBe(
      "2 sessions in a row fell short at 100 kg: drop 10% to 90 kg for 3 sets of 5 and build back up.",
    );
  });

  it("rounds the 10% drop down to a loadable weight: 62.5 -> 55 kg (56.25 is not loadable)", () => {
    const s = suggest("barbell-bench-press", LINEAR, [
      session(sets(62.5, [4, 4, 4])),
      session(sets(62.5, [5, 4, 4])),
    ]);
    expect(s).toMatchObject({ weight_kg: 55, rule: "linear_reset" });
  });

  it("starts the stall count again after a reset: one miss at the new load repeats it", () => {
    const s = suggest("barbell-back-squat", LINEAR, [
      session(sets(90, [5, 5, 4])),
      session(sets(100, [5, 4, 3])),
      session(sets(100, [5, 4, 4])),
    ]);
    expect(s).toMatchObject({ weight_kg: 90, rule: "linear_repeat" });
  });

  it("repeats (without counting a stall) when the reps were made closer to failure", () => {
    const s = suggest("barbell-back-squat", LINEAR, [
      session(sets(100, [5, 5, 5], 1)),
      session(sets(100, [5, 4, 4])),
    ]);
    expect(s).toMatchObject({ weight_kg: 100, rule: "linear_repeat" });
    expect(s.reason).toContain("less than 3 in reserve");
  });

  it("cannot drop below the empty bar: repeats it", () => {
    const s = suggest("barbell-bench-press", LINEAR, [
      session(sets(20, [4, 4, 4])),
      session(sets(20, [4, 4, 3])),
    ]);
    expect(s).toMatchObject({ weight_kg: 20, rule: "linear_repeat" });
  });
});

describe("deload and lighter weeks", () => {
  const deload: PlannedExercise = { ...DOUBLE, sets: 2, target_rir: 4, progression: "hold" };

  it("holds the last working load with the deload's sets and RIR", () => {
    const s = suggest("barbell-bench-press", deload, [session(sets(80, [10, 10, 10]))], {
      deload_week: true,
    });
    expect(s).toMatchObject({ weight_kg: 80, sets: 2, rir: 4, reps_target: 6, rule: "hold" });
    expect(s.reason).toBe("Deload week: keep 80 kg for 2 sets of 6 and stop with 4 in reserve.");
  });

  it("says lighter week for a return week (hold outside a deload)", () => {
    const s = suggest("barbell-bench-press", deload, [session(sets(80, [8, 8, 8]))]);
    expect(s.reason).toMatch(/^Lighter week: keep 80 kg/);
  });

  it("ignores the deload session afterwards: progression reads the last normal week", () => {
    const s = suggest("barbell-bench-press", DOUBLE, [
      session(sets(80, [6, 6], 4), true),
      session(sets(80, [10, 10, 10])),
    ]);
    expect(s).toMatchObject({ weight_kg: 82.5, rule: "double_progression_add_load" });
  });
});

describe("no history", () => {
  it("asks the user to find a load when nothing related is known", () => {
    const s = suggest("barbell-bench-press", DOUBLE, []);
    expect(s).toMatchObject({ weight_kg: null, reps_target: 6, sets: 3, rule: "start_unknown" });
    expect(s.reason).toBe("Find a weight you can lift for 6 reps with 2 in reserve.");
  });

  it("starts from a related lift's e1RM: 100 kg / (1 + (6 + 2) / 30) x 0.8 = 63.2 -> 62.5 kg", () => {
    const s = suggest("incline-barbell-bench-press", DOUBLE, [], {
      related: {
        exercise_id: "barbell-bench-press",
        name: "Barbell Bench Press",
        date: "2025-03-01",
        e1rm_kg: 100,
      },
    });
    expect(s).toMatchObject({ weight_kg: 62.5, reps_target: 6, rule: "start_from_related" });
    expect(s.reason).toBe(
      "No history on this lift yet: from your Barbell Bench Press (estimated 1RM 100 kg), start at 62.5 kg for 3 sets of 6 with 2 in reserve and adjust if it feels far off.",
    );
  });

  it("never starts below the empty bar", () => {
    const s = suggest("incline-barbell-bench-press", DOUBLE, [], {
      related: {
        exercise_id: "barbell-bench-press",
        name: "Bench",
        date: "2025-03-01",
        e1rm_kg: 25,
      },
    });
    expect(s.weight_kg).toBe(20);
  });

  it("aims the linear target (top of the range) when starting a linear lift", () => {
    expect(suggest("barbell-back-squat", LINEAR, []).reps_target).toBe(5);
  });

  it("needs no load for a bodyweight exercise", () => {
    const s = suggest("push-up", DOUBLE, []);
    expect(s).toMatchObject({ weight_kg: 0, rule: "start_bodyweight" });
  });

  it("treats a loaded lift logged at 0 kg as unknown load, not as a load of 0", () => {
    const s = suggest("barbell-bench-press", DOUBLE, [session(sets(0, [10, 10, 10]))]);
    expect(s.rule).toBe("start_unknown");
  });

  it("asks to check the increments when the last load is lighter than the empty bar", () => {
    const s = suggest("barbell-bench-press", DOUBLE, [session(sets(10, [10, 10, 10]))]);
    expect(s).toMatchObject({ weight_kg: null, rule: "check_increments" });
    expect(s.reason).toContain("(20 kg): check your load increments");
  });
});
