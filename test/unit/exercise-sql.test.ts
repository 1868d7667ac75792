import { describe, expect, it } from "vitest";
import { exerciseContentHash, exerciseInsertSql } from "../../d1/exercises";
import { defineExercise } from "../../engine/coaching/exercise";

const farmersWalk = defineExercise({
  id: "farmers-walk-test",
  name: "Farmer's Walk",
  pattern: "carry",
  primary_muscles: ["forearms"],
  equipment: ["dumbbell"],
  mechanic: "compound",
  force: null,
  level: "beginner",
  cues: ["Don't lean", "Walk tall"],
});

describe("exercise rows for D1", () => {
  it("render a migration INSERT that escapes quotes, writes NULLs and JSON arrays, and skips existing ids", () => {
    expect(exerciseInsertSql(farmersWalk)).toBe(
      "INSERT INTO exercises (id, name, category, primary_muscles, secondary_muscles, equipment, " +
        "mechanic, force, level, pattern, cues, contraindications, image_url, source, source_id, content_hash) " +
        "VALUES ('farmers-walk-test', 'Farmer''s Walk', 'strength', '[\"forearms\"]', '[]', " +
        "'[\"dumbbell\"]', 'compound', NULL, 'beginner', 'carry', '[\"Don''t lean\",\"Walk tall\"]', " +
        `'[]', NULL, 'builtin', NULL, '${exerciseContentHash(farmersWalk)}') ON CONFLICT(id) DO NOTHING;`,
    );
  });

  it("hash the content so that any change, and only a change, is seen", () => {
    expect(exerciseContentHash(farmersWalk)).toBe(exerciseContentHash({ ...farmersWalk }));
    expect(exerciseContentHash({ ...farmersWalk, cues: ["Walk tall"] })).not.toBe(
      exerciseContentHash(farmersWalk),
    );
    expect(exerciseContentHash(farmersWalk)).toMatch(/^[0-9a-f]{16}$/);
  });
});
