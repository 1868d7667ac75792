import { z } from "@hono/zod-openapi";
import { exerciseSchema } from "../../engine/coaching/exercise";
import {
  EXERCISE_SOURCES,
  equipmentSchema,
  levelSchema,
  muscleSchema,
  patternSchema,
} from "../../engine/coaching/vocabulary";
import { pageOf, pageQuery } from "./common.schemas";

export const ExerciseSchema = exerciseSchema.openapi("Exercise", {
  example: {
    id: "barbell-back-squat",
    name: "Barbell Back Squat",
    category: "strength",
    primary_muscles: ["quads", "glutes"],
    secondary_muscles: ["hamstrings", "lower_back", "adductors"],
    equipment: ["barbell"],
    mechanic: "compound",
    force: "push",
    level: "intermediate",
    pattern: "squat",
    cues: ["Brace before you descend", "Knees track over toes", "Drive up through mid-foot"],
    contraindications: ["knee", "lower_back"],
    image_url: null,
    source: "builtin",
    source_id: null,
  },
});

export const ExerciseListQuery = z
  .object({
    muscle: muscleSchema.optional().openapi({ description: "primary or secondary muscle" }),
    equipment: equipmentSchema.optional(),
    pattern: patternSchema.optional(),
    level: levelSchema.optional(),
    source: z.enum(EXERCISE_SOURCES).optional(),
    q: z.string().trim().min(1).max(100).optional().openapi({ description: "text in the name" }),
    ...pageQuery,
  })
  .strict();

export const ExerciseListSchema = pageOf(ExerciseSchema, "ExerciseList");

export const ExerciseIdParam = z.object({
  id: z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name: "id", in: "path" }, example: "barbell-back-squat" }),
});
