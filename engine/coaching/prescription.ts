import type { Exercise } from "./exercise";
import type { Equipment, Goal, Level, Muscle, Pattern, Progression } from "./vocabulary";

// Reps, reps in reserve (RIR) and rest by goal and by the role an exercise plays, after the
// ACSM 2009 progression models (strength: heavy loads, 3-6 reps, 2-5 min rest; hypertrophy:
// 6-12 reps, 1-2 min; local endurance: 12-20+ reps, 30-60 s), Schoenfeld 2016/2017 (loads
// from 6 to 20+ reps grow muscle when sets end near failure) and Helms 2014 (RIR-based
// autoregulation). Fat loss and general fitness are a documented mix: heavy-ish compounds
// keep strength in a deficit, higher-rep accessories and short-rest finishers add work.

/**
 * main: loaded multi-joint lift of a main pattern (squat, bench, row...);
 * compound: other multi-joint work (bodyweight, bands);
 * isolation: single-joint and trunk work; conditioning: finishers.
 */
export type Role = "main" | "compound" | "isolation" | "conditioning";

export interface Prescription {
  rep_min: number;
  rep_max: number;
  target_rir: number;
  rest_seconds: number;
}

const LOADABLE: ReadonlySet<Equipment> = new Set([
  "barbell",
  "dumbbell",
  "kettlebell",
  "cable",
  "machine",
  "ez_bar",
]);

const MAIN_PATTERNS: ReadonlySet<Pattern> = new Set([
  "squat",
  "hinge",
  "lunge",
  "horizontal_push",
  "vertical_push",
  "horizontal_pull",
  "vertical_pull",
]);

/** Muscles that respond well to, and tolerate best, higher reps (12-20) in a hypertrophy block. */
const HIGH_REP_MUSCLES: ReadonlySet<Muscle> = new Set([
  "side_delts",
  "rear_delts",
  "calves",
  "abs",
  "obliques",
  "forearms",
  "neck",
  "abductors",
  "adductors",
]);

export function roleOf(exercise: Exercise): Role {
  if (exercise.pattern === "conditioning") return "conditioning";
  if (exercise.mechanic === "isolation") return "isolation";
  const loaded = exercise.equipment.some((item) => LOADABLE.has(item));
  return loaded && MAIN_PATTERNS.has(exercise.pattern) ? "main" : "compound";
}

/** Static holds (planks, wall sits) are prescribed in seconds: one rep is one second. */
export function isTimedHold(exercise: Exercise): boolean {
  return exercise.force === "static";
}

type Row = readonly [repMin: number, repMax: number, rir: number, restSeconds: number];

export const GOAL_TABLE: Readonly<Record<Goal, Readonly<Record<Role, Row>>>> = {
  strength: {
    main: [3, 5, 2, 180],
    compound: [4, 6, 2, 150],
    isolation: [6, 10, 2, 120],
    conditioning: [6, 10, 3, 120],
  },
  muscle_gain: {
    main: [6, 10, 2, 120],
    compound: [8, 12, 2, 90],
    isolation: [10, 15, 1, 60],
    conditioning: [12, 20, 2, 60],
  },
  endurance: {
    main: [12, 15, 2, 60],
    compound: [15, 20, 2, 45],
    isolation: [15, 20, 2, 45],
    conditioning: [20, 30, 2, 30],
  },
  fat_loss: {
    main: [6, 10, 2, 120],
    compound: [8, 12, 2, 90],
    isolation: [12, 15, 2, 60],
    conditioning: [15, 20, 2, 30],
  },
  general_fitness: {
    main: [8, 12, 3, 90],
    compound: [10, 12, 3, 75],
    isolation: [12, 15, 2, 60],
    conditioning: [15, 20, 3, 45],
  },
};

/** Timed holds: seconds per set, by goal (longer holds for endurance). */
const HOLD_SECONDS: Readonly<Record<Goal, readonly [number, number]>> = {
  strength: [20, 30],
  muscle_gain: [20, 40],
  endurance: [30, 60],
  fat_loss: [20, 40],
  general_fitness: [20, 40],
};

/** Beginners stop one rep further from failure while they learn the movements. */
const BEGINNER_EXTRA_RIR = 1;

export function prescribe(goal: Goal, level: Level, exercise: Exercise): Prescription {
  const role = roleOf(exercise);
  const [tableMin, tableMax, rir, rest] = GOAL_TABLE[goal][role];
  let repMin = tableMin;
  let repMax = tableMax;
  if (goal === "muscle_gain" && role === "isolation") {
    const small = exercise.primary_muscles.every((muscle) => HIGH_REP_MUSCLES.has(muscle));
    if (small) [repMin, repMax] = [12, 20];
  }
  if (isTimedHold(exercise)) [repMin, repMax] = HOLD_SECONDS[goal];
  return {
    rep_min: repMin,
    rep_max: repMax,
    target_rir: Math.min(4, rir + (level === "beginner" ? BEGINNER_EXTRA_RIR : 0)),
    rest_seconds: rest,
  };
}

/**
 * Linear load progression for beginners on loaded main lifts (ACSM 2009: novices progress
 * session to session); double progression for everything else (reps first, then load).
 */
export function progressionFor(level: Level, exercise: Exercise): Progression {
  return level === "beginner" && roleOf(exercise) === "main" ? "linear_load" : "double_progression";
}

const LOWER_BODY_PATTERNS: ReadonlySet<Pattern> = new Set(["squat", "hinge", "lunge"]);

/** Human-readable detail for the progression field, plus the exercise's first cue. */
export function progressionNotes(
  progression: Progression,
  exercise: Exercise,
  rx: Prescription,
  sets: number,
): string {
  const unit = isTimedHold(exercise) ? "seconds" : "reps";
  const cue = exercise.cues[0] ? ` Cue: ${exercise.cues[0]}.` : "";
  switch (progression) {
    case "linear_load": {
      const step = LOWER_BODY_PATTERNS.has(exercise.pattern) ? "5 kg" : "2.5 kg";
      return (
        `Add ${step} next session when every set reaches ${rx.rep_max} ${unit} at RIR ${rx.target_rir} ` +
        `or more; after two stalled sessions, drop the load 10% and build back.${cue}`
      );
    }
    case "double_progression":
      return (
        `Build to ${rx.rep_max} ${unit} on all sets at RIR ${rx.target_rir}, then add the smallest ` +
        `load step (or a harder variation) and restart at ${rx.rep_min}.${cue}`
      );
    case "hold":
      return (
        `Lighter week: keep last week's load, do ${sets} set${sets === 1 ? "" : "s"} ` +
        `and stop at RIR ${rx.target_rir}.${cue}`
      );
  }
}
