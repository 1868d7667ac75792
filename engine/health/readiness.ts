import { addDays } from "../../kernel/dates";
import { zonedToUtc } from "../../kernel/zoned";
import { type Baseline, type Baselines, baselinesFor } from "./baselines";
import type { DailySummary, WorkoutSummary } from "./daily-summary";
import { CATEGORY_INTENSITY, type WorkoutIntensity } from "./vocabulary";

// How ready the body is to train today, from last night's sleep against the user's usual,
// resting heart rate and HRV against their 28-day baselines, and yesterday's extra load
// (workouts outside this app, very high step counts). The rule is deliberately conservative
// and explainable (docs/coaching.md, "Readiness", with its sources):
//
// - the score starts at 100 and each signal can only take points off: a clear sign from the
//   body 40, a moderate one 20; yesterday's load less (a very long outside workout 25, a long
//   one 10, a very high step count 10), because a hard day shows in the next morning's HRV,
//   resting HR and sleep when it matters, and counting the cause and its effect fully would
//   count it twice;
// - "low" is 60 or less: one clear sign (a short night, HRV far under its range, a resting HR
//   10 bpm up), two moderate ones, or a moderate one after a very long outside workout. One
//   moderate sign alone is never enough (daily HRV and sleep figures are noisy), nor is load
//   alone;
// - "high" is 100 with sleep and a heart signal measured against their baselines; it never
//   adds work to a plan, it only lets the coach say so;
// - a signal with no data or no baseline says nothing (the score does not drop for a missing
//   watch), and the reason lists exactly the signs that took points off.

export const LOW_READINESS_MAX_SCORE = 60;
export const VERY_LOW_READINESS_MAX_SCORE = 40;
export const STRONG_EFFECT = -40;
export const MODERATE_EFFECT = -20;
export const HEAVY_LOAD_EFFECT = -10;
export const VERY_HEAVY_LOAD_EFFECT = -25;
export const STEPS_EFFECT = -10;

/** Without a sleep baseline: under 5 h 30 is a clear sign, under 6 h 30 a moderate one. */
export const SHORT_NIGHT_MINUTES = 330;
export const SOMEWHAT_SHORT_NIGHT_MINUTES = 390;
/** A night counts for today once it ended after 04:00 local (an evening nap does not). */
export const NIGHT_ENDS_AFTER_MINUTES = 4 * 60;
/** An HRV spread below this (ln units) is treated as this: a few calm weeks are not a norm. */
export const MIN_HRV_SD = 0.07;

export const LOAD_FACTOR: Readonly<Record<WorkoutIntensity, number>> = {
  vigorous: 1,
  moderate: 0.5,
  light: 0.25,
};
/** Yesterday's outside load, in vigorous-equivalent minutes: a long and a very long day. */
export const HEAVY_LOAD_MINUTES = 45;
export const VERY_HEAVY_LOAD_MINUTES = 90;
/** Steps: twice the usual and at least 15,000, or 25,000 whatever the usual. */
export const HIGH_STEPS_RATIO = 2;
export const HIGH_STEPS_MIN = 15_000;
export const VERY_HIGH_STEPS = 25_000;

export type ReadinessLevel = "low" | "normal" | "high";
export type ReadinessSignal = "sleep" | "hrv" | "resting_heart_rate" | "load" | "steps";

export interface ReadinessFactor {
  signal: ReadinessSignal;
  /** Points taken off (0 or negative). */
  effect: number;
  /** One sentence a coach can say. */
  text: string;
}

export interface Readiness {
  date: string;
  score: number;
  level: ReadinessLevel;
  /** The signs that took points off, or why nothing did. */
  reason: string;
  factors: ReadinessFactor[];
  /**
   * Last night is in (or the user never tracks sleep and today's heart data is): the day's
   * readiness will not change much, so a plan may be changed on it.
   */
  settled: boolean;
}

export interface ReadinessInput {
  date: string;
  timezone: string;
  today: DailySummary | null;
  yesterday: DailySummary | null;
  /** Baselines for today (sleep, HRV, resting HR). */
  baselines: Baselines;
  /** Baselines for yesterday (its steps against the 28 days before it). */
  yesterdayBaselines: Baselines;
  /** This app's own workout sessions yesterday: health workouts overlapping them are not extra. */
  appSessions?: readonly { start: number; end: number }[];
}

export function formatMinutes(minutes: number): string {
  const m = Math.round(minutes);
  const h = Math.floor(m / 60);
  const rest = m % 60;
  if (h === 0) return `${rest} min`;
  return rest === 0 ? `${h} h` : `${h} h ${rest} min`;
}

const thousands = (n: number) => Math.round(n).toLocaleString("en-US");

function sleepFactor(input: ReadinessInput): ReadinessFactor | null {
  const minutes = input.today?.sleep_minutes ?? null;
  if (minutes === null || !nightEnded(input)) return null;
  const base = input.baselines.sleep_minutes;
  let effect = 0;
  let text: string;
  if (base) {
    const short = base.mean - minutes;
    if (short >= 120 || (minutes < SHORT_NIGHT_MINUTES && short >= 45)) effect = STRONG_EFFECT;
    else if (short >= 60 || (minutes < SOMEWHAT_SHORT_NIGHT_MINUTES && short >= 30))
      effect = MODERATE_EFFECT;
    text =
      short >= 15
        ? `You slept ${formatMinutes(minutes)}, ${formatMinutes(short)} less than your usual ${formatMinutes(base.mean)}.`
        : `You slept ${formatMinutes(minutes)}, about your usual ${formatMinutes(base.mean)} or more.`;
  } else {
    if (minutes < SHORT_NIGHT_MINUTES) effect = STRONG_EFFECT;
    else if (minutes < SOMEWHAT_SHORT_NIGHT_MINUTES) effect = MODERATE_EFFECT;
    text = `You slept ${formatMinutes(minutes)}.`;
  }
  return { signal: "sleep", effect, text };
}

/** Last night's sleep is recorded: the day's sleep ended after 04:00 local. */
function nightEnded(input: ReadinessInput): boolean {
  const end = input.today?.sleep_end ?? null;
  return end !== null && end >= zonedToUtc(input.date, NIGHT_ENDS_AFTER_MINUTES, input.timezone);
}

function hrvFactor(input: ReadinessInput): ReadinessFactor | null {
  const today = input.today;
  if (!today) return null;
  // RMSSD and SDNN are different measures: today's value is compared with its own kind.
  const pick = (
    [
      ["RMSSD", today.hrv_rmssd_ms, input.baselines.hrv_rmssd_ms],
      ["SDNN", today.hrv_sdnn_ms, input.baselines.hrv_sdnn_ms],
    ] as const
  ).find(([, value, base]) => value !== null && base !== null);
  if (!pick) return null;
  const [kind, value, base] = pick as [string, number, Baseline];
  const sd = Math.max(base.sd, MIN_HRV_SD);
  const z = (Math.log(value) - Math.log(base.mean)) / sd;
  const range = `${Math.round(Math.exp(Math.log(base.mean) - sd))}-${Math.round(Math.exp(Math.log(base.mean) + sd))} ms`;
  if (z < -2)
    return {
      signal: "hrv",
      effect: STRONG_EFFECT,
      text: `Your HRV (${kind}) is ${Math.round(value)} ms, far under your usual range of ${range}.`,
    };
  if (z < -1)
    return {
      signal: "hrv",
      effect: MODERATE_EFFECT,
      text: `Your HRV (${kind}) is ${Math.round(value)} ms, under your usual range of ${range}.`,
    };
  return {
    signal: "hrv",
    effect: 0,
    text: `Your HRV (${kind}) is ${Math.round(value)} ms, within or above your usual range of ${range}.`,
  };
}

function restingHeartRateFactor(input: ReadinessInput): ReadinessFactor | null {
  const value = input.today?.resting_heart_rate ?? null;
  const base = input.baselines.resting_heart_rate;
  if (value === null || !base) return null;
  const up = value - base.mean;
  const words = `Your resting heart rate is ${Math.round(value)} bpm`;
  if (up >= Math.max(10, 2 * base.sd))
    return {
      signal: "resting_heart_rate",
      effect: STRONG_EFFECT,
      text: `${words}, ${Math.round(up)} above your usual ${Math.round(base.mean)}.`,
    };
  if (up >= Math.max(5, base.sd))
    return {
      signal: "resting_heart_rate",
      effect: MODERATE_EFFECT,
      text: `${words}, ${Math.round(up)} above your usual ${Math.round(base.mean)}.`,
    };
  return {
    signal: "resting_heart_rate",
    effect: 0,
    text: `${words}, close to your usual ${Math.round(base.mean)}.`,
  };
}

/** Workouts that are not one of this app's sessions (half or more of them overlapping one). */
export function outsideWorkouts(
  workouts: readonly WorkoutSummary[],
  appSessions: readonly { start: number; end: number }[] = [],
): WorkoutSummary[] {
  return workouts.filter(
    (w) =>
      !appSessions.some(
        (s) => Math.min(w.end, s.end) - Math.max(w.start, s.start) >= 0.5 * (w.end - w.start),
      ),
  );
}

/** Vigorous-equivalent minutes of a set of workouts. */
export function loadMinutes(workouts: readonly WorkoutSummary[]): number {
  return workouts.reduce(
    (sum, w) => sum + w.minutes * LOAD_FACTOR[CATEGORY_INTENSITY[w.category]],
    0,
  );
}

function describeWorkout(w: WorkoutSummary): string {
  const name = w.workout_type.replaceAll("_", " ");
  const distance = w.distance_m ? ` (${(w.distance_m / 1000).toFixed(1)} km)` : "";
  return `${formatMinutes(w.minutes)} of ${name}${distance}`;
}

function loadFactor(input: ReadinessInput): ReadinessFactor | null {
  const outside = outsideWorkouts(input.yesterday?.workouts ?? [], input.appSessions);
  if (outside.length === 0) return null;
  const load = loadMinutes(outside);
  const effect =
    load >= VERY_HEAVY_LOAD_MINUTES
      ? VERY_HEAVY_LOAD_EFFECT
      : load >= HEAVY_LOAD_MINUTES
        ? HEAVY_LOAD_EFFECT
        : 0;
  return {
    signal: "load",
    effect,
    text: `Yesterday outside this app: ${outside.map(describeWorkout).join(", ")}.`,
  };
}

function stepsFactor(input: ReadinessInput): ReadinessFactor | null {
  const steps = input.yesterday?.steps ?? null;
  if (steps === null) return null;
  const base = input.yesterdayBaselines.steps;
  const ratio = base ? steps / base.mean : null;
  const high =
    steps >= VERY_HIGH_STEPS ||
    (ratio !== null && ratio >= HIGH_STEPS_RATIO && steps >= HIGH_STEPS_MIN);
  if (!high) return null;
  const usual =
    base && ratio !== null
      ? `, ${ratio >= 2 ? `about ${ratio.toFixed(1)} times` : "above"} your usual ${thousands(Math.round(base.mean / 100) * 100)}`
      : "";
  return {
    signal: "steps",
    effect: STEPS_EFFECT,
    text: `Yesterday you walked ${thousands(steps)} steps${usual}.`,
  };
}

/** Today's readiness; null when there is nothing to judge it on. */
export function readinessFor(input: ReadinessInput): Readiness | null {
  const factors = [
    sleepFactor(input),
    hrvFactor(input),
    restingHeartRateFactor(input),
    loadFactor(input),
    stepsFactor(input),
  ].filter((f): f is ReadinessFactor => f !== null);
  if (factors.length === 0) return null;
  const score = Math.max(0, Math.min(100, 100 + factors.reduce((sum, f) => sum + f.effect, 0)));
  const measured = new Set(factors.map((f) => f.signal));
  const level: ReadinessLevel =
    score <= LOW_READINESS_MAX_SCORE
      ? "low"
      : score === 100 &&
          measured.has("sleep") &&
          (measured.has("hrv") || measured.has("resting_heart_rate"))
        ? "high"
        : "normal";
  const against = factors.filter((f) => f.effect < 0);
  const reason =
    against.length > 0
      ? against.map((f) => f.text).join(" ")
      : factors
          .filter((f) => f.signal !== "load")
          .map((f) => f.text)
          .join(" ") || factors.map((f) => f.text).join(" ");
  const tracksSleep = input.baselines.sleep_minutes !== null || input.today?.sleep_minutes != null;
  const settled = tracksSleep
    ? measured.has("sleep")
    : input.today?.hrv_rmssd_ms != null ||
      input.today?.hrv_sdnn_ms != null ||
      input.today?.resting_heart_rate != null;
  return { date: input.date, score, level, reason, factors, settled };
}

/** Readiness for `date` from the daily summaries around it (any order; baselines from them too). */
export function readinessFromDays(
  summaries: readonly DailySummary[],
  date: string,
  timezone: string,
  appSessions?: readonly { start: number; end: number }[],
): Readiness | null {
  const byDate = new Map(summaries.map((s) => [s.date, s]));
  const yesterday = addDays(date, -1);
  return readinessFor({
    date,
    timezone,
    today: byDate.get(date) ?? null,
    yesterday: byDate.get(yesterday) ?? null,
    baselines: baselinesFor(summaries, date),
    yesterdayBaselines: baselinesFor(summaries, yesterday),
    appSessions,
  });
}
