import { macrosFor } from "../coaching/nutrition";
import type { Goal } from "../coaching/vocabulary";
import type { Baseline } from "./baselines";

// The opt-in activity adjustment of the day's calorie target (profile
// `adjust_calories_for_activity`). The target already assumes the user's usual day (their
// activity level), so only activity above their own 28-day usual moves it, and only up:
//
//   adjustment = round10(0.5 x (active energy today - usual active energy)), 0..cap
//   cap        = min(400 kcal, 20% of the day's target)
//
// Half, because wrist-worn devices overestimate energy expenditure, often by a quarter or
// more (Shcherbina 2017); never down, because the day is not over when the user eats and an
// unusually quiet day is what the activity level already averages in. Macros are recomputed
// for the new target with the same rules (protein per kg held; the extra goes to carbohydrate
// and fat). No adjustment without a baseline or today's active energy.

export const ACTIVITY_SHARE = 0.5;
export const MAX_ADJUSTMENT_KCAL = 400;
export const MAX_ADJUSTMENT_SHARE = 0.2;

export interface CalorieTargets {
  calories: number;
  protein_g: number;
  fat_g: number;
  carbs_g: number;
}

export interface ActivityAdjustment extends CalorieTargets {
  base_calories: number;
  adjustment_kcal: number;
  reason: string;
}

export function activityAdjustedTargets(input: {
  targets: CalorieTargets;
  active_energy_kcal: number | null;
  baseline: Baseline | null;
  weight_kg: number;
  goal: Goal;
  keto: boolean;
}): ActivityAdjustment {
  const base = input.targets;
  const unchanged = (reason: string): ActivityAdjustment => ({
    ...base,
    base_calories: base.calories,
    adjustment_kcal: 0,
    reason,
  });
  if (input.active_energy_kcal === null)
    return unchanged("No active energy from your phone today yet.");
  if (!input.baseline)
    return unchanged("Not enough days of active energy yet to know your usual day (7 needed).");
  const extra = input.active_energy_kcal - input.baseline.mean;
  const cap = Math.min(MAX_ADJUSTMENT_KCAL, MAX_ADJUSTMENT_SHARE * base.calories);
  const adjustment = Math.max(0, Math.min(cap, Math.round((ACTIVITY_SHARE * extra) / 10) * 10));
  if (adjustment === 0)
    return unchanged(
      `Active energy today (${Math.round(input.active_energy_kcal)} kcal) is not above your usual ${Math.round(input.baseline.mean)} kcal.`,
    );
  const calories = base.calories + adjustment;
  return {
    calories,
    ...macrosFor(calories, input.weight_kg, input.goal, input.keto),
    base_calories: base.calories,
    adjustment_kcal: adjustment,
    reason: `You burned ${Math.round(extra)} kcal more than your usual ${Math.round(input.baseline.mean)} kcal of active energy; half of it is added${adjustment === cap ? ", up to the cap" : ""}.`,
  };
}
