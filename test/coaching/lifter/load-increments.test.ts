import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_LOAD_INCREMENTS,
  formatLoad,
  type Implement,
  implementOf,
  incrementsFor,
  isLoadable,
  lightestLoad,
  loadIncrementsSchema,
  nextLoad,
  roundLoad,
  stepKg,
} from "../../../engine/lifter/load-increments";
import { kgToLb, lbToKg } from "../../../kernel/units";
import { catalogEntry, RUNS } from "../support";
import { IMPERIAL, incrementsArb, METRIC } from "./support";

const LOADED: Implement[] = ["barbell", "ez_bar", "dumbbell", "kettlebell", "stack"];

describe("which implement carries the load", () => {
  it("is the barbell of a barbell hip thrust, not its bench", () => {
    expect(implementOf(catalogEntry("barbell-hip-thrust"))).toBe("barbell");
    expect(implementOf(catalogEntry("dumbbell-bench-press"))).toBe("dumbbell");
    expect(implementOf(catalogEntry("ez-bar-curl"))).toBe("ez_bar");
    expect(implementOf(catalogEntry("kettlebell-swing"))).toBe("kettlebell");
    expect(implementOf(catalogEntry("leg-press"))).toBe("stack");
    expect(implementOf(catalogEntry("lat-pulldown"))).toBe("stack");
    expect(implementOf(catalogEntry("push-up"))).toBe("none");
  });

  it("is none where the equipment only supports the body (the inverted row's bar)", () => {
    expect(implementOf(catalogEntry("inverted-row"))).toBe("none");
    expect(implementOf(catalogEntry("machine-assisted-dip"))).toBe("none");
  });
});

describe("defaults by unit system", () => {
  it("are a 20 kg bar with 1.25 kg plates, or a 45 lb bar with 2.5 lb plates", () => {
    expect(incrementsFor(null, "metric")).toEqual(DEFAULT_LOAD_INCREMENTS.metric);
    expect(incrementsFor(undefined, "imperial")).toEqual(DEFAULT_LOAD_INCREMENTS.imperial);
    expect(lightestLoad("barbell", METRIC)).toBe(20);
    expect(stepKg("barbell", METRIC)).toBe(2.5);
    expect(lightestLoad("barbell", IMPERIAL)).toBe(lbToKg(45));
    expect(kgToLb(stepKg("barbell", IMPERIAL))).toBe(5);
  });

  it("are replaced by what the user stored", () => {
    const own = { ...METRIC, smallest_plate: 0.5 };
    expect(incrementsFor(own, "imperial")).toBe(own);
  });
});

describe("the load_increments schema", () => {
  it("accepts the defaults and rejects a zero plate, an unknown unit or an unknown field", () => {
    expect(loadIncrementsSchema.safeParse(IMPERIAL).success).toBe(true);
    const bad = (patch: object) =>
      loadIncrementsSchema.safeParse({ ...METRIC, ...patch }).error?.issues[0]?.path;
    expect(bad({ smallest_plate: 0 })).toEqual(["smallest_plate"]);
    expect(bad({ dumbbell_step: -2 })).toEqual(["dumbbell_step"]);
    expect(bad({ unit: "stone" })).toEqual(["unit"]);
    expect(bad({ bar_weight: 500 })).toEqual(["bar_weight"]);
    expect(loadIncrementsSchema.safeParse({ ...METRIC, plates: [25] }).success).toBe(false);
  });
});

describe("rounding to a loadable weight", () => {
  it("goes to the nearest pair of plates, the lighter one on a tie", () => {
    expect(roundLoad(81, "barbell", METRIC)).toBe(80);
    expect(roundLoad(81.25, "barbell", METRIC)).toBe(80);
    expect(roundLoad(81.3, "barbell", METRIC)).toBe(82.5);
    expect(roundLoad(81.3, "barbell", METRIC, "down")).toBe(80);
    expect(roundLoad(80.1, "barbell", METRIC, "up")).toBe(82.5);
  });

  it("never goes below the empty bar or the lightest dumbbell", () => {
    expect(roundLoad(0, "barbell", METRIC)).toBe(20);
    expect(roundLoad(12, "barbell", METRIC, "down")).toBe(20);
    expect(roundLoad(0.5, "dumbbell", METRIC)).toBe(2);
    expect(roundLoad(1, "stack", METRIC)).toBe(5);
  });

  it("follows the rack: 2 kg dumbbells, 4 kg kettlebells, 5 kg stack plates", () => {
    expect(roundLoad(23, "dumbbell", METRIC)).toBe(22);
    expect(roundLoad(23.1, "dumbbell", METRIC)).toBe(24);
    expect(roundLoad(18, "kettlebell", METRIC)).toBe(16);
    expect(roundLoad(43, "stack", METRIC)).toBe(45);
    expect(roundLoad(37, "ez_bar", METRIC)).toBe(37.5);
  });

  it("counts in pounds for lb plates, stored to 0.01 kg that read back exactly", () => {
    // 137 lb on a 45 lb bar with 2.5 lb plates: 135 (45 + 2 x 45).
    expect(kgToLb(roundLoad(lbToKg(137), "barbell", IMPERIAL))).toBe(135);
    expect(roundLoad(lbToKg(137), "barbell", IMPERIAL)).toBe(61.23);
    expect(kgToLb(roundLoad(lbToKg(138), "barbell", IMPERIAL))).toBe(140);
    expect(isLoadable(61.23, "barbell", IMPERIAL)).toBe(true);
    expect(isLoadable(61.23, "barbell", METRIC)).toBe(false);
    expect(kgToLb(roundLoad(lbToKg(52), "dumbbell", IMPERIAL))).toBe(50);
    expect(kgToLb(nextLoad(lbToKg(135), "barbell", IMPERIAL))).toBe(140);
  });

  it("leaves bodyweight exercises alone", () => {
    expect(roundLoad(7.333, "none", METRIC)).toBe(7.33);
    expect(nextLoad(0, "none", METRIC)).toBe(0);
  });

  it("always lands on a loadable weight within half a step of any load above the lightest", () => {
    fc.assert(
      fc.property(
        incrementsArb,
        fc.constantFrom(...LOADED),
        fc.double({ min: 0, max: 400, noNaN: true }),
        (inc, implement, kg) => {
          const step = stepKg(implement, inc);
          const lightest = lightestLoad(implement, inc);
          for (const mode of ["nearest", "down", "up"] as const) {
            const rounded = roundLoad(kg, implement, inc, mode);
            expect(isLoadable(rounded, implement, inc)).toBe(true);
            expect(rounded).toBeGreaterThanOrEqual(lightest);
            if (kg < lightest) continue;
            if (mode === "nearest")
              expect(Math.abs(rounded - kg)).toBeLessThanOrEqual(step / 2 + 0.02);
            if (mode === "down") expect(rounded).toBeLessThanOrEqual(kg + 0.02);
            if (mode === "up") expect(rounded).toBeGreaterThanOrEqual(kg - 0.02);
          }
          const next = nextLoad(kg, implement, inc);
          expect(isLoadable(next, implement, inc)).toBe(true);
          expect(next).toBeGreaterThan(kg - 0.02);
          if (kg >= lightest) expect(next).toBeLessThanOrEqual(kg + step + 0.02);
        },
      ),
      { numRuns: RUNS * 5 },
    );
  });

  it("is idempotent: a loadable weight rounds to itself, also after the trip through storage", () => {
    fc.assert(
      fc.property(
        incrementsArb,
        fc.constantFrom(...LOADED),
        fc.double({ min: 0, max: 400, noNaN: true }),
        (inc, implement, kg) => {
          const loadable = roundLoad(kg, implement, inc);
          expect(roundLoad(loadable, implement, inc)).toBe(loadable);
          expect(roundLoad(loadable, implement, inc, "down")).toBe(loadable);
          expect(roundLoad(loadable, implement, inc, "up")).toBe(loadable);
          if (inc.unit === "lb") expect(lbToKg(kgToLb(loadable))).toBe(loadable);
        },
      ),
      { numRuns: RUNS * 5 },
    );
  });
});

describe("formatting a load", () => {
  it("says it in the user's unit without trailing zeros", () => {
    expect(formatLoad(82.5, "kg")).toBe("82.5 kg");
    expect(formatLoad(80, "kg")).toBe("80 kg");
    expect(formatLoad(61.23, "lb")).toBe("135 lb");
    expect(formatLoad(lbToKg(137.5), "lb")).toBe("137.5 lb");
  });
});
