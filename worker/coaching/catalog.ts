import { CONDITIONING_EXERCISES, MOBILITY_EXERCISES } from "./catalog-data/conditioning-mobility";
import { CORE_CARRY_EXERCISES } from "./catalog-data/core-carry";
import { HINGE_EXERCISES } from "./catalog-data/hinge";
import { ARM_ISOLATION_EXERCISES } from "./catalog-data/isolation-arms";
import { LOWER_ISOLATION_EXERCISES } from "./catalog-data/isolation-lower";
import { UPPER_ISOLATION_EXERCISES } from "./catalog-data/isolation-upper";
import { LUNGE_EXERCISES } from "./catalog-data/lunge";
import { PULL_EXERCISES } from "./catalog-data/pull";
import { PUSH_EXERCISES } from "./catalog-data/push";
import { SQUAT_EXERCISES } from "./catalog-data/squat";
import type { Exercise } from "./exercise";

/** The built-in exercise catalog, written for this project. Ids are stable forever. */
export const CATALOG: readonly Exercise[] = [
  ...SQUAT_EXERCISES,
  ...LUNGE_EXERCISES,
  ...HINGE_EXERCISES,
  ...PUSH_EXERCISES,
  ...PULL_EXERCISES,
  ...UPPER_ISOLATION_EXERCISES,
  ...ARM_ISOLATION_EXERCISES,
  ...LOWER_ISOLATION_EXERCISES,
  ...CORE_CARRY_EXERCISES,
  ...CONDITIONING_EXERCISES,
  ...MOBILITY_EXERCISES,
];

export function indexCatalogById(catalog: readonly Exercise[]): ReadonlyMap<string, Exercise> {
  return new Map(catalog.map((exercise) => [exercise.id, exercise]));
}

/** Columns of the D1 `exercises` table, in the order the INSERT statements list them. */
export const EXERCISE_COLUMNS = [
  "id",
  "name",
  "category",
  "primary_muscles",
  "secondary_muscles",
  "equipment",
  "mechanic",
  "force",
  "level",
  "pattern",
  "cues",
  "contraindications",
  "image_url",
  "source",
  "source_id",
] as const satisfies readonly (keyof Exercise)[];

function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

function sqlValue(value: Exercise[keyof Exercise]): string {
  if (value === null) return "NULL";
  if (Array.isArray(value)) return sqlString(JSON.stringify(value));
  return sqlString(String(value));
}

/**
 * Renders one `INSERT ... ON CONFLICT(id) DO NOTHING;` statement per exercise, one a line,
 * in catalog order. Array columns hold JSON text. The output depends only on the input, so
 * a migration generated from it is reproducible, and re-running it never overwrites rows.
 */
export function catalogToSqlInserts(catalog: readonly Exercise[]): string {
  const columns = EXERCISE_COLUMNS.join(", ");
  return catalog
    .map((exercise) => {
      const values = EXERCISE_COLUMNS.map((column) => sqlValue(exercise[column])).join(", ");
      return `INSERT INTO exercises (${columns}) VALUES (${values}) ON CONFLICT(id) DO NOTHING;`;
    })
    .join("\n")
    .concat(catalog.length > 0 ? "\n" : "");
}
