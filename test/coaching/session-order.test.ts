import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { generateProgram, sessionOrderKey } from "../../engine/coaching/program-generator";
import { MUSCLE_SIZE } from "../../engine/coaching/vocabulary";
import { catalogEntry, programInputArb, RUNS, Violations } from "./support";

describe("exercise order within a session", () => {
  it("puts compound before isolation, larger muscles first, conditioning last", () => {
    fc.assert(
      fc.property(programInputArb, (input) => {
        const program = generateProgram(input);
        const v = new Violations();
        for (const day of program.weeks[0]?.days ?? []) {
          const keys = day.exercises.map((item) => {
            const exercise = catalogEntry(item.exercise_id);
            const size = Math.max(...item.primary_muscles.map((m) => MUSCLE_SIZE[m]));
            return [
              exercise.pattern === "conditioning" ? 1 : 0,
              exercise.mechanic === "compound" ? 0 : 1,
              -size,
            ];
          });
          for (let i = 1; i < keys.length; i++) {
            const [a, b] = [keys[i - 1] as number[], keys[i] as number[]];
            const firstDiff = a.findIndex((value, k) => value !== b[k]);
            v.check(
              firstDiff < 0 || (a[firstDiff] as number) < (b[firstDiff] as number),
              `${day.weekday}: ${day.exercises[i - 1]?.exercise_id} before ${day.exercises[i]?.exercise_id}`,
            );
          }
        }
        expect(v.list).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });

  it("never repeats an exercise within a session", () => {
    fc.assert(
      fc.property(programInputArb, (input) => {
        for (const day of generateProgram(input).weeks[0]?.days ?? []) {
          const ids = day.exercises.map((e) => e.exercise_id);
          expect(new Set(ids).size).toBe(ids.length);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it("ranks a squat before a leg extension and a row before a curl", () => {
    const key = (id: string) => sessionOrderKey(catalogEntry(id));
    expect(key("barbell-back-squat") < key("leg-extension")).toBe(true);
    expect(key("seated-cable-row")[1]).toBeLessThan(key("barbell-curl")[1]);
    expect(key("burpee")[0]).toBe(1);
  });
});
