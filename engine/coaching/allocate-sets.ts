import { isTimedHold, type Prescription, roleOf } from "./prescription";
import type { Slot } from "./select-exercises";
import { secondsPerSet, TRANSITION_SECONDS, WARM_UP_SECONDS } from "./session-time";
import { FOCUS_MAJORS } from "./split";
import {
  type DayFocus,
  isMajorMuscle,
  type Level,
  type MajorMuscle,
  type Muscle,
} from "./vocabulary";
import { MAJOR_TIERS, PRIMARY_HALVES, SECONDARY_HALVES, type VolumeRange } from "./volume";

// Decides how many sets each slot gets in a normal week. Greedy, in phases, each adding
// sets only when (a) no muscle goes over the level's weekly maximum, (b) the day still fits
// its minutes and (c) the exercise stays under its per-session set cap:
//   1. seed: every major muscle gets 2 sets on each day of its focus that has none yet
//      (frequency: each major muscle on at least two days when the split allows);
//   2. fill: round-robin over the major muscles, one tier at a time, up to the minimum;
//   3. accessories: 2 sets for each accessory slot, then finishers (fat loss, endurance);
//   4. top-up: round-robin again up to the target (middle of the range);
//   5. a third set for accessories while time allows.
// A new exercise enters with 2 sets, later additions are 1 set. Among possible slots the
// allocator prefers the least overshoot on other major muscles, then the day with the least
// work for the muscle (spread), then an exercise already in the session, then compounds.

export interface PlannedSlot extends Slot {
  rx: Prescription;
  sets: number;
}

/** Sets per exercise per session: more than this is better spent on a second exercise. */
export const MAX_SETS_PER_EXERCISE: Readonly<Record<Level, number>> = {
  beginner: 4,
  intermediate: 5,
  advanced: 5,
};

const NEW_EXERCISE_SETS = 2;
const ACCESSORY_SETS = 3;

interface AllocationInput {
  slots: readonly PlannedSlot[];
  focuses: readonly DayFocus[];
  level: Level;
  range: VolumeRange;
  budgetSeconds: number;
}

export function allocateSets(input: AllocationInput): void {
  const { slots, focuses, level, range, budgetSeconds } = input;
  const maxHalves = range.max * 2;
  const halves = new Map<Muscle, number>();
  const dayHalves = focuses.map(() => new Map<Muscle, number>());
  const daySeconds = focuses.map(() => WARM_UP_SECONDS);
  const perSet = slots.map((slot) =>
    secondsPerSet({ ...slot.rx, timed_hold: isTimedHold(slot.exercise) }),
  );
  const cap = MAX_SETS_PER_EXERCISE[level];
  const get = (map: Map<Muscle, number>, muscle: Muscle) => map.get(muscle) ?? 0;

  const canAdd = (index: number, units: number): boolean => {
    const slot = slots[index] as PlannedSlot;
    if (slot.sets + units > cap) return false;
    const seconds = (slot.sets === 0 ? TRANSITION_SECONDS : 0) + units * (perSet[index] as number);
    if ((daySeconds[slot.day] ?? 0) + seconds > budgetSeconds) return false;
    const { primary_muscles: primary, secondary_muscles: secondary } = slot.exercise;
    return (
      primary.every((m) => get(halves, m) + PRIMARY_HALVES * units <= maxHalves) &&
      secondary.every((m) => get(halves, m) + SECONDARY_HALVES * units <= maxHalves)
    );
  };

  const add = (index: number, units: number): void => {
    const slot = slots[index] as PlannedSlot;
    const day = dayHalves[slot.day] as Map<Muscle, number>;
    const bump = (m: Muscle, h: number) => {
      halves.set(m, get(halves, m) + h * units);
      day.set(m, get(day, m) + h * units);
    };
    for (const m of slot.exercise.primary_muscles) bump(m, PRIMARY_HALVES);
    for (const m of slot.exercise.secondary_muscles) bump(m, SECONDARY_HALVES);
    daySeconds[slot.day] =
      (daySeconds[slot.day] ?? 0) +
      (slot.sets === 0 ? TRANSITION_SECONDS : 0) +
      units * (perSet[index] as number);
    slot.sets += units;
  };

  const unitsFor = (index: number) =>
    (slots[index] as PlannedSlot).sets === 0 ? NEW_EXERCISE_SETS : 1;

  /** Half sets that would land above `goal` on major muscles other than `target`. */
  const overshoot = (index: number, units: number, target: MajorMuscle, goal: number): number => {
    const { primary_muscles: primary, secondary_muscles: secondary } = (slots[index] as PlannedSlot)
      .exercise;
    let total = 0;
    const count = (m: Muscle, h: number) => {
      if (m === target || !isMajorMuscle(m)) return;
      total += Math.max(0, get(halves, m) + h * units - Math.max(goal, get(halves, m)));
    };
    for (const m of primary) count(m, PRIMARY_HALVES);
    for (const m of secondary) count(m, SECONDARY_HALVES);
    return total;
  };

  /** Best slot to add sets for `target`, optionally on one day; -1 when none fits. */
  const best = (target: MajorMuscle, goal: number, day: number | null): number => {
    let bestIndex = -1;
    let bestKey: number[] = [];
    slots.forEach((slot, index) => {
      if (slot.kind === "finisher" || !slot.exercise.primary_muscles.includes(target)) return;
      if (day !== null && slot.day !== day) return;
      const units = unitsFor(index);
      if (!canAdd(index, units)) return;
      const key = [
        overshoot(index, units, target, goal),
        get(dayHalves[slot.day] as Map<Muscle, number>, target),
        slot.sets > 0 ? 0 : 1,
        roleOf(slot.exercise) === "isolation" ? 1 : 0,
        index,
      ];
      if (bestIndex === -1 || lexLess(key, bestKey)) {
        bestIndex = index;
        bestKey = key;
      }
    });
    return bestIndex;
  };

  // 1. Seed frequency.
  const minHalves = range.min * 2;
  for (const tier of MAJOR_TIERS) {
    for (const muscle of tier) {
      focuses.forEach((focus, day) => {
        if (!FOCUS_MAJORS[focus].includes(muscle)) return;
        if (get(dayHalves[day] as Map<Muscle, number>, muscle) > 0) return;
        const index = best(muscle, minHalves, day);
        if (index >= 0) add(index, unitsFor(index));
      });
    }
  }

  const fillTo = (goalHalves: number) => {
    for (const tier of MAJOR_TIERS) {
      let progressed = true;
      while (progressed) {
        progressed = false;
        for (const muscle of tier) {
          if (get(halves, muscle) >= goalHalves) continue;
          const index = best(muscle, goalHalves, null);
          if (index < 0) continue;
          add(index, unitsFor(index));
          progressed = true;
        }
      }
    }
  };

  // 2. Fill to the minimum.
  fillTo(minHalves);

  // 3. Accessories, then finishers.
  for (const kind of ["accessory", "finisher"] as const) {
    slots.forEach((slot, index) => {
      if (slot.kind === kind && slot.sets === 0 && canAdd(index, NEW_EXERCISE_SETS)) {
        add(index, NEW_EXERCISE_SETS);
      }
    });
  }

  // 4. Top up to the target.
  fillTo(range.target * 2);

  // 5. Third accessory set.
  slots.forEach((slot, index) => {
    if (
      slot.kind === "accessory" &&
      slot.sets > 0 &&
      slot.sets < ACCESSORY_SETS &&
      canAdd(index, 1)
    ) {
      add(index, 1);
    }
  });

  // A day must never be empty: give it the first slot that fits.
  focuses.forEach((_, day) => {
    if (slots.some((slot) => slot.day === day && slot.sets > 0)) return;
    const index = slots.findIndex((slot, i) => slot.day === day && canAdd(i, NEW_EXERCISE_SETS));
    if (index >= 0) add(index, NEW_EXERCISE_SETS);
  });
}

function lexLess(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    if (x !== y) return x < y;
  }
  return false;
}
