import type { DayFocus, MajorMuscle, Muscle } from "./vocabulary";

// Training split by days per week (Schoenfeld 2016 meta-analysis: training a muscle twice a
// week beats once). Every split below puts each major muscle on at least two days:
//   2-3 days: full body every day
//   4 days:   upper / lower, twice
//   5 days:   push / pull / legs + upper / lower (PPL alone would leave one group at once)
//   6 days:   push / pull / legs, twice

export interface Split {
  name: string;
  focuses: readonly DayFocus[];
}

export function splitForDays(daysPerWeek: number): Split {
  switch (daysPerWeek) {
    case 2:
      return { name: "Full Body", focuses: ["full_body", "full_body"] };
    case 3:
      return { name: "Full Body", focuses: ["full_body", "full_body", "full_body"] };
    case 4:
      return { name: "Upper/Lower", focuses: ["upper", "lower", "upper", "lower"] };
    case 5:
      return {
        name: "Push/Pull/Legs + Upper/Lower",
        focuses: ["push", "pull", "legs", "upper", "lower"],
      };
    case 6:
      return {
        name: "Push/Pull/Legs",
        focuses: ["push", "pull", "legs", "push", "pull", "legs"],
      };
    default:
      throw new RangeError(`days_per_week must be 2..6, got ${daysPerWeek}`);
  }
}

const UPPER_MAJORS: readonly MajorMuscle[] = ["chest", "lats", "upper_back", "front_delts"];
const LOWER_MAJORS: readonly MajorMuscle[] = ["quads", "hamstrings", "glutes"];

/** Major muscles each focus trains directly (these get volume-rule sets). */
export const FOCUS_MAJORS: Readonly<Record<DayFocus, readonly MajorMuscle[]>> = {
  full_body: [...LOWER_MAJORS, ...UPPER_MAJORS],
  upper: UPPER_MAJORS,
  lower: LOWER_MAJORS,
  push: ["chest", "front_delts"],
  pull: ["lats", "upper_back"],
  legs: LOWER_MAJORS,
};

/** Smaller muscles each focus adds accessory work for, most important first. */
export const FOCUS_ACCESSORIES: Readonly<Record<DayFocus, readonly Muscle[]>> = {
  full_body: ["side_delts", "abs", "biceps", "triceps", "calves", "rear_delts"],
  upper: ["side_delts", "biceps", "triceps", "rear_delts"],
  lower: ["calves", "abs", "obliques", "abductors"],
  push: ["side_delts", "triceps", "abs"],
  pull: ["rear_delts", "biceps", "traps"],
  legs: ["calves", "abs", "obliques"],
};
