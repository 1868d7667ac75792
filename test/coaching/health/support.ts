import type { DailySummary } from "../../../engine/health/daily-summary";
import {
  type HealthSample,
  type HealthSource,
  validateSample,
} from "../../../engine/health/samples";
import { addDays } from "../../../kernel/dates";

// Shared helpers for the health-data tests: samples in the platforms' wire shape, validated.

export const FAR_FUTURE = Date.parse("2100-01-01T00:00:00Z");
export const HK: HealthSource = {
  platform: "healthkit",
  device: "Apple Watch",
  app: "com.apple.health",
};
export const HC: HealthSource = {
  platform: "health_connect",
  device: "Pixel Watch 2",
  app: "com.google.android.apps.fitness",
};

/** A validated sample from its wire form (throws if it is rejected). */
export function sample(raw: Record<string, unknown>, source: HealthSource = HK): HealthSample {
  const result = validateSample(raw, source, FAR_FUTURE);
  if (!result.ok)
    throw new Error(`rejected ${JSON.stringify(raw)}: ${JSON.stringify(result.error)}`);
  return result.sample;
}

/** A day's summary with only the given figures (sleep ending at 07:00 UTC when given). */
export function day(date: string, figures: Partial<DailySummary> = {}): DailySummary {
  return {
    date,
    steps: null,
    active_energy_kcal: null,
    sleep_minutes: null,
    in_bed_minutes: null,
    sleep_efficiency: null,
    sleep_end: figures.sleep_minutes != null ? Date.parse(`${date}T07:00:00Z`) : null,
    resting_heart_rate: null,
    hrv_sdnn_ms: null,
    hrv_rmssd_ms: null,
    body_weight_kg: null,
    body_fat_pct: null,
    workouts: [],
    ...figures,
  };
}

/** `count` days before `date` (oldest first), each with the figures `figures(i)` gives. */
export function history(
  date: string,
  count: number,
  figures: (i: number) => Partial<DailySummary>,
): DailySummary[] {
  return Array.from({ length: count }, (_, i) => day(addDays(date, i - count), figures(i)));
}
