import type { Baselines } from "../../engine/health/baselines";
import type { WorkoutSummary } from "../../engine/health/daily-summary";
import type { IngestResult } from "../../engine/health/ingest";
import type { Readiness } from "../../engine/health/readiness";
import type { HealthSample } from "../../engine/health/samples";
import type { DayWithReadiness } from "./health";

// The JSON the health routes answer (worker/routes/health-data.schemas.ts describes it).

const iso = (ms: number) => new Date(ms).toISOString();

export const readinessBrief = (readiness: Readiness | null) =>
  readiness && { score: readiness.score, level: readiness.level, reason: readiness.reason };

export type ReadinessBrief = ReturnType<typeof readinessBrief>;

const workoutJson = (w: WorkoutSummary) => ({
  id: w.id,
  workout_type: w.workout_type,
  category: w.category,
  start: iso(w.start),
  end: iso(w.end),
  minutes: w.minutes,
  energy_kcal: w.energy_kcal,
  distance_m: w.distance_m,
  avg_heart_rate: w.avg_heart_rate,
  app: w.app,
});

export function dayJson({ summary: s, readiness }: DayWithReadiness) {
  const hrvKind = s.hrv_rmssd_ms !== null ? "rmssd" : s.hrv_sdnn_ms !== null ? "sdnn" : null;
  return {
    date: s.date,
    steps: s.steps === null ? null : Math.round(s.steps),
    active_energy_kcal: s.active_energy_kcal === null ? null : Math.round(s.active_energy_kcal),
    sleep_minutes: s.sleep_minutes,
    in_bed_minutes: s.in_bed_minutes,
    sleep_efficiency: s.sleep_efficiency,
    resting_heart_rate: s.resting_heart_rate,
    hrv_ms: s.hrv_rmssd_ms ?? s.hrv_sdnn_ms,
    hrv_kind: hrvKind as "rmssd" | "sdnn" | null,
    body_weight_kg: s.body_weight_kg === null ? null : Math.round(s.body_weight_kg * 100) / 100,
    body_fat_pct: s.body_fat_pct,
    workouts: s.workouts.map(workoutJson),
    readiness: readinessBrief(readiness),
  };
}

/** A stored sample as the export shows it: normalised units, ISO times. */
export function sampleJson(s: HealthSample) {
  return {
    ...s,
    start: iso(s.start),
    end: iso(s.end),
    modified_at: s.modified_at === null ? null : iso(s.modified_at),
    stages:
      s.stages?.map((x) => ({ stage: x.stage, start: iso(x.start), end: iso(x.end) })) ?? null,
  };
}

export function uploadJson(result: IngestResult) {
  const counts = { created: 0, updated: 0, unchanged: 0, stale: 0, deleted: 0, rejected: 0 };
  for (const r of result.results) counts[r.status]++;
  return {
    ...counts,
    results: result.results,
    deleted_ids: result.deleted,
    dates: result.dates,
  };
}

export function readinessJson(answer: {
  date: string;
  readiness: Readiness | null;
  baselines: Baselines;
}) {
  const r = answer.readiness;
  return {
    date: answer.date,
    readiness: r && {
      score: r.score,
      level: r.level,
      reason: r.reason,
      settled: r.settled,
      factors: r.factors,
    },
    baselines: answer.baselines,
  };
}
