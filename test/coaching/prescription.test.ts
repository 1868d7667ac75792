import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isTimedHold, prescribe, roleOf } from "../../engine/coaching/prescription";
import { generateProgram } from "../../engine/coaching/program-generator";
import type { Goal } from "../../engine/coaching/vocabulary";
import { catalogEntry, exercisesOf, programInputArb, RUNS, Violations } from "./support";

interface Bounds {
  reps: [number, number];
  rest: [number, number];
}

/** The documented bands by goal (timed holds excluded: their reps are seconds). */
const BANDS: Record<Goal, Bounds> = {
  strength: { reps: [3, 10], rest: [120, 300] },
  muscle_gain: { reps: [6, 20], rest: [60, 120] },
  endurance: { reps: [12, 30], rest: [30, 60] },
  fat_loss: { reps: [6, 20], rest: [30, 120] },
  general_fitness: { reps: [8, 20], rest: [45, 120] },
};

describe("reps, RIR and rest by goal", () => {
  it("keeps every exercise inside its goal's rep and rest bands", () => {
    fc.assert(
      fc.property(programInputArb, (input) => {
        const program = generateProgram(input);
        const band = BANDS[program.goal];
        const v = new Violations();
        for (const { week, item } of exercisesOf(program)) {
          const at = `${item.exercise_id} week ${week.week}`;
          v.check(
            item.rest_seconds >= band.rest[0] && item.rest_seconds <= band.rest[1],
            `rest ${at}`,
          );
          v.check(item.rep_min <= item.rep_max, `rep order ${at}`);
          v.check(item.target_rir >= 0 && item.target_rir <= 5, `rir ${at}`);
          if (isTimedHold(catalogEntry(item.exercise_id))) {
            v.check(item.notes.includes("seconds"), `hold note ${at}`);
          } else {
            v.check(item.rep_min >= band.reps[0] && item.rep_max <= band.reps[1], `reps ${at}`);
          }
        }
        expect(v.list).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });

  it("keeps strength compounds at 3-6 reps and endurance work at 12 reps or more", () => {
    fc.assert(
      fc.property(
        programInputArb,
        fc.constantFrom<Goal>("strength", "endurance"),
        (input, goal) => {
          const program = generateProgram({ ...input, goal });
          for (const day of program.weeks[0]?.days ?? []) {
            for (const item of day.exercises) {
              const exercise = catalogEntry(item.exercise_id);
              if (isTimedHold(exercise)) continue;
              if (goal === "endurance") expect(item.rep_min).toBeGreaterThanOrEqual(12);
              else if (exercise.mechanic === "compound") {
                expect(item.rep_min).toBeGreaterThanOrEqual(3);
                expect(item.rep_max).toBeLessThanOrEqual(6);
              }
            }
          }
        },
      ),
      { numRuns: RUNS },
    );
  });

  it("uses linear load for beginners' loaded main lifts and double progression otherwise", () => {
    fc.assert(
      fc.property(programInputArb, (input) => {
        const program = generateProgram(input);
        const v = new Violations();
        for (const { week, item } of exercisesOf(program)) {
          if (week.deload) continue;
          const main = roleOf(catalogEntry(item.exercise_id)) === "main";
          const expected =
            program.fitness_level === "beginner" && main ? "linear_load" : "double_progression";
          v.check(item.progression === expected, `${item.exercise_id}: ${item.progression}`);
        }
        expect(v.list).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });

  it("prescribes reference values for a squat and a lateral raise", () => {
    const squat = catalogEntry("barbell-back-squat");
    expect(prescribe("strength", "intermediate", squat)).toEqual({
      rep_min: 3,
      rep_max: 5,
      target_rir: 2,
      rest_seconds: 180,
    });
    const raise = catalogEntry("dumbbell-lateral-raise");
    expect(prescribe("muscle_gain", "beginner", raise)).toEqual({
      rep_min: 12,
      rep_max: 20,
      target_rir: 2,
      rest_seconds: 60,
    });
    const plank = catalogEntry("plank");
    expect(prescribe("endurance", "advanced", plank)).toMatchObject({ rep_min: 30, rep_max: 60 });
  });
});
