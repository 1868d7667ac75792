import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { exerciseSchema } from "../../engine/coaching/exercise";
import {
  FREE_EXERCISE_DB_IMAGE_BASE_URL,
  mapFreeExerciseDbRecord,
  validateFreeExerciseDbFile,
} from "../../engine/coaching/free-exercise-db";

// The real third-party file, committed with its licence in data/free-exercise-db.
const FILE = path.join(import.meta.dirname, "../../data/free-exercise-db/exercises.json");
const records: unknown = JSON.parse(readFileSync(FILE, "utf8"));

const imported = validateFreeExerciseDbFile(records);
if (!imported.ok) throw new Error("exercises.json is not an array");
const bySourceId = new Map(imported.mapped.map((exercise) => [exercise.source_id, exercise]));

function mapped(sourceId: string) {
  const exercise = bySourceId.get(sourceId);
  if (!exercise) throw new Error(`${sourceId} was not mapped`);
  return exercise;
}

const barbellSquat = {
  id: "Barbell_Squat",
  name: "Barbell Squat",
  force: "push",
  level: "beginner",
  mechanic: "compound",
  equipment: "barbell",
  primaryMuscles: ["quadriceps"],
  secondaryMuscles: ["calves", "glutes", "hamstrings", "lower back"],
  instructions: ["Set the bar on your upper back. Step out.", "Squat down."],
  category: "strength",
  images: ["Barbell_Squat/0.jpg", "Barbell_Squat/1.jpg"],
};

describe("free-exercise-db import of the real exercises.json", () => {
  it("accounts for all 873 records: every record is mapped or skipped with a reason", () => {
    console.log("free-exercise-db import counts", JSON.stringify(imported.counts));
    expect(imported.counts.total).toBe(873);
    expect(imported.mapped.length + imported.skipped.length).toBe(873);
    for (const skip of imported.skipped) expect(skip.reason).toMatch(/^[a-z_]+(:.+)?$/);
    const byReason = Object.values(imported.counts.by_reason).reduce((a, b) => a + b, 0);
    expect(byReason).toBe(imported.skipped.length);
    // The mapper is conservative but not timid: the vast majority maps.
    expect(imported.mapped.length).toBeGreaterThan(800);
  });

  it("produces valid catalog rows with unique fedb- ids and source fields", () => {
    const ids = new Set<string>();
    for (const exercise of imported.mapped) {
      expect(() => exerciseSchema.parse(exercise), exercise.id).not.toThrow();
      expect(exercise.id).toMatch(/^fedb-/);
      expect(exercise.source).toBe("free-exercise-db");
      expect(exercise.source_id).not.toBeNull();
      ids.add(exercise.id);
    }
    expect(ids.size).toBe(imported.mapped.length);
  });

  it("maps known records onto the right muscles, equipment and pattern", () => {
    const squat = mapped("Barbell_Squat");
    expect(squat.id).toBe("fedb-barbell-squat");
    expect(squat.primary_muscles).toEqual(["quads"]);
    expect(squat.secondary_muscles).toEqual(["calves", "glutes", "hamstrings", "lower_back"]);
    expect(squat.equipment).toEqual(["barbell"]);
    expect(squat.pattern).toBe("squat");
    expect(squat.contraindications).toContain("knee");

    const row = mapped("Seated_Cable_Rows");
    expect(row.primary_muscles).toEqual(["upper_back"]);
    expect(row.secondary_muscles).toEqual(["biceps", "lats", "rear_delts"]);
    expect(row.pattern).toBe("horizontal_pull");

    const pullUp = mapped("Pullups");
    expect(pullUp.primary_muscles).toEqual(["lats"]);
    expect(pullUp.equipment).toEqual(["pull_up_bar"]);
    expect(pullUp.pattern).toBe("vertical_pull");

    expect(mapped("Side_Lateral_Raise").primary_muscles).toEqual(["side_delts"]);
    expect(mapped("Face_Pull").primary_muscles).toEqual(["rear_delts"]);
    expect(mapped("Band_Pull_Apart").equipment).toEqual(["resistance_band"]);
    expect(mapped("Hanging_Leg_Raise").pattern).toBe("core");
    expect(mapped("Kettlebell_One-Legged_Deadlift").equipment).toEqual(["kettlebell"]);
    expect(mapped("Standing_Calf_Raises").primary_muscles).toEqual(["calves"]);
    expect(mapped("Box_Jump_Multiple_Response").category).toBe("plyometrics");
    expect(mapped("Barbell_Bench_Press_-_Medium_Grip").equipment).toEqual(["barbell", "bench"]);
    expect(mapped("Farmers_Walk").pattern).toBe("carry");
  });

  it("builds image URLs from the first image path and a configurable base", () => {
    expect(mapped("Barbell_Squat").image_url).toBe(
      `${FREE_EXERCISE_DB_IMAGE_BASE_URL}Barbell_Squat/0.jpg`,
    );
    const custom = mapFreeExerciseDbRecord(barbellSquat, { imageBaseUrl: "https://cdn.test/img" });
    expect(custom.ok && custom.exercise.image_url).toBe("https://cdn.test/img/Barbell_Squat/0.jpg");
  });
});

describe("mapFreeExerciseDbRecord", () => {
  it("skips records with a missing field, naming the field", () => {
    const { instructions: _, ...noInstructions } = barbellSquat;
    expect(mapFreeExerciseDbRecord(noInstructions)).toEqual({
      ok: false,
      reason: "missing_field:instructions",
    });
  });

  it("skips records with an unknown muscle or equipment instead of guessing", () => {
    expect(mapFreeExerciseDbRecord({ ...barbellSquat, primaryMuscles: ["hip flexors"] })).toEqual({
      ok: false,
      reason: "unknown_muscle:hip flexors",
    });
    expect(mapFreeExerciseDbRecord({ ...barbellSquat, equipment: "sled" })).toEqual({
      ok: false,
      reason: "unknown_equipment:sled",
    });
  });

  it("skips values that are not objects", () => {
    expect(mapFreeExerciseDbRecord(null)).toEqual({ ok: false, reason: "not_an_object" });
    expect(mapFreeExerciseDbRecord("squat")).toEqual({ ok: false, reason: "not_an_object" });
  });

  it("maps expert to advanced and null equipment to body_only", () => {
    const result = mapFreeExerciseDbRecord({ ...barbellSquat, level: "expert", equipment: null });
    expect(result.ok && result.exercise.level).toBe("advanced");
    expect(result.ok && result.exercise.equipment).toEqual(["body_only"]);
  });
});

describe("validateFreeExerciseDbFile", () => {
  it("rejects a top level that is not an array", () => {
    expect(validateFreeExerciseDbFile({ exercises: [] })).toEqual({
      ok: false,
      error: "top_level_not_array",
    });
  });

  it("keeps the first of two records whose ids slug to the same value", () => {
    const result = validateFreeExerciseDbFile([
      barbellSquat,
      { ...barbellSquat, id: "barbell-squat" },
    ]);
    expect(result.ok && result.counts).toEqual({
      total: 2,
      mapped: 1,
      skipped: 1,
      by_reason: { duplicate_id: 1 },
    });
  });
});
