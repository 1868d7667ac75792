import { addDays } from "../../kernel/dates";
import type { DailySummary } from "./daily-summary";

// A user's usual values: the mean and spread of each signal over the 28 local days before a
// date (the date itself excluded, so today is compared with what came before it). Four weeks
// is the baseline period of the HRV-guided training studies (Vesterinen 2016, Javaloyes 2019).
// HRV is averaged on the log scale (Plews 2013): its day-to-day spread grows with its size.

export const BASELINE_DAYS = 28;

/** Days of data a baseline needs; HRV is the noisiest signal, so it needs more. */
export const MIN_BASELINE_DAYS = {
  sleep_minutes: 7,
  resting_heart_rate: 7,
  hrv_sdnn_ms: 14,
  hrv_rmssd_ms: 14,
  steps: 7,
  active_energy_kcal: 7,
} as const;

/** A night shorter than this is a nap or a watch that died, not a night's sleep. */
export const MIN_NIGHT_MINUTES = 180;
/** A day with fewer steps is a day the phone stayed on the desk. */
export const MIN_STEPS_DAY = 1000;

export type BaselineSignal = keyof typeof MIN_BASELINE_DAYS;

export interface Baseline {
  /** The mean (for HRV, the geometric mean: exp of the mean of ln values). */
  mean: number;
  /** Standard deviation (for HRV, of the ln values). */
  sd: number;
  /** Days with data in the window. */
  days: number;
  /** The usual range, mean ± 1 SD (for HRV, exp(mean ln ± SD ln)). */
  low: number;
  high: number;
}

export type Baselines = Record<BaselineSignal, Baseline | null>;

const LOG_SIGNALS = new Set<BaselineSignal>(["hrv_sdnn_ms", "hrv_rmssd_ms"]);

function usable(signal: BaselineSignal, value: number | null): value is number {
  if (value === null) return false;
  if (signal === "sleep_minutes") return value >= MIN_NIGHT_MINUTES;
  if (signal === "steps") return value >= MIN_STEPS_DAY;
  return true;
}

const round = (value: number, places: number) => Math.round(value * 10 ** places) / 10 ** places;

export function baselineOf(values: readonly number[], log: boolean): Baseline {
  const xs = log ? values.map(Math.log) : [...values];
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const variance =
    xs.length > 1 ? xs.reduce((sum, x) => sum + (x - mean) ** 2, 0) / (xs.length - 1) : 0;
  const sd = Math.sqrt(variance);
  const back = (x: number) => (log ? Math.exp(x) : x);
  return {
    mean: round(back(mean), 1),
    sd: round(sd, log ? 3 : 1),
    days: values.length,
    low: round(back(mean - sd), 1),
    high: round(back(mean + sd), 1),
  };
}

/** The baselines for `date` from the summaries of the 28 days before it (others are ignored). */
export function baselinesFor(summaries: readonly DailySummary[], date: string): Baselines {
  const from = addDays(date, -BASELINE_DAYS);
  const window = summaries.filter((s) => s.date >= from && s.date < date);
  const result = {} as Baselines;
  for (const signal of Object.keys(MIN_BASELINE_DAYS) as BaselineSignal[]) {
    const values = window.map((s) => s[signal]).filter((v) => usable(signal, v));
    result[signal] =
      values.length >= MIN_BASELINE_DAYS[signal]
        ? baselineOf(values, LOG_SIGNALS.has(signal))
        : null;
  }
  return result;
}
