import type { Schemas } from "@fitness-coach/client";
import { formatWeight, type Units } from "./units";

// The lifter's loop as the Today screen reads it: last time, today's target and the warm-up,
// in the user's units ("80 kg × 8, 8, 7"; "82.5 kg × 4 × 6 @ RIR 2").

type Exercise = Schemas["PlannedExerciseWithTargets"];

const load = (set: { weight_kg: number; weight_lb?: number }, units: Units) =>
  set.weight_kg > 0 ? formatWeight(set.weight_kg, set.weight_lb, units) : "bodyweight";

/** "80 kg × 8, 8, 7 (2026-11-19)", sets grouped by load in the order done. */
export function lastTimeText(last: Exercise["last"], units: Units): string {
  if (!last) return "—";
  const groups: { load: string; reps: number[] }[] = [];
  for (const set of last.sets) {
    const text = load(set, units);
    const group = groups.at(-1);
    if (group?.load === text) group.reps.push(set.reps);
    else groups.push({ load: text, reps: [set.reps] });
  }
  return `${groups.map((g) => `${g.load} × ${g.reps.join(", ")}`).join("; ")} (${last.date})`;
}

/** "82.5 kg · 4 × 6 @ RIR 2", or the sets and reps alone when the load is the user's to find. */
export function targetText(suggested: Exercise["suggested"], units: Units): string {
  if (!suggested) return "—";
  const sets = `${suggested.sets} × ${suggested.reps_target} @ RIR ${suggested.rir}`;
  if (suggested.weight_kg === null) return sets;
  return `${load({ weight_kg: suggested.weight_kg, weight_lb: suggested.weight_lb ?? undefined }, units)} · ${sets}`;
}

/** "Warm-up: 20 kg × 10, 32.5 kg × 5, ..." or null when there is none. */
export function warmupText(warmup: Exercise["warmup"], units: Units): string | null {
  if (warmup.length === 0) return null;
  return `Warm-up: ${warmup.map((set) => `${load(set, units)} × ${set.reps}`).join(", ")}`;
}
