import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isTimedHold } from "../../engine/coaching/prescription";
import { generateProgram } from "../../engine/coaching/program-generator";
import { secondsPerSet, sessionSeconds, toMinutes } from "../../engine/coaching/session-time";
import { catalogEntry, programInputArb, RUNS, Violations } from "./support";

/** The documented formula, written out again independently of the implementation. */
function expectedMinutes(
  exercises: {
    exercise_id: string;
    sets: number;
    rep_min: number;
    rep_max: number;
    rest_seconds: number;
  }[],
): number {
  let seconds = 300;
  for (const e of exercises) {
    const perRep = isTimedHold(catalogEntry(e.exercise_id)) ? 1 : 3.5;
    seconds += 60 + e.sets * (((e.rep_min + e.rep_max) / 2) * perRep + e.rest_seconds);
  }
  return Math.ceil(seconds / 60);
}

describe("session time", () => {
  it("estimates a set as mean reps at 3.5 s plus rest, and a session with a 5-minute warm-up", () => {
    expect(secondsPerSet({ rep_min: 8, rep_max: 12, rest_seconds: 90, timed_hold: false })).toBe(
      125,
    );
    expect(secondsPerSet({ rep_min: 20, rep_max: 40, rest_seconds: 60, timed_hold: true })).toBe(
      90,
    );
    // 300 warm-up + (60 + 3 x 125) + (60 + 2 x 90) = 975 s -> 17 minutes.
    const seconds = sessionSeconds([
      { set: { rep_min: 8, rep_max: 12, rest_seconds: 90, timed_hold: false }, sets: 3 },
      { set: { rep_min: 20, rep_max: 40, rest_seconds: 60, timed_hold: true }, sets: 2 },
    ]);
    expect(seconds).toBe(975);
    expect(toMinutes(seconds)).toBe(17);
  });

  it("fits every session into the user's minutes and reports the documented estimate", () => {
    fc.assert(
      fc.property(programInputArb, (input) => {
        const program = generateProgram(input);
        const v = new Violations();
        for (const week of program.weeks) {
          for (const day of week.days) {
            const at = `week ${week.week} ${day.weekday}: ${day.estimated_minutes}`;
            v.check(day.estimated_minutes === expectedMinutes(day.exercises), `estimate ${at}`);
            v.check(day.estimated_minutes <= input.session_minutes, `too long ${at}`);
          }
        }
        expect(v.list).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });
});
