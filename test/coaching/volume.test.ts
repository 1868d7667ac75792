import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { generateProgram } from "../../engine/coaching/program-generator";
import { GOALS, LEVELS, MAJOR_MUSCLES } from "../../engine/coaching/vocabulary";
import { fullVolumeMinutes, VOLUME_RANGES, weeklySets } from "../../engine/coaching/volume";
import { exercisesOf, normalWeeks, programInputArb, RUNS, Violations } from "./support";

/** Inputs with no injuries and sessions at least as long as fullVolumeMinutes promises. */
const fullVolumeArb = fc
  .record({
    goal: fc.constantFrom(...GOALS),
    fitness_level: fc.constantFrom(...LEVELS),
    days_per_week: fc.integer({ min: 2, max: 6 }),
  })
  .filter((base) => fullVolumeMinutes(base.goal, base.fitness_level, base.days_per_week) !== null)
  .chain((base) =>
    fc
      .record({
        rest: programInputArb,
        minutes: fc.integer({
          min: fullVolumeMinutes(base.goal, base.fitness_level, base.days_per_week) ?? 120,
          max: 120,
        }),
      })
      .map(({ rest, minutes }) => ({ ...rest, ...base, session_minutes: minutes, injuries: [] })),
  );

describe("weekly volume per muscle", () => {
  it("counts a primary muscle as one set and a secondary muscle as half a set", () => {
    const sets = weeklySets([
      { primary_muscles: ["chest"], secondary_muscles: ["triceps", "front_delts"], sets: 3 },
      { primary_muscles: ["triceps"], secondary_muscles: [], sets: 2 },
    ]);
    expect(sets.get("chest")).toBe(3);
    expect(sets.get("triceps")).toBe(3.5);
    expect(sets.get("front_delts")).toBe(1.5);
  });

  it("never exceeds the level's weekly maximum for any muscle, in any week", () => {
    fc.assert(
      fc.property(programInputArb, (input) => {
        const program = generateProgram(input);
        const { max } = VOLUME_RANGES[program.fitness_level];
        const v = new Violations();
        for (const week of program.weeks) {
          for (const [muscle, sets] of weeklySets(week.days.flatMap((d) => d.exercises))) {
            v.check(sets <= max, `${muscle} week ${week.week}: ${sets} > ${max}`);
          }
        }
        expect(v.list).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });

  it("gives every major muscle at least the level's minimum when sessions are long enough and there are no injuries", () => {
    fc.assert(
      fc.property(fullVolumeArb, (input) => {
        const program = generateProgram(input);
        const { min, max } = VOLUME_RANGES[program.fitness_level];
        const v = new Violations();
        for (const week of normalWeeks(program)) {
          const sets = weeklySets(week.days.flatMap((d) => d.exercises));
          for (const muscle of MAJOR_MUSCLES) {
            const value = sets.get(muscle) ?? 0;
            v.check(value >= min && value <= max, `${muscle} week ${week.week}: ${value}`);
          }
        }
        expect(v.list).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });

  it("documents when the minimum is guaranteed: 2-day advanced plans never are, long sessions mostly are", () => {
    expect(fullVolumeMinutes("strength", "advanced", 2)).toBeNull();
    expect(fullVolumeMinutes("muscle_gain", "beginner", 3)).toBe(55);
    for (const goal of GOALS) {
      for (const level of LEVELS) {
        for (let days = 3; days <= 6; days++) {
          const minutes = fullVolumeMinutes(goal, level, days);
          expect(minutes, `${goal} ${level} ${days}`).not.toBeNull();
          expect((minutes as number) % 5).toBe(0);
        }
      }
    }
  });

  it("gives every exercise of a normal week at least two sets", () => {
    fc.assert(
      fc.property(programInputArb, (input) => {
        const v = new Violations();
        for (const { week, item } of exercisesOf(generateProgram(input))) {
          if (!week.deload) v.check(item.sets >= 2, `${item.exercise_id}: ${item.sets} sets`);
        }
        expect(v.list).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });
});
