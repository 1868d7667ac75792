import { describe, expect, it } from "vitest";
import {
  ACTIVITY_LEVELS,
  ALLERGENS,
  BODY_AREAS,
  DIET_TYPES,
  EQUIPMENT,
  equipmentSchema,
  GOALS,
  goalSchema,
  LEVELS,
  LOCATIONS,
  MAJOR_MUSCLES,
  MUSCLE_SIZE,
  MUSCLES,
  PATTERNS,
  SEXES,
} from "../../engine/coaching/vocabulary";
import { WEEKDAYS } from "../../kernel/dates";

const ALL = {
  GOALS,
  LEVELS,
  MUSCLES,
  PATTERNS,
  EQUIPMENT,
  BODY_AREAS,
  WEEKDAYS,
  LOCATIONS,
  DIET_TYPES,
  ALLERGENS,
  ACTIVITY_LEVELS,
  SEXES,
};

describe("vocabularies", () => {
  it("uses unique snake_case values that can go on the wire", () => {
    for (const [name, values] of Object.entries(ALL)) {
      expect(new Set(values).size, name).toBe(values.length);
      for (const value of values) expect(value, name).toMatch(/^[a-z]+(_[a-z]+)*$/);
    }
  });

  it("includes every equipment item the API promises", () => {
    for (const item of [
      "barbell",
      "dumbbell",
      "kettlebell",
      "cable",
      "machine",
      "bench",
      "pull_up_bar",
      "resistance_band",
      "body_only",
    ]) {
      expect(EQUIPMENT).toContain(item);
    }
  });

  it("marks major muscles from the muscle vocabulary and sizes every muscle", () => {
    for (const muscle of MAJOR_MUSCLES) expect(MUSCLES).toContain(muscle);
    expect(Object.keys(MUSCLE_SIZE).sort()).toEqual([...MUSCLES].sort());
  });

  it("rejects values outside a vocabulary with a zod error", () => {
    expect(goalSchema.safeParse("bulk").success).toBe(false);
    expect(goalSchema.parse("fat_loss")).toBe("fat_loss");
    expect(equipmentSchema.safeParse("Body Only").success).toBe(false);
  });
});
