import type { Exercise } from "./exercise";
import type { Rng } from "./rng";
import { FOCUS_ACCESSORIES, FOCUS_MAJORS } from "./split";
import {
  type DayFocus,
  type Equipment,
  type Goal,
  isMajorMuscle,
  type MajorMuscle,
  type Muscle,
  type Pattern,
} from "./vocabulary";

// Candidate exercises ("slots") for each training day. A slot names the muscle it is for and
// holds one chosen exercise; the set allocator later decides how many sets each slot gets
// (zero drops it). Every major muscle of the day's focus gets a compound slot and an
// isolation slot, so the allocator can add volume to one muscle without spilling indirect
// sets onto a muscle that is already at its cap.

export type SlotKind = "major" | "accessory" | "finisher";

export interface Slot {
  day: number;
  kind: SlotKind;
  /** The muscle the slot is for; null for conditioning finishers. */
  target: Muscle | null;
  exercise: Exercise;
}

/** Patterns to fill, in order, for each major muscle: compound groups first. */
const MAJOR_SLOT_PATTERNS: Readonly<Record<MajorMuscle, readonly (readonly Pattern[])[]>> = {
  quads: [["squat"], ["lunge"], ["isolation"]],
  hamstrings: [["hinge"], ["hinge"], ["isolation"]],
  glutes: [["hinge"], ["hinge"], ["isolation"]],
  chest: [["horizontal_push"], ["horizontal_push"], ["isolation"]],
  front_delts: [["vertical_push"], ["vertical_push"], ["isolation"]],
  lats: [["vertical_pull"], ["vertical_pull"], ["isolation"]],
  upper_back: [["horizontal_pull"], ["horizontal_pull"], ["isolation"]],
};

const ACCESSORY_PATTERNS: readonly Pattern[] = ["isolation", "core"];
const TRICEPS_PATTERNS: readonly Pattern[] = ["isolation", "horizontal_push"];

/** Goals that end sessions with a short conditioning finisher. */
export const FINISHER_GOALS: ReadonlySet<Goal> = new Set(["fat_loss", "endurance"]);

/**
 * Preference among allowed exercises: externally loaded exercises first (they can be
 * progressed in small steps), then bars and benches, then bands and bodyweight.
 */
const EQUIPMENT_TIER: Readonly<Record<Equipment, number>> = {
  barbell: 3,
  dumbbell: 3,
  machine: 3,
  cable: 3,
  ez_bar: 3,
  pull_up_bar: 3,
  kettlebell: 2,
  bench: 1,
  resistance_band: 1,
  body_only: 1,
  medicine_ball: 1,
  exercise_ball: 1,
  other: 1,
  foam_roll: 0,
};

/** Strength programs prefer the barbell: the heaviest loads in the smallest steps. */
function tierOf(exercise: Exercise, goal: Goal): number {
  const tier = Math.max(...exercise.equipment.map((item) => EQUIPMENT_TIER[item]));
  return goal === "strength" && exercise.equipment.includes("barbell") ? tier + 1 : tier;
}

/** The allowed pool by pattern and primary muscle ("pattern|muscle", or "pattern|*"). */
export type PoolIndex = ReadonlyMap<string, readonly Exercise[]>;

/** Built once per program, so choosing an exercise never scans the catalog. */
export function indexPool(pool: readonly Exercise[]): PoolIndex {
  const index = new Map<string, Exercise[]>();
  const push = (key: string, exercise: Exercise) => {
    const list = index.get(key);
    if (list) list.push(exercise);
    else index.set(key, [exercise]);
  };
  for (const exercise of pool) {
    if (exercise.category === "mobility") continue;
    push(`${exercise.pattern}|*`, exercise);
    for (const muscle of exercise.primary_muscles) push(`${exercise.pattern}|${muscle}`, exercise);
  }
  return index;
}

interface Chooser {
  pool: PoolIndex;
  goal: Goal;
  rng: Rng;
  /** Exercise ids already used this week: variety across days. */
  usedInWeek: Set<string>;
}

function choose(
  chooser: Chooser,
  patterns: readonly Pattern[],
  target: Muscle | null,
  usedInDay: ReadonlySet<string>,
): Exercise | null {
  let candidates = patterns
    .flatMap((pattern) => chooser.pool.get(`${pattern}|${target ?? "*"}`) ?? [])
    .filter((exercise) => !usedInDay.has(exercise.id));
  if (candidates.length === 0) return null;
  // Accessory slots prefer exercises that load no other major muscle directly.
  if (target !== null && !isMajorMuscle(target)) {
    const clean = candidates.filter((exercise) =>
      exercise.primary_muscles.every((muscle) => muscle === target || !isMajorMuscle(muscle)),
    );
    if (clean.length > 0) candidates = clean;
  }
  const fresh = candidates.filter((exercise) => !chooser.usedInWeek.has(exercise.id));
  if (fresh.length > 0) candidates = fresh;
  const tiers = candidates.map((exercise) => tierOf(exercise, chooser.goal));
  const bestTier = Math.max(...tiers);
  const top = candidates.filter((_, i) => tiers[i] === bestTier);
  const picked = chooser.rng.pick(top);
  chooser.usedInWeek.add(picked.id);
  return picked;
}

/**
 * Slots for every day of the week, in a stable order. `variant` counts earlier days with the
 * same focus, so two full-body days lead their quads work with different patterns.
 */
export function buildSlots(
  focuses: readonly DayFocus[],
  goal: Goal,
  pool: PoolIndex,
  rng: Rng,
): Slot[] {
  const chooser: Chooser = { pool, goal, rng, usedInWeek: new Set() };
  const slots: Slot[] = [];
  const seen = new Map<DayFocus, number>();
  focuses.forEach((focus, day) => {
    const variant = seen.get(focus) ?? 0;
    seen.set(focus, variant + 1);
    const usedInDay = new Set<string>();
    const add = (kind: SlotKind, target: Muscle | null, patterns: readonly Pattern[]) => {
      const exercise = choose(chooser, patterns, target, usedInDay);
      if (!exercise) return;
      usedInDay.add(exercise.id);
      slots.push({ day, kind, target, exercise });
    };
    for (const muscle of FOCUS_MAJORS[focus]) {
      const groups = MAJOR_SLOT_PATTERNS[muscle];
      const compound = groups.slice(0, -1);
      const rotated = compound.map((_, i) => compound[(i + variant) % compound.length]);
      for (const patterns of [...rotated, groups[groups.length - 1]]) {
        if (patterns) add("major", muscle, patterns);
      }
    }
    for (const muscle of FOCUS_ACCESSORIES[focus]) {
      add("accessory", muscle, muscle === "triceps" ? TRICEPS_PATTERNS : ACCESSORY_PATTERNS);
    }
    if (FINISHER_GOALS.has(goal)) add("finisher", null, ["conditioning"]);
  });
  return slots;
}
