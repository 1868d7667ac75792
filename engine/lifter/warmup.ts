import type { Exercise } from "../coaching/exercise";
import { roleOf } from "../coaching/prescription";
import { type Implement, type LoadIncrements, lightestLoad, roundLoad } from "./load-increments";

// Warm-up sets before the first main lift of a session: the empty bar, then about 40, 60 and
// 80% of the working load with fewer reps as the load climbs, so the working sets start warm
// without tiring the lifter. Ribeiro et al. (2020) found a specific warm-up that includes a
// set near the working load (40% and 80% of it) helped bench press and squat sets more than
// light sets alone. Warm-ups are suggestions, not logged as hard sets. Later lifts in the
// session are already warm (the general warm-up and the first lift's ramp).

export interface WarmupSet {
  weight_kg: number;
  reps: number;
}

/** Fraction of the working load and reps, lightest first. */
export const WARMUP_RAMP: readonly (readonly [fraction: number, reps: number])[] = [
  [0.4, 5],
  [0.6, 3],
  [0.8, 2],
];

/** Reps with the empty bar, before the ramp (barbells and EZ bars only). */
export const EMPTY_BAR_REPS = 10;

/**
 * The ramp to `workingKg`, each load loadable with the user's increments, strictly rising and
 * strictly below the working load (steps that round onto a neighbour are dropped).
 */
export function warmupRamp(
  workingKg: number,
  implement: Implement,
  increments: LoadIncrements,
): WarmupSet[] {
  if (implement === "none" || workingKg <= 0) return [];
  const ramp: WarmupSet[] = [];
  if (implement === "barbell" || implement === "ez_bar")
    ramp.push({ weight_kg: lightestLoad(implement, increments), reps: EMPTY_BAR_REPS });
  for (const [fraction, reps] of WARMUP_RAMP)
    ramp.push({ weight_kg: roundLoad(workingKg * fraction, implement, increments), reps });
  const kept: WarmupSet[] = [];
  for (const set of ramp) {
    const previous = kept[kept.length - 1]?.weight_kg ?? 0;
    if (set.weight_kg > previous && set.weight_kg < workingKg) kept.push(set);
  }
  return kept;
}

/** Index of the session's first main lift (loaded multi-joint lift of a main pattern), or -1. */
export function firstMainLiftIndex(
  exerciseIds: readonly string[],
  byId: ReadonlyMap<string, Exercise>,
): number {
  return exerciseIds.findIndex((id) => {
    const exercise = byId.get(id);
    return exercise !== undefined && roleOf(exercise) === "main";
  });
}
