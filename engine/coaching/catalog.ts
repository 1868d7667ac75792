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
