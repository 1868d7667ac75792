import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isLoadable, lightestLoad } from "../../../engine/lifter/load-increments";
import { firstMainLiftIndex, warmupRamp } from "../../../engine/lifter/warmup";
import { kgToLb, lbToKg } from "../../../kernel/units";
import { byId, RUNS } from "../support";
import { IMPERIAL, incrementsArb, METRIC } from "./support";

describe("warm-up ramp", () => {
  it("goes bar, 40, 60, 80% to a 100 kg squat: 20x10, 40x5, 60x3, 80x2", () => {
    expect(warmupRamp(100, "barbell", METRIC)).toEqual([
      { weight_kg: 20, reps: 10 },
      { weight_kg: 40, reps: 5 },
      { weight_kg: 60, reps: 3 },
      { weight_kg: 80, reps: 2 },
    ]);
  });

  it("rounds each step to the plates: 82.5 kg -> 32.5, 50, 65", () => {
    // 33, 49.5, 66 rounded to 2.5 kg steps on a 20 kg bar.
    expect(warmupRamp(82.5, "barbell", METRIC).map((s) => s.weight_kg)).toEqual([20, 32.5, 50, 65]);
  });

  it("uses pound plates for an imperial lifter: 225 lb -> 45, 90, 135, 180", () => {
    const ramp = warmupRamp(lbToKg(225), "barbell", IMPERIAL);
    expect(ramp.map((s) => kgToLb(s.weight_kg))).toEqual([45, 90, 135, 180]);
  });

  it("drops steps that round onto the bar or the working load: 30 kg -> bar, 25", () => {
    // 12 and 18 kg are under the bar; 24 rounds to 25.
    expect(warmupRamp(30, "barbell", METRIC)).toEqual([
      { weight_kg: 20, reps: 10 },
      { weight_kg: 25, reps: 2 },
    ]);
    expect(warmupRamp(20, "barbell", METRIC)).toEqual([]);
  });

  it("has no empty bar for dumbbells and nothing for bodyweight", () => {
    expect(warmupRamp(30, "dumbbell", METRIC)).toEqual([
      { weight_kg: 12, reps: 5 },
      { weight_kg: 18, reps: 3 },
      { weight_kg: 24, reps: 2 },
    ]);
    expect(warmupRamp(50, "none", METRIC)).toEqual([]);
  });

  it("is always loadable, rising and under the working load", () => {
    fc.assert(
      fc.property(
        incrementsArb,
        fc.constantFrom("barbell", "ez_bar", "dumbbell", "kettlebell", "stack" as const),
        fc.double({ min: 0, max: 400, noNaN: true }),
        (inc, implement, working) => {
          const ramp = warmupRamp(working, implement, inc);
          let previous = 0;
          for (const set of ramp) {
            expect(isLoadable(set.weight_kg, implement, inc)).toBe(true);
            expect(set.weight_kg).toBeGreaterThan(previous);
            expect(set.weight_kg).toBeLessThan(working);
            expect(set.weight_kg).toBeGreaterThanOrEqual(lightestLoad(implement, inc));
            previous = set.weight_kg;
          }
          expect(ramp.length).toBeLessThanOrEqual(4);
        },
      ),
      { numRuns: RUNS * 5 },
    );
  });
});

describe("the first main lift", () => {
  it("is the first loaded multi-joint lift of a main pattern in session order", () => {
    expect(firstMainLiftIndex(["plank", "push-up", "barbell-back-squat", "leg-press"], byId)).toBe(
      2,
    );
    expect(firstMainLiftIndex(["plank", "dumbbell-curl"], byId)).toBe(-1);
    expect(firstMainLiftIndex(["no-such-exercise", "leg-press"], byId)).toBe(1);
  });
});
