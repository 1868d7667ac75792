import { KG_PER_LB } from "../../kernel/units";
import type { Platform, SampleType } from "./vocabulary";

// Units a sample's `value` may come in, as HealthKit (HKUnit strings: "count/min", "kcal",
// "Cal", "kJ", "lb", "%") and Health Connect (Energy, Mass and Percentage accessors:
// "kilocalories", "calories", "kilograms", "pounds", "percent") spell them, and the factor to
// the unit we store: count, kcal, bpm, ms, kg, % (0-100). No unit means the stored unit.
//
// Two spellings differ only by case on purpose: "Cal" (HealthKit's large calorie, the food
// label's Calorie) is a kilocalorie, while "cal" and "calories" (Health Connect's
// Energy.inCalories) are small calories, a thousandth of it. And HealthKit's "%"
// (HKUnit.percent()) is a fraction, 0.25 for 25%, while Health Connect's percentage is 0-100.
// A wrong guess is caught by the plausibility bounds (samples.ts): 25% read as a fraction is
// 2,500%, rejected, never stored.

export const STORED_UNITS: Readonly<Record<Exclude<SampleType, "sleep" | "workout">, string>> = {
  steps: "count",
  active_energy: "kcal",
  resting_heart_rate: "bpm",
  hrv_sdnn: "ms",
  hrv_rmssd: "ms",
  body_weight: "kg",
  body_fat: "%",
};

const KCAL_PER_KJ = 1 / 4.184;
const KG_PER_STONE = 14 * KG_PER_LB;
const KG_PER_OUNCE = KG_PER_LB / 16;

const ENERGY: Readonly<Record<string, number>> = {
  kcal: 1,
  kilocalories: 1,
  kilocalorie: 1,
  Cal: 1,
  Calories: 1,
  cal: 0.001,
  calories: 0.001,
  kJ: KCAL_PER_KJ,
  kj: KCAL_PER_KJ,
  kilojoules: KCAL_PER_KJ,
  J: KCAL_PER_KJ / 1000,
  joules: KCAL_PER_KJ / 1000,
};
const COUNT = { count: 1, steps: 1 };
const BEATS = {
  bpm: 1,
  "count/min": 1,
  "beats/min": 1,
  "/min": 1,
  beats_per_minute: 1,
  beatsPerMinute: 1,
};
const MILLISECONDS = { ms: 1, milliseconds: 1, s: 1000, seconds: 1000 };
const MASS = {
  kg: 1,
  kilograms: 1,
  g: 0.001,
  grams: 0.001,
  lb: KG_PER_LB,
  lbs: KG_PER_LB,
  pounds: KG_PER_LB,
  st: KG_PER_STONE,
  stones: KG_PER_STONE,
  oz: KG_PER_OUNCE,
  ounces: KG_PER_OUNCE,
};

const FACTORS: Readonly<Record<keyof typeof STORED_UNITS, Readonly<Record<string, number>>>> = {
  steps: COUNT,
  active_energy: ENERGY,
  resting_heart_rate: BEATS,
  hrv_sdnn: MILLISECONDS,
  hrv_rmssd: MILLISECONDS,
  body_weight: MASS,
  body_fat: { percent: 1, percentage: 1, fraction: 100 },
};

export type UnitResult = { ok: true; value: number } | { ok: false; accepted: string[] };

/** The value in the stored unit, or the units this type accepts. */
export function toStoredUnit(
  type: keyof typeof STORED_UNITS,
  value: number,
  unit: string | undefined,
  platform: Platform,
): UnitResult {
  if (unit === undefined) return { ok: true, value };
  if (type === "body_fat" && unit === "%")
    return { ok: true, value: platform === "healthkit" ? value * 100 : value };
  const factors = FACTORS[type];
  const factor = factors[unit] ?? (unit === STORED_UNITS[type] ? 1 : undefined);
  if (factor === undefined) {
    const accepted = [...new Set([STORED_UNITS[type], ...Object.keys(factors)])];
    return { ok: false, accepted };
  }
  return { ok: true, value: value * factor };
}
