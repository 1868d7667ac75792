import type { Exercise } from "./exercise";
import {
  type BodyArea,
  EQUIPMENT,
  type Equipment,
  LEVEL_RANK,
  type Level,
  type Location,
} from "./vocabulary";

// Which exercises a user may be given. An exercise needs every equipment item it lists
// (a dumbbell bench press needs dumbbells and a bench); body_only is always available.

/** Equipment assumed for a location when the user lists none. */
export const DEFAULT_EQUIPMENT_BY_LOCATION: Readonly<Record<Location, readonly Equipment[]>> = {
  gym: EQUIPMENT.filter((item) => item !== "other"),
  home: ["body_only", "dumbbell", "resistance_band"],
  outdoor: ["body_only", "pull_up_bar"],
};

export function resolveEquipment(
  equipment: readonly Equipment[] | undefined,
  location: Location,
): ReadonlySet<Equipment> {
  const listed =
    equipment && equipment.length > 0 ? equipment : DEFAULT_EQUIPMENT_BY_LOCATION[location];
  return new Set<Equipment>([...listed, "body_only"]);
}

export function isAllowedByEquipment(
  exercise: Exercise,
  available: ReadonlySet<Equipment>,
): boolean {
  return exercise.equipment.every((item) => item === "body_only" || available.has(item));
}

export function isAllowedByInjuries(exercise: Exercise, injuries: ReadonlySet<BodyArea>): boolean {
  return !exercise.contraindications.some((area) => injuries.has(area));
}

/** A lifter gets exercises at or below their level. */
export function isAllowedByLevel(exercise: Exercise, level: Level): boolean {
  return LEVEL_RANK[exercise.level] <= LEVEL_RANK[level];
}

export interface Eligibility {
  equipment: ReadonlySet<Equipment>;
  injuries: ReadonlySet<BodyArea>;
  level: Level;
}

export function isEligible(exercise: Exercise, eligibility: Eligibility): boolean {
  return (
    isAllowedByEquipment(exercise, eligibility.equipment) &&
    isAllowedByInjuries(exercise, eligibility.injuries) &&
    isAllowedByLevel(exercise, eligibility.level)
  );
}
