import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { generateProgram } from "../../engine/coaching/program-generator";
import { FOCUS_MAJORS, splitForDays } from "../../engine/coaching/split";
import { GOALS, LEVELS, MAJOR_MUSCLES } from "../../engine/coaching/vocabulary";
import { fullVolumeMinutes } from "../../engine/coaching/volume";
import { firstNormalWeek, programInputArb, RUNS } from "./support";

describe("split by days per week", () => {
  it("uses full body for 2-3 days, upper/lower for 4, push/pull/legs for 5-6", () => {
    expect(splitForDays(2).focuses).toEqual(["full_body", "full_body"]);
    expect(splitForDays(3).focuses).toEqual(["full_body", "full_body", "full_body"]);
    expect(splitForDays(4).focuses).toEqual(["upper", "lower", "upper", "lower"]);
    expect(splitForDays(5).focuses).toEqual(["push", "pull", "legs", "upper", "lower"]);
    expect(splitForDays(6).focuses).toEqual(["push", "pull", "legs", "push", "pull", "legs"]);
    expect(() => splitForDays(7)).toThrow(RangeError);
  });

  it("puts every major muscle on at least two days of every split", () => {
    for (let days = 2; days <= 6; days++) {
      for (const muscle of MAJOR_MUSCLES) {
        const daysWithMuscle = splitForDays(days).focuses.filter((focus) =>
          FOCUS_MAJORS[focus].includes(muscle),
        );
        expect(daysWithMuscle.length, `${muscle} on ${days} days`).toBeGreaterThanOrEqual(2);
      }
    }
  });

  it("gives every generated program the split's day focuses, one session per training day", () => {
    fc.assert(
      fc.property(programInputArb, (input) => {
        const program = generateProgram(input);
        const focuses = splitForDays(program.days_per_week).focuses;
        for (const week of program.weeks) {
          expect(week.days.map((day) => day.focus)).toEqual(focuses);
          for (const day of week.days) expect(day.exercises.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it("trains each major muscle on at least two days a week when sessions are long enough", () => {
    const arb = fc
      .record({
        goal: fc.constantFrom(...GOALS),
        fitness_level: fc.constantFrom(...LEVELS),
        days_per_week: fc.integer({ min: 2, max: 6 }),
      })
      .filter(
        (base) => fullVolumeMinutes(base.goal, base.fitness_level, base.days_per_week) !== null,
      )
      .chain((base) =>
        fc
          .record({
            rest: programInputArb,
            minutes: fc.integer({
              min: fullVolumeMinutes(base.goal, base.fitness_level, base.days_per_week) ?? 120,
              max: 120,
            }),
          })
          .map(({ rest, minutes }) => ({
            ...rest,
            ...base,
            session_minutes: minutes,
            injuries: [],
          })),
      );
    fc.assert(
      fc.property(arb, (input) => {
        const week = firstNormalWeek(generateProgram(input));
        for (const muscle of MAJOR_MUSCLES) {
          const days = week.days.filter((day) =>
            day.exercises.some(
              (e) => e.primary_muscles.includes(muscle) || e.secondary_muscles.includes(muscle),
            ),
          );
          expect(days.length, muscle).toBeGreaterThanOrEqual(2);
        }
      }),
      { numRuns: RUNS },
    );
  });
});
