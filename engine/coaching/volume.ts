import { GOAL_TABLE } from "./prescription";
import { secondsPerSet, WARM_UP_SECONDS } from "./session-time";
import { type Goal, type Level, MAJOR_MUSCLES, type MajorMuscle, type Muscle } from "./vocabulary";

// Weekly hard sets per muscle (Schoenfeld 2017 dose-response meta-analysis: more weekly sets
// grow more muscle up to a point; ranges by training age after the brief):
//   beginner 8-10, intermediate 10-15, advanced 15-20.
// A set counts 1 for each primary muscle and 0.5 for each secondary muscle (indirect work).
// The minimum is a goal for the major muscles (see MAJOR_MUSCLES); the maximum is a hard cap
// for every muscle. The generator aims first for the minimum, then for the target (the
// middle of the range) when session time is left. Deload and return weeks are lighter on
// purpose and are below the minimum.

export interface VolumeRange {
  min: number;
  target: number;
  max: number;
}

export const VOLUME_RANGES: Readonly<Record<Level, VolumeRange>> = {
  beginner: { min: 8, target: 9, max: 10 },
  intermediate: { min: 10, target: 12, max: 15 },
  advanced: { min: 15, target: 17, max: 20 },
};

/**
 * Volumes are kept in half sets (integers) internally so that sums of 0.5 never drift.
 * PRIMARY_HALVES and SECONDARY_HALVES are what one set adds.
 */
export const PRIMARY_HALVES = 2;
export const SECONDARY_HALVES = 1;

export interface MuscleTagged {
  primary_muscles: readonly Muscle[];
  secondary_muscles: readonly Muscle[];
  sets: number;
}

/** Weekly sets per muscle for a list of exercises (primary 1, secondary 0.5). */
export function weeklySets(exercises: Iterable<MuscleTagged>): Map<Muscle, number> {
  const halves = new Map<Muscle, number>();
  for (const item of exercises) {
    for (const muscle of item.primary_muscles) {
      halves.set(muscle, (halves.get(muscle) ?? 0) + PRIMARY_HALVES * item.sets);
    }
    for (const muscle of item.secondary_muscles) {
      halves.set(muscle, (halves.get(muscle) ?? 0) + SECONDARY_HALVES * item.sets);
    }
  }
  return new Map([...halves].map(([muscle, h]) => [muscle, h / 2]));
}

/**
 * Allocation order of the major muscles in two tiers. Tier one rarely gets indirect work;
 * tier two (glutes, front delts) collects half sets from squats, hinges and presses, so it is
 * topped up last and only as far as needed, which keeps it under the cap.
 */
export const MAJOR_TIERS: readonly (readonly MajorMuscle[])[] = [
  MAJOR_MUSCLES.filter((m) => m !== "glutes" && m !== "front_delts"),
  ["glutes", "front_delts"],
];

/**
 * Compound-set equivalents one session must hold for every major muscle to reach the
 * minimum, by level and days per week (index 0 = 2 days). Measured by generating programs
 * for every goal over equipment subsets and seeds with no injuries, then adding a margin of
 * about 2.5 sets; the volume property test holds the generator to it.
 */
const FULL_VOLUME_SETS_PER_SESSION: Readonly<Record<Level, readonly number[]>> = {
  beginner: [29, 22, 19, 17, 14],
  intermediate: [36, 27, 24, 19, 17],
  advanced: [62, 36, 36, 27, 24],
};

/**
 * The shortest session (in minutes, a multiple of 5) from which every major muscle is
 * guaranteed its weekly minimum when the user has no injuries, whatever the equipment;
 * null when even 120 minutes is not enough (advanced lifters training 2 days a week).
 * Shorter sessions lower the volume: the allocator fills the muscles in MAJOR_TIERS order
 * and stops adding sets when the session is full. Sessions are priced with the goal's
 * `compound` row (mean reps x 3.5 s + rest) plus the warm-up.
 */
export function fullVolumeMinutes(goal: Goal, level: Level, daysPerWeek: number): number | null {
  const sets = FULL_VOLUME_SETS_PER_SESSION[level][daysPerWeek - 2];
  if (sets === undefined) throw new RangeError(`days_per_week must be 2..6, got ${daysPerWeek}`);
  const [repMin, repMax, , rest] = GOAL_TABLE[goal].compound;
  const perSet = secondsPerSet({
    rep_min: repMin,
    rep_max: repMax,
    rest_seconds: rest,
    timed_hold: false,
  });
  const minutes = Math.ceil((WARM_UP_SECONDS + sets * perSet) / 60 / 5) * 5;
  return minutes <= 120 ? minutes : null;
}
