import { calendarWindow, overlapMs, sleepWindow, type Window } from "./local-days";
import type { HealthSample, StageInterval } from "./samples";
import { ASLEEP_STAGES, type WorkoutCategory } from "./vocabulary";

// One local day of health data, rebuilt from the samples overlapping its windows
// (local-days.ts). The rules, in docs/coaching.md ("Health data"):
//
// - steps and active energy: each source's samples are summed (an interval split between
//   days by time), then the largest source total is the day's. A watch and a phone both
//   count the same walk; adding them would double it, and the platforms' own "total" takes
//   one source per interval too.
// - sleep: the union of the stage intervals in the sleep day, so overlapping sources (a
//   phone's "in bed" and a watch's stages) are not added twice. Asleep = light, deep, REM or
//   unspecified sleep; in bed = every stage but out of bed. With no stage detail at all (only
//   "in bed"), the time in bed is the sleep and efficiency is unknown.
// - resting heart rate and HRV: the mean of the day's readings; body weight and fat: the
//   day's first reading (the morning weigh-in).
// - workouts: those starting that day; two that overlap by half the shorter one's time and
//   share a category are one workout recorded twice (a watch and a running app), the longer
//   is kept.

export interface WorkoutSummary {
  id: string;
  workout_type: string;
  category: WorkoutCategory;
  start: number;
  end: number;
  minutes: number;
  energy_kcal: number | null;
  distance_m: number | null;
  avg_heart_rate: number | null;
  app: string | null;
}

export interface DailySummary {
  date: string;
  steps: number | null;
  active_energy_kcal: number | null;
  sleep_minutes: number | null;
  in_bed_minutes: number | null;
  /** Asleep / in bed, 0-1; null without stage detail. */
  sleep_efficiency: number | null;
  /** When the day's sleep ended (ms): readiness waits for a night that has ended. */
  sleep_end: number | null;
  resting_heart_rate: number | null;
  hrv_sdnn_ms: number | null;
  hrv_rmssd_ms: number | null;
  body_weight_kg: number | null;
  body_fat_pct: number | null;
  workouts: WorkoutSummary[];
}

const MINUTE_MS = 60_000;
const round = (value: number, places = 0) => {
  const f = 10 ** places;
  return Math.round(value * f) / f;
};

const sourceKey = (s: HealthSample) => `${s.platform}|${s.device ?? ""}|${s.app ?? ""}`;

function within(sample: HealthSample, window: Window): boolean {
  return sample.end > sample.start
    ? sample.end > window.start && sample.start < window.end
    : sample.start >= window.start && sample.start < window.end;
}

/** Sum of the largest source: each sample's share is its value times the part of it in the day. */
function cumulative(samples: HealthSample[], window: Window): number | null {
  const bySource = new Map<string, number>();
  for (const s of samples) {
    if (!within(s, window)) continue;
    const share = s.end > s.start ? overlapMs(s.start, s.end, window) / (s.end - s.start) : 1;
    bySource.set(sourceKey(s), (bySource.get(sourceKey(s)) ?? 0) + (s.value ?? 0) * share);
  }
  return bySource.size === 0 ? null : Math.max(...bySource.values());
}

/** Total length of the union of intervals, and where the union ends. */
function union(intervals: { start: number; end: number }[]): { ms: number; end: number | null } {
  const sorted = [...intervals].sort((a, b) => a.start - b.start);
  let ms = 0;
  let cursor = Number.NEGATIVE_INFINITY;
  for (const { start, end } of sorted) {
    if (end <= cursor) continue;
    ms += end - Math.max(start, cursor);
    cursor = end;
  }
  return { ms, end: sorted.length > 0 ? cursor : null };
}

function sleep(samples: HealthSample[], window: Window) {
  const clipped: StageInterval[] = [];
  for (const s of samples) {
    for (const stage of s.stages ?? []) {
      const start = Math.max(stage.start, window.start);
      const end = Math.min(stage.end, window.end);
      if (end > start) clipped.push({ stage: stage.stage, start, end });
    }
  }
  if (clipped.length === 0) return null;
  const detailed = clipped.some((i) => ASLEEP_STAGES.has(i.stage) || i.stage === "awake");
  const inBed = union(clipped.filter((i) => i.stage !== "out_of_bed"));
  const asleep = detailed ? union(clipped.filter((i) => ASLEEP_STAGES.has(i.stage))) : inBed;
  return {
    sleep_minutes: round(asleep.ms / MINUTE_MS),
    in_bed_minutes: round(inBed.ms / MINUTE_MS),
    sleep_efficiency: detailed && inBed.ms > 0 ? round(asleep.ms / inBed.ms, 2) : null,
    sleep_end: asleep.end ?? inBed.end,
  };
}

function mean(values: number[], places: number): number | null {
  return values.length === 0
    ? null
    : round(values.reduce((a, b) => a + b, 0) / values.length, places);
}

function first(samples: HealthSample[]): number | null {
  const earliest = [...samples].sort((a, b) => a.start - b.start || a.id.localeCompare(b.id))[0];
  return earliest?.value ?? null;
}

function workouts(samples: HealthSample[]): WorkoutSummary[] {
  const all = samples
    .filter((s) => s.workout)
    .map((s) => ({
      id: s.id,
      ...(s.workout as NonNullable<HealthSample["workout"]>),
      start: s.start,
      end: s.end,
      minutes: round((s.end - s.start) / MINUTE_MS),
      app: s.app,
    }))
    // Longest first, so a duplicate recording loses to the fuller one; id breaks ties.
    .sort((a, b) => b.end - b.start - (a.end - a.start) || a.id.localeCompare(b.id));
  const kept: WorkoutSummary[] = [];
  for (const w of all) {
    const duplicate = kept.some(
      (k) =>
        k.category === w.category &&
        overlapMs(w.start, w.end, k) >= 0.5 * Math.min(w.end - w.start, k.end - k.start),
    );
    if (!duplicate) kept.push(w);
  }
  return kept.sort((a, b) => a.start - b.start || a.id.localeCompare(b.id));
}

/**
 * The summary of one local date from any set of samples (those outside the date's windows are
 * ignored); null when no sample contributes to it.
 */
export function summarizeDay(
  samples: readonly HealthSample[],
  date: string,
  timezone: string,
): DailySummary | null {
  const day = calendarWindow(date, timezone);
  const ofType = (type: HealthSample["type"]) => samples.filter((s) => s.type === type);
  const inDay = (type: HealthSample["type"]) =>
    ofType(type).filter((s) => s.start >= day.start && s.start < day.end);
  const steps = cumulative(ofType("steps"), day);
  const energy = cumulative(ofType("active_energy"), day);
  const slept = sleep(ofType("sleep"), sleepWindow(date, timezone));
  const values = (type: HealthSample["type"]) => inDay(type).map((s) => s.value as number);
  const summary: DailySummary = {
    date,
    steps: steps === null ? null : round(steps),
    active_energy_kcal: energy === null ? null : round(energy),
    sleep_minutes: slept?.sleep_minutes ?? null,
    in_bed_minutes: slept?.in_bed_minutes ?? null,
    sleep_efficiency: slept?.sleep_efficiency ?? null,
    sleep_end: slept?.sleep_end ?? null,
    resting_heart_rate: mean(values("resting_heart_rate"), 1),
    hrv_sdnn_ms: mean(values("hrv_sdnn"), 1),
    hrv_rmssd_ms: mean(values("hrv_rmssd"), 1),
    body_weight_kg: first(inDay("body_weight")),
    body_fat_pct: first(inDay("body_fat")),
    workouts: workouts(inDay("workout")),
  };
  if (summary.body_weight_kg !== null) summary.body_weight_kg = round(summary.body_weight_kg, 2);
  if (summary.body_fat_pct !== null) summary.body_fat_pct = round(summary.body_fat_pct, 1);
  const empty =
    steps === null &&
    energy === null &&
    slept === null &&
    summary.workouts.length === 0 &&
    [
      summary.resting_heart_rate,
      summary.hrv_sdnn_ms,
      summary.hrv_rmssd_ms,
      summary.body_weight_kg,
      summary.body_fat_pct,
    ].every((v) => v === null);
  return empty ? null : summary;
}
