import { describe, expect, it } from "vitest";
import type { ProgramExercise } from "../../../engine/coaching/program-schema";
import { sayLastAndTarget } from "../../../engine/lifter/reasons";
import type { Performance } from "../../../engine/lifter/suggest-load";
import { sessionTargets } from "../../../engine/lifter/today-targets";
import { lbToKg } from "../../../kernel/units";
import { byId } from "../support";
import { IMPERIAL, METRIC } from "./support";

const planned = (
  exercise_id: string,
  patch: Partial<ProgramExercise> = {},
): Pick<
  ProgramExercise,
  "exercise_id" | "sets" | "rep_min" | "rep_max" | "target_rir" | "progression"
> => ({
  exercise_id,
  sets: 3,
  rep_min: 6,
  rep_max: 10,
  target_rir: 2,
  progression: "double_progression",
  ...patch,
});

const performed = (date: string, weight: number, reps: number[]): Performance => ({
  date,
  deload: false,
  sets: reps.map((r) => ({ weight_kg: weight, reps: r, rir: 2 })),
});

describe("a session's targets", () => {
  const targets = sessionTargets({
    exercises: [
      planned("plank", { rep_min: 20, rep_max: 40 }),
      planned("barbell-bench-press"),
      planned("incline-barbell-bench-press"),
      planned("dumbbell-curl", { rep_min: 10, rep_max: 15 }),
      planned("not-in-the-catalog"),
    ],
    deload_week: false,
    history: new Map([["barbell-bench-press", [performed("2025-03-03", 80, [8, 8, 7])]]]),
    e1rms: [{ exercise_id: "barbell-bench-press", date: "2025-03-03", e1rm_kg: 101.3 }],
    byId,
    increments: METRIC,
    today: "2025-03-06",
  });

  it("gives last time and the target of each exercise, in session order", () => {
    expect(targets.map((t) => t.exercise_id)).toEqual([
      "plank",
      "barbell-bench-press",
      "incline-barbell-bench-press",
      "dumbbell-curl",
      "not-in-the-catalog",
    ]);
    const bench = targets[1];
    expect(bench?.last).toEqual({
      date: "2025-03-03",
      sets: [
        { weight_kg: 80, reps: 8, rir: 2 },
        { weight_kg: 80, reps: 8, rir: 2 },
        { weight_kg: 80, reps: 7, rir: 2 },
      ],
    });
    expect(bench?.suggested).toMatchObject({ weight_kg: 80, reps_target: 9, sets: 3 });
  });

  it("starts a new lift from a related lift logged this week", () => {
    expect(targets[2]?.last).toBeNull();
    expect(targets[2]?.suggested?.rule).toBe("start_from_related");
    expect(targets[3]?.suggested?.rule).toBe("start_unknown");
  });

  it("ramps up to the first main lift only (the plank before it is not one)", () => {
    expect(targets[0]?.warmup).toEqual([]);
    expect(targets[1]?.warmup.map((w) => w.weight_kg)).toEqual([20, 32.5, 47.5, 65]);
    expect(targets[2]?.warmup).toEqual([]);
  });

  it("has no target for an exercise the catalog does not know", () => {
    expect(targets[4]).toEqual({
      exercise_id: "not-in-the-catalog",
      last: null,
      suggested: null,
      warmup: [],
    });
  });
});

describe("what the voice coach says", () => {
  it("says last time and today's target in one line", () => {
    expect(
      sayLastAndTarget(
        performed("2025-03-03", 80, [8, 8, 7]),
        { weight_kg: 80, sets: 3, reps_target: 9 },
        "kg",
      ),
    ).toBe("Last time 80 kg for 8, 8 and 7; today 80 kg, 3 sets of 9.");
  });

  it("groups loads, speaks pounds, and handles no history or no load", () => {
    const mixed: Performance = {
      date: "2025-03-03",
      deload: false,
      sets: [
        { weight_kg: lbToKg(135), reps: 8, rir: null },
        { weight_kg: lbToKg(135), reps: 8, rir: null },
        { weight_kg: lbToKg(115), reps: 10, rir: null },
      ],
    };
    expect(
      sayLastAndTarget(mixed, { weight_kg: lbToKg(140), sets: 3, reps_target: 6 }, IMPERIAL.unit),
    ).toBe("Last time 135 lb for 8 and 8, then 115 lb for 10; today 140 lb, 3 sets of 6.");
    expect(sayLastAndTarget(null, { weight_kg: null, sets: 2, reps_target: 8 }, "kg")).toBe(
      "Today find a weight for 2 sets of 8.",
    );
    expect(
      sayLastAndTarget(
        performed("2025-03-03", 0, [12, 11]),
        { weight_kg: 0, sets: 2, reps_target: 12 },
        "kg",
      ),
    ).toBe("Last time 12 and 11; today 2 sets of 12.");
  });
});
