import { describe, expect, it } from "vitest";
import { epley } from "../../../engine/coaching/progress";
import {
  isRelatedLift,
  type LiftE1rm,
  loadForReps,
  pickRelatedLift,
} from "../../../engine/lifter/starting-load";
import { byId, catalogEntry } from "../support";

describe("Epley scaled to reps and reps in reserve", () => {
  it("is the inverse of the e1RM the progress report computes, counting RIR as reps left", () => {
    // 8 reps with 2 in reserve is a 10-rep max: 100 / (1 + 10/30) = 75.
    expect(loadForReps(100, 8, 2)).toBeCloseTo(75, 10);
    expect(epley(loadForReps(120, 5, 0), 5)).toBeCloseTo(120, 10);
  });
});

describe("related lifts", () => {
  it("are close variations on the same free-weight implement", () => {
    const bench = catalogEntry("barbell-bench-press");
    expect(isRelatedLift(bench, catalogEntry("incline-barbell-bench-press"))).toBe(true);
    expect(isRelatedLift(catalogEntry("dumbbell-curl"), catalogEntry("hammer-curl"))).toBe(true);
  });

  it("exclude other implements, machines, other muscles and far-apart variations", () => {
    const bench = catalogEntry("barbell-bench-press");
    expect(isRelatedLift(bench, bench)).toBe(false);
    expect(isRelatedLift(bench, catalogEntry("dumbbell-bench-press"))).toBe(false);
    expect(isRelatedLift(bench, catalogEntry("close-grip-bench-press"))).toBe(false); // triceps
    expect(isRelatedLift(catalogEntry("leg-press"), catalogEntry("hack-squat"))).toBe(false);
    expect(isRelatedLift(catalogEntry("romanian-deadlift"), catalogEntry("good-morning"))).toBe(
      false,
    );
    expect(isRelatedLift(catalogEntry("barbell-bent-over-row"), catalogEntry("inverted-row"))).toBe(
      false,
    );
  });

  it("picks the most recently trained relative within 12 weeks, the higher e1RM on a tie", () => {
    const incline = catalogEntry("incline-barbell-bench-press");
    const lifts: LiftE1rm[] = [
      { exercise_id: "barbell-bench-press", date: "2025-01-10", e1rm_kg: 100 },
      { exercise_id: "dumbbell-bench-press", date: "2025-03-01", e1rm_kg: 80 },
      { exercise_id: "barbell-back-squat", date: "2025-03-01", e1rm_kg: 150 },
    ];
    expect(pickRelatedLift(incline, lifts, byId, "2025-03-05")).toEqual({
      exercise_id: "barbell-bench-press",
      name: catalogEntry("barbell-bench-press").name,
      date: "2025-01-10",
      e1rm_kg: 100,
    });
    // 84 days later the estimate is too old to start from.
    expect(pickRelatedLift(incline, lifts, byId, "2025-04-05")).toBeNull();
    const bench = catalogEntry("barbell-bench-press");
    const both: LiftE1rm[] = [
      { exercise_id: "incline-barbell-bench-press", date: "2025-03-01", e1rm_kg: 80 },
    ];
    expect(pickRelatedLift(bench, both, byId, "2025-03-02")?.exercise_id).toBe(
      "incline-barbell-bench-press",
    );
  });

  it("pick the fresher estimate over the heavier older one", () => {
    const curl = catalogEntry("dumbbell-curl");
    const lifts: LiftE1rm[] = [
      { exercise_id: "hammer-curl", date: "2025-02-01", e1rm_kg: 30 },
      { exercise_id: "hammer-curl", date: "2025-03-01", e1rm_kg: 25 },
    ];
    expect(pickRelatedLift(curl, lifts, byId, "2025-03-02")?.e1rm_kg).toBe(25);
  });
});
