import { describe, expect, it } from "vitest";
import { CATALOG } from "../../engine/coaching/catalog";
import { exerciseSchema } from "../../engine/coaching/exercise";
import { EQUIPMENT, MAJOR_MUSCLES, PATTERNS } from "../../engine/coaching/vocabulary";

describe("built-in exercise catalog", () => {
  it("holds at least 120 exercises with unique kebab-case ids", () => {
    expect(CATALOG.length).toBeGreaterThanOrEqual(120);
    const ids = CATALOG.map((exercise) => exercise.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it("uses only vocabulary values and 2-4 cues per exercise", () => {
    for (const exercise of CATALOG) {
      expect(() => exerciseSchema.parse(exercise), exercise.id).not.toThrow();
      expect(exercise.cues.length, exercise.id).toBeGreaterThanOrEqual(2);
      expect(exercise.cues.length, exercise.id).toBeLessThanOrEqual(4);
      expect(exercise.source).toBe("builtin");
    }
  });

  it("never lists a muscle as both primary and secondary, or an item of equipment twice", () => {
    for (const exercise of CATALOG) {
      for (const muscle of exercise.secondary_muscles) {
        expect(exercise.primary_muscles, exercise.id).not.toContain(muscle);
      }
      expect(new Set(exercise.equipment).size, exercise.id).toBe(exercise.equipment.length);
      if (exercise.equipment.includes("body_only"))
        expect(exercise.equipment).toEqual(["body_only"]);
    }
  });

  it("covers every movement pattern and every equipment item", () => {
    const patterns = new Set(CATALOG.map((exercise) => exercise.pattern));
    for (const pattern of PATTERNS) expect(patterns, pattern).toContain(pattern);
    const equipment = new Set(CATALOG.flatMap((exercise) => exercise.equipment));
    for (const item of EQUIPMENT) expect(equipment, item).toContain(item);
  });

  it("trains every major muscle with a beginner bodyweight exercise, so body_only alone is viable", () => {
    for (const muscle of MAJOR_MUSCLES) {
      const options = CATALOG.filter(
        (exercise) =>
          exercise.level === "beginner" &&
          exercise.equipment.every((item) => item === "body_only") &&
          exercise.primary_muscles.includes(muscle) &&
          exercise.category === "strength",
      );
      expect(options.length, muscle).toBeGreaterThan(0);
    }
  });
});
