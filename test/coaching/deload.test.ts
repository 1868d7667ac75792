import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { generateProgram } from "../../engine/coaching/program-generator";
import { DELOAD_EVERY } from "../../engine/coaching/progression";
import { LEVELS } from "../../engine/coaching/vocabulary";
import { programInputArb, RUNS, Violations } from "./support";

describe("deload weeks", () => {
  it("falls every 4 to 6 weeks depending on level", () => {
    for (const level of LEVELS) {
      expect(DELOAD_EVERY[level]).toBeGreaterThanOrEqual(4);
      expect(DELOAD_EVERY[level]).toBeLessThanOrEqual(6);
    }
  });

  it("marks exactly the cadence weeks as deloads, so at most five hard weeks run in a row", () => {
    fc.assert(
      fc.property(programInputArb, (input) => {
        const program = generateProgram(input);
        const every = DELOAD_EVERY[program.fitness_level];
        expect(program.weeks.map((w) => w.week)).toEqual(
          Array.from({ length: program.duration_weeks }, (_, i) => i + 1),
        );
        let hardRun = 0;
        for (const week of program.weeks) {
          expect(week.deload).toBe(week.week % every === 0);
          hardRun = week.deload ? 0 : hardRun + 1;
          expect(hardRun).toBeLessThanOrEqual(5);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it("has fewer sets and more reps in reserve than the weeks around it, with the load held", () => {
    fc.assert(
      fc.property(programInputArb, (input) => {
        const program = generateProgram({ ...input, duration_weeks: 16 });
        const normal = program.weeks[0];
        const deload = program.weeks.find((week) => week.deload);
        if (!normal || !deload) throw new Error("16 weeks always hold a deload");
        const total = (w: typeof normal) =>
          w.days.reduce((sum, d) => sum + d.exercises.reduce((s, e) => s + e.sets, 0), 0);
        expect(total(deload)).toBeLessThan(total(normal));
        const v = new Violations();
        deload.days.forEach((day, d) => {
          day.exercises.forEach((item, i) => {
            const before = normal.days[d]?.exercises[i];
            v.check(item.exercise_id === before?.exercise_id, `same exercise ${item.exercise_id}`);
            v.check(
              item.sets === Math.ceil((before?.sets ?? 0) / 2),
              `half sets ${item.exercise_id}`,
            );
            v.check(item.target_rir > (before?.target_rir ?? 99), `more RIR ${item.exercise_id}`);
            v.check(item.progression === "hold", `hold ${item.exercise_id}`);
          });
        });
        expect(v.list).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });
});
