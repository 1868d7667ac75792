import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_EQUIPMENT_BY_LOCATION, resolveEquipment } from "../../engine/coaching/eligibility";
import { generateProgram } from "../../engine/coaching/program-generator";
import { type Equipment, LEVEL_RANK } from "../../engine/coaching/vocabulary";
import { catalogEntry, programInputArb, RUNS, Violations } from "./support";

describe("equipment, injury and level filtering", () => {
  it("only uses exercises whose every equipment item the user has (body_only always allowed)", () => {
    fc.assert(
      fc.property(programInputArb, (input) => {
        const program = generateProgram(input);
        const listed: readonly Equipment[] =
          input.equipment && input.equipment.length > 0
            ? input.equipment
            : DEFAULT_EQUIPMENT_BY_LOCATION[input.location ?? "gym"];
        const v = new Violations();
        for (const day of program.weeks[0]?.days ?? []) {
          for (const item of day.exercises) {
            for (const needed of item.equipment) {
              v.check(
                needed === "body_only" || listed.includes(needed),
                `${item.exercise_id} needs ${needed}`,
              );
            }
          }
        }
        expect(v.list).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });

  it("never uses an exercise contraindicated by an injury or above the user's level", () => {
    fc.assert(
      fc.property(programInputArb, (input) => {
        const program = generateProgram(input);
        const v = new Violations();
        for (const day of program.weeks[0]?.days ?? []) {
          for (const item of day.exercises) {
            const exercise = catalogEntry(item.exercise_id);
            for (const area of exercise.contraindications) {
              v.check(!(input.injuries ?? []).includes(area), `${exercise.id} loads ${area}`);
            }
            v.check(
              LEVEL_RANK[exercise.level] <= LEVEL_RANK[program.fitness_level],
              `${exercise.id} is ${exercise.level}`,
            );
          }
        }
        expect(v.list).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });

  it("builds a full program from bodyweight alone", () => {
    const program = generateProgram({
      goal: "general_fitness",
      fitness_level: "beginner",
      days_per_week: 3,
      session_minutes: 45,
      equipment: ["body_only"],
      location: "home",
      duration_weeks: 4,
    });
    for (const day of program.weeks[0]?.days ?? []) {
      expect(day.exercises.length).toBeGreaterThan(2);
      for (const item of day.exercises) expect(item.equipment).toEqual(["body_only"]);
    }
  });

  it("falls back to the location's usual equipment when none is listed", () => {
    expect([...resolveEquipment([], "outdoor")].sort()).toEqual(["body_only", "pull_up_bar"]);
    expect(resolveEquipment(["dumbbell"], "gym").has("body_only")).toBe(true);
    expect(resolveEquipment(["dumbbell"], "gym").has("barbell")).toBe(false);
  });
});
