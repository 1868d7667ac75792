import { z } from "zod";
import {
  bodyAreaSchema,
  categorySchema,
  equipmentSchema,
  exerciseSourceSchema,
  forceSchema,
  levelSchema,
  mechanicSchema,
  muscleSchema,
  patternSchema,
} from "./vocabulary";

// One exercise of the catalog. Fields are snake_case (not the camelCase of TypeScript
// identifiers) because a catalog row goes on the wire and into the D1 `exercises` table
// unchanged; one spelling everywhere avoids a mapping layer that could drift.

export const exerciseSchema = z.object({
  /** Kebab-case slug, stable forever: programs and logs refer to it. */
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
  name: z.string().min(1),
  category: categorySchema,
  primary_muscles: z.array(muscleSchema).min(1),
  secondary_muscles: z.array(muscleSchema),
  /** Every item is needed; `body_only` alone when the exercise needs nothing. */
  equipment: z.array(equipmentSchema).min(1),
  mechanic: mechanicSchema,
  force: forceSchema.nullable(),
  level: levelSchema,
  pattern: patternSchema,
  cues: z.array(z.string().min(1)).min(1).max(4),
  /** Body areas an injury to which rules the exercise out. */
  contraindications: z.array(bodyAreaSchema),
  image_url: z.string().nullable(),
  source: exerciseSourceSchema,
  source_id: z.string().nullable(),
});
export type Exercise = z.infer<typeof exerciseSchema>;

/** What a catalog data file spells out; the rest has defaults for built-in exercises. */
export type ExerciseSpec = Omit<
  Exercise,
  "category" | "contraindications" | "image_url" | "source" | "source_id" | "secondary_muscles"
> &
  Partial<Pick<Exercise, "category" | "contraindications" | "secondary_muscles">>;

/** Builds a built-in catalog entry: strength category, no image, source `builtin`. */
export function defineExercise(spec: ExerciseSpec): Exercise {
  return {
    id: spec.id,
    name: spec.name,
    category: spec.category ?? "strength",
    primary_muscles: spec.primary_muscles,
    secondary_muscles: spec.secondary_muscles ?? [],
    equipment: spec.equipment,
    mechanic: spec.mechanic,
    force: spec.force,
    level: spec.level,
    pattern: spec.pattern,
    cues: spec.cues,
    contraindications: spec.contraindications ?? [],
    image_url: null,
    source: "builtin",
    source_id: null,
  };
}

export type IsolationSpec = Omit<ExerciseSpec, "pattern" | "mechanic" | "level"> &
  Partial<Pick<ExerciseSpec, "level">>;

/** A single-joint exercise (pattern and mechanic `isolation`), beginner unless told. */
export function defineIsolation(spec: IsolationSpec): Exercise {
  return defineExercise({
    ...spec,
    pattern: "isolation",
    mechanic: "isolation",
    level: spec.level ?? "beginner",
  });
}
