// PROVISIONAL stand-in for the module of branch perf-summaries (replaced by it on merge).
import { epley } from "./progress";

export interface SetFact {
  local_date: string;
  exercise_id: string;
  reps: number;
  weight_kg: number;
  rir: number | null;
}

export interface DaySummary {
  local_date: string;
  exercise_id: string;
  sets: number;
  hard_sets: number;
  best_e1rm_kg: number;
  heaviest_kg: number;
  heaviest_reps: number;
}

export function summarizeDay(sets: SetFact[]): DaySummary | null {
  const first = sets[0];
  if (!first) return null;
  let best = 0;
  let heaviest = 0;
  let heaviestReps = 0;
  for (const set of sets) {
    if (set.weight_kg <= 0) continue;
    best = Math.max(best, epley(set.weight_kg, set.reps));
    if (set.weight_kg > heaviest || (set.weight_kg === heaviest && set.reps > heaviestReps)) {
      heaviest = set.weight_kg;
      heaviestReps = set.reps;
    }
  }
  return {
    local_date: first.local_date,
    exercise_id: first.exercise_id,
    sets: sets.length,
    hard_sets: sets.filter((s) => s.rir === null || s.rir <= 4).length,
    best_e1rm_kg: best,
    heaviest_kg: heaviest,
    heaviest_reps: heaviestReps,
  };
}
