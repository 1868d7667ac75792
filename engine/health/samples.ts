import { z } from "zod";
import { type STORED_UNITS, toStoredUnit } from "./units";
import {
  CUMULATIVE_TYPES,
  type Platform,
  platformSchema,
  type SampleType,
  type SleepStage,
  sleepStageOf,
  type WorkoutCategory,
  workoutCategoryOf,
  workoutTypeName,
} from "./vocabulary";

// One upload from the phone and the rules each sample must pass. A bad sample is rejected on
// its own (its result names the field and why) and never fails the batch; only a malformed
// envelope (no source, too many samples) does. Accepted samples are normalised: instants in
// ms since the epoch, values in the stored unit (units.ts), platform names mapped to ours.

export const MAX_SAMPLES_PER_BATCH = 1000;
export const MAX_DELETED_IDS_PER_BATCH = 1000;
export const MAX_SLEEP_STAGES = 500;
/** Clock skew allowed between the phone and us before a time counts as in the future. */
export const FUTURE_TOLERANCE_MS = 5 * 60_000;
/** No interval sample (steps, energy, sleep, workout) spans more than a day. */
export const MAX_INTERVAL_MS = 24 * 3_600_000;
/** Nothing before this is health data from a phone. */
export const EARLIEST_SAMPLE_MS = Date.UTC(2000, 0, 1);

const MINUTE_MS = 60_000;

/** Plausibility bounds, in stored units; rates are per minute of the sample's interval. */
export const LIMITS = {
  steps: { max: 100_000, per_minute: 300 },
  active_energy: { max: 20_000, per_minute: 30 },
  resting_heart_rate: { min: 25, max: 200 },
  hrv: { min: 1, max: 500 },
  body_weight: { min: 20, max: 400 },
  body_fat: { min: 2, max: 70 },
  workout: {
    min_minutes: 1,
    energy_kcal: 10_000,
    kcal_per_minute: 30,
    distance_m: 1_000_000,
    metres_per_second: 60,
    heart_rate: { min: 25, max: 250 },
  },
} as const;

const time = z.iso.datetime({ offset: true });
const sampleId = z.string().min(1).max(200);
const sourceName = z.string().min(1).max(200);

export const healthSourceSchema = z.object({
  platform: platformSchema,
  /** The device that measured, e.g. "Apple Watch" or "Pixel Watch 2". */
  device: sourceName.optional(),
  /** The app that wrote it: a bundle id (com.apple.health) or package name (com.fitbit.FitbitMobile). */
  app: sourceName.optional(),
});
export type HealthSource = z.output<typeof healthSourceSchema>;

const common = {
  /** The platform's own id: a HealthKit UUID or a Health Connect record id (metadata.id). */
  id: sampleId,
  start: time,
  end: time.optional(),
  /** Health Connect's metadata.lastModifiedTime: of two uploads of one id, the later edit wins. */
  modified_at: time.optional(),
  device: sourceName.optional(),
  app: sourceName.optional(),
};

const stageName = z.union([z.string().min(1).max(100), z.number().int()]);

const quantity = <T extends SampleType>(type: T) =>
  z.object({
    ...common,
    type: z.literal(type),
    value: z.number(),
    unit: z.string().max(40).optional(),
  });

export const sleepStageIntervalSchema = z.object({ stage: stageName, start: time, end: time });

export const healthSampleSchema = z.discriminatedUnion("type", [
  quantity("steps"),
  quantity("active_energy"),
  quantity("resting_heart_rate"),
  quantity("hrv_sdnn"),
  quantity("hrv_rmssd"),
  quantity("body_weight"),
  quantity("body_fat"),
  z.object({
    ...common,
    type: z.literal("sleep"),
    /** One HealthKit sleep-analysis sample: the whole interval is this stage. */
    stage: stageName.optional(),
    /** A Health Connect sleep session's stages. */
    stages: z.array(sleepStageIntervalSchema).max(MAX_SLEEP_STAGES).optional(),
  }),
  z.object({
    ...common,
    type: z.literal("workout"),
    /** HKWorkoutActivityType or ExerciseSessionRecord exercise type, by name. */
    workout_type: z.string().min(1).max(100),
    energy_kcal: z.number().optional(),
    distance_m: z.number().optional(),
    avg_heart_rate: z.number().optional(),
  }),
]);
export type HealthSampleInput = z.input<typeof healthSampleSchema>;

/** The envelope; samples are checked one by one (validateSample) so one bad sample fails alone. */
export const healthBatchSchema = z.object({
  source: healthSourceSchema,
  samples: z.array(z.unknown()).max(MAX_SAMPLES_PER_BATCH).default([]),
  deleted_ids: z.array(sampleId).max(MAX_DELETED_IDS_PER_BATCH).default([]),
});
export type HealthBatch = z.output<typeof healthBatchSchema>;

export interface StageInterval {
  stage: SleepStage;
  start: number;
  end: number;
}

export interface WorkoutDetail {
  /** The platform's name, snake_cased without its prefix: "running", "traditional_strength_training". */
  workout_type: string;
  category: WorkoutCategory;
  energy_kcal: number | null;
  distance_m: number | null;
  avg_heart_rate: number | null;
}

/** A validated sample: instants in ms, the value in the stored unit. */
export interface HealthSample {
  id: string;
  type: SampleType;
  start: number;
  /** Equal to start for an instant measurement. */
  end: number;
  /** Stored unit (STORED_UNITS); null for sleep and workouts. */
  value: number | null;
  platform: Platform;
  device: string | null;
  app: string | null;
  modified_at: number | null;
  /** Sleep: the stage intervals (one for a HealthKit sample, the session's for Health Connect). */
  stages: StageInterval[] | null;
  workout: WorkoutDetail | null;
}

export interface SampleError {
  /** The field, relative to the sample: "value", "end", "stages.2.stage". */
  field: string;
  code:
    | "required"
    | "invalid_type"
    | "invalid_value"
    | "invalid_format"
    | "too_small"
    | "too_big"
    | "invalid"
    | "unknown_unit"
    | "future_time"
    | "implausible_value";
  message: string;
}

export type SampleValidation =
  | { ok: true; sample: HealthSample }
  | { ok: false; id: string | null; error: SampleError };

const ZOD_CODES = new Set([
  "invalid_type",
  "invalid_value",
  "invalid_format",
  "too_small",
  "too_big",
]);

function zodError(issue: z.core.$ZodIssue, raw: unknown): SampleError {
  const field = issue.path.map(String).join(".") || "sample";
  let value: unknown = raw;
  for (const key of issue.path) value = (value as Record<PropertyKey, unknown> | undefined)?.[key];
  const missing = value === undefined && issue.path.length > 0;
  const code = missing
    ? "required"
    : ZOD_CODES.has(issue.code)
      ? (issue.code as SampleError["code"])
      : "invalid";
  return { field, code, message: issue.message };
}

const fail = (raw: unknown, error: SampleError): SampleValidation => {
  const id = (raw as { id?: unknown } | null)?.id;
  return { ok: false, id: typeof id === "string" ? id : null, error };
};

const implausible = (raw: unknown, field: string, message: string) =>
  fail(raw, { field, code: "implausible_value", message });

/**
 * Checks one raw sample against its schema, its units and the plausibility bounds, and
 * returns it normalised. `now` is the server's clock: nothing may end after it (plus a few
 * minutes of skew).
 */
export function validateSample(raw: unknown, source: HealthSource, now: number): SampleValidation {
  const parsed = healthSampleSchema.safeParse(raw);
  if (!parsed.success) return fail(raw, zodError(parsed.error.issues[0] as z.core.$ZodIssue, raw));
  const input = parsed.data;
  const start = Date.parse(input.start);
  const end = input.end === undefined ? start : Date.parse(input.end);
  const needsEnd =
    (CUMULATIVE_TYPES as readonly string[]).includes(input.type) ||
    input.type === "sleep" ||
    input.type === "workout";
  if (needsEnd && input.end === undefined)
    return fail(raw, { field: "end", code: "required", message: "is required for this type" });
  if (end < start)
    return fail(raw, { field: "end", code: "invalid_value", message: "must not be before start" });
  if (end - start > MAX_INTERVAL_MS)
    return fail(raw, {
      field: "end",
      code: "too_big",
      message: "must be within 24 hours of start",
    });
  if (start < EARLIEST_SAMPLE_MS)
    return fail(raw, { field: "start", code: "too_small", message: "must be in 2000 or later" });
  if (Math.max(start, end) > now + FUTURE_TOLERANCE_MS) {
    const field = end > start ? "end" : "start";
    return fail(raw, { field, code: "future_time", message: "must not be in the future" });
  }
  // A future edit time would make every later real edit look older than it.
  const modifiedAt = input.modified_at === undefined ? null : Date.parse(input.modified_at);
  if (modifiedAt !== null && modifiedAt > now + FUTURE_TOLERANCE_MS)
    return fail(raw, {
      field: "modified_at",
      code: "future_time",
      message: "must not be in the future",
    });
  const sample: HealthSample = {
    id: input.id,
    type: input.type,
    start,
    end,
    value: null,
    platform: source.platform,
    device: input.device ?? source.device ?? null,
    app: input.app ?? source.app ?? null,
    modified_at: modifiedAt,
    stages: null,
    workout: null,
  };
  const minutes = Math.max(1, (end - start) / MINUTE_MS);

  switch (input.type) {
    case "sleep": {
      if (input.stage !== undefined && input.stages !== undefined)
        return fail(raw, {
          field: "stages",
          code: "invalid",
          message: "give stage or stages, not both",
        });
      if (end === start)
        return fail(raw, { field: "end", code: "invalid_value", message: "must be after start" });
      if (input.stages === undefined) {
        const stage =
          input.stage === undefined ? "asleep" : sleepStageOf(input.stage, source.platform);
        if (!stage) return unknownStage(raw, "stage");
        return { ok: true, sample: { ...sample, stages: [{ stage, start, end }] } };
      }
      const stages: StageInterval[] = [];
      for (const [i, item] of input.stages.entries()) {
        const stage = sleepStageOf(item.stage, source.platform);
        if (!stage) return unknownStage(raw, `stages.${i}.stage`);
        const s = Date.parse(item.start);
        const e = Date.parse(item.end);
        if (e <= s)
          return fail(raw, {
            field: `stages.${i}.end`,
            code: "invalid_value",
            message: "must be after its start",
          });
        // Health Connect requires stages inside the session; a minute of rounding is tolerated.
        if (s < start - MINUTE_MS || e > end + MINUTE_MS)
          return fail(raw, {
            field: `stages.${i}`,
            code: "invalid_value",
            message: "must lie within the sleep session",
          });
        stages.push({ stage, start: Math.max(s, start), end: Math.min(e, end) });
      }
      // A session without stages is sleep from start to end, as Health Connect defines it.
      return {
        ok: true,
        sample: {
          ...sample,
          stages: stages.length > 0 ? stages : [{ stage: "asleep", start, end }],
        },
      };
    }
    case "workout": {
      if (end - start < LIMITS.workout.min_minutes * MINUTE_MS)
        return fail(raw, {
          field: "end",
          code: "too_small",
          message: "must be at least a minute after start",
        });
      const w = LIMITS.workout;
      const energy = input.energy_kcal ?? null;
      if (
        energy !== null &&
        (energy < 0 || energy > w.energy_kcal || energy > w.kcal_per_minute * minutes)
      )
        return implausible(
          raw,
          "energy_kcal",
          `must be 0-${w.kcal_per_minute} kcal a minute of the workout`,
        );
      const distance = input.distance_m ?? null;
      if (
        distance !== null &&
        (distance < 0 ||
          distance > w.distance_m ||
          distance > (w.metres_per_second * (end - start)) / 1000)
      )
        return implausible(raw, "distance_m", "is not a distance the workout's duration allows");
      const hr = input.avg_heart_rate ?? null;
      if (hr !== null && (hr < w.heart_rate.min || hr > w.heart_rate.max))
        return implausible(
          raw,
          "avg_heart_rate",
          `must be ${w.heart_rate.min}-${w.heart_rate.max} bpm`,
        );
      const name = workoutTypeName(input.workout_type);
      if (name === "")
        return fail(raw, {
          field: "workout_type",
          code: "invalid_value",
          message: "must name a workout type",
        });
      return {
        ok: true,
        sample: {
          ...sample,
          workout: {
            workout_type: name,
            category: workoutCategoryOf(name),
            energy_kcal: energy,
            distance_m: distance,
            avg_heart_rate: hr,
          },
        },
      };
    }
    default: {
      const unit = toStoredUnit(input.type, input.value, input.unit, source.platform);
      if (!unit.ok)
        return fail(raw, {
          field: "unit",
          code: "unknown_unit",
          message: `must be one of: ${unit.accepted.join(", ")}`,
        });
      const bounds = checkValue(input.type, unit.value, minutes);
      if (bounds) return implausible(raw, "value", bounds);
      return { ok: true, sample: { ...sample, value: unit.value } };
    }
  }
}

const unknownStage = (raw: unknown, field: string) =>
  fail(raw, {
    field,
    code: "invalid_value",
    message: "is not a sleep stage HealthKit or Health Connect names",
  });

/** Why a value in the stored unit is impossible, or null. */
function checkValue(
  type: keyof typeof STORED_UNITS,
  value: number,
  minutes: number,
): string | null {
  const range = (min: number, max: number, unit: string) =>
    value < min || value > max ? `must be ${min}-${max} ${unit}` : null;
  switch (type) {
    case "steps":
      return value < 0 || value > LIMITS.steps.max || value > LIMITS.steps.per_minute * minutes
        ? `must be 0-${LIMITS.steps.per_minute} steps a minute of the sample`
        : null;
    case "active_energy":
      return value < 0 ||
        value > LIMITS.active_energy.max ||
        value > LIMITS.active_energy.per_minute * minutes
        ? `must be 0-${LIMITS.active_energy.per_minute} kcal a minute of the sample`
        : null;
    case "resting_heart_rate":
      return range(LIMITS.resting_heart_rate.min, LIMITS.resting_heart_rate.max, "bpm");
    case "hrv_sdnn":
    case "hrv_rmssd":
      return range(LIMITS.hrv.min, LIMITS.hrv.max, "ms");
    case "body_weight":
      return range(LIMITS.body_weight.min, LIMITS.body_weight.max, "kg");
    case "body_fat":
      return range(LIMITS.body_fat.min, LIMITS.body_fat.max, "%");
  }
}
