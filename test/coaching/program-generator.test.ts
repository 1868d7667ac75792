import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { generateProgram } from "../../engine/coaching/program-generator";
import { programInputSchema, programSchema } from "../../engine/coaching/program-schema";
import { programInputArb, RUNS } from "./support";

describe("program generator", () => {
  it("returns the same program for the same input and seed", () => {
    fc.assert(
      fc.property(programInputArb, (input) => {
        expect(generateProgram(structuredClone(input))).toEqual(generateProgram(input));
      }),
      { numRuns: RUNS },
    );
  });

  it("returns plain data that matches the published program schema", () => {
    fc.assert(
      fc.property(programInputArb, (input) => {
        const program = generateProgram(input);
        expect(programSchema.parse(program)).toEqual(program);
        expect(JSON.parse(JSON.stringify(program))).toEqual(program);
        expect(program.weeks).toHaveLength(program.duration_weeks);
      }),
      { numRuns: RUNS },
    );
  });

  it("describes its length with the right article (an 8-week, a 4-week)", () => {
    const input = {
      goal: "strength",
      fitness_level: "beginner",
      days_per_week: 3,
      session_minutes: 45,
      location: "gym",
    } as const;
    const opening = (weeks: number) =>
      generateProgram({ ...input, duration_weeks: weeks }).description.split(" strength")[0];
    expect([4, 8, 11, 12, 16].map(opening)).toEqual([
      "A 4-week",
      "An 8-week",
      "An 11-week",
      "A 12-week",
      "A 16-week",
    ]);
  });

  it("lets the seed vary the exercise choice", () => {
    const base = {
      goal: "muscle_gain",
      fitness_level: "intermediate",
      days_per_week: 4,
      session_minutes: 60,
      location: "gym",
      duration_weeks: 8,
    } as const;
    const ids = (seed: number) =>
      generateProgram({ ...base, seed }).weeks[0]?.days.flatMap((d) =>
        d.exercises.map((e) => e.exercise_id),
      );
    const distinct = new Set([1, 2, 3, 4, 5].map((seed) => JSON.stringify(ids(seed))));
    expect(distinct.size).toBeGreaterThan(1);
  });

  it("builds a reference upper/lower program for an intermediate lifter", () => {
    const program = generateProgram({
      goal: "muscle_gain",
      fitness_level: "intermediate",
      days_per_week: 4,
      session_minutes: 60,
      equipment: ["barbell", "dumbbell", "bench", "cable", "machine", "pull_up_bar"],
      location: "gym",
      duration_weeks: 12,
      preferred_weekdays: ["mon", "tue", "thu", "fri"],
      seed: "reference",
    });
    expect(program.name).toBe("4-Day Upper/Lower Muscle Gain Program");
    expect(program.weeks.filter((w) => w.deload).map((w) => w.week)).toEqual([5, 10]);
    expect(program.weeks[0]?.days.map((d) => [d.weekday, d.focus])).toEqual([
      ["mon", "upper"],
      ["tue", "lower"],
      ["thu", "upper"],
      ["fri", "lower"],
    ]);
    for (const day of program.weeks[0]?.days ?? []) {
      expect(day.estimated_minutes).toBeGreaterThan(40);
      expect(day.estimated_minutes).toBeLessThanOrEqual(60);
    }
  });

  it("rejects input outside the documented ranges", () => {
    const valid = {
      goal: "strength",
      fitness_level: "beginner",
      days_per_week: 3,
      session_minutes: 45,
      duration_weeks: 8,
    };
    expect(programInputSchema.safeParse(valid).success).toBe(true);
    expect(programInputSchema.safeParse({ ...valid, days_per_week: 7 }).success).toBe(false);
    expect(programInputSchema.safeParse({ ...valid, session_minutes: 15 }).success).toBe(false);
    expect(programInputSchema.safeParse({ ...valid, duration_weeks: 17 }).success).toBe(false);
    expect(programInputSchema.safeParse({ ...valid, equipment: ["rower"] }).success).toBe(false);
    expect(() => generateProgram({ ...valid, days_per_week: 1 } as never)).toThrow();
  });
});
