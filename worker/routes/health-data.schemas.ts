import { z } from "@hono/zod-openapi";
import {
  healthSampleSchema,
  healthSourceSchema,
  MAX_DELETED_IDS_PER_BATCH,
  MAX_SAMPLES_PER_BATCH,
} from "../../engine/health/samples";
import { isoDate } from "./common.schemas";

// /v1/health: the phone's health data. The samples' own rules are engine/health/samples.ts;
// the envelope is checked here (422 for the batch), each sample alone in the actor (its
// result says `rejected` with the field, and the rest of the batch goes on).

/** Registered as a component by the route group; the upload's items refer to it. */
export const HealthSampleSchema = healthSampleSchema.openapi({
  example: {
    id: "5C3E8A4B-7F1D-4E2A-9B6C-0D1E2F3A4B5C",
    type: "steps",
    start: "2026-11-23T08:00:00+01:00",
    end: "2026-11-23T09:00:00+01:00",
    value: 1240,
    unit: "count",
  },
});

export const HealthUploadBody = z
  .object({
    source: healthSourceSchema,
    samples: z
      .array(
        z.unknown().openapi({
          description: "A HealthSample; checked one by one, so a bad one fails alone.",
          allOf: [{ $ref: "#/components/schemas/HealthSample" }],
        }),
      )
      .max(MAX_SAMPLES_PER_BATCH)
      .default([])
      .openapi({ description: `At most ${MAX_SAMPLES_PER_BATCH} HealthSample objects.` }),
    deleted_ids: z
      .array(z.string().min(1).max(200))
      .max(MAX_DELETED_IDS_PER_BATCH)
      .default([])
      .openapi({
        description:
          "Ids deleted on the phone (HealthKit HKDeletedObject UUIDs, Health Connect DeletionChange.recordId).",
      }),
  })
  .strict()
  .openapi("HealthUpload");

const sampleError = z.object({
  field: z.string().openapi({ example: "value" }),
  code: z.enum([
    "required",
    "invalid_type",
    "invalid_format",
    "invalid_value",
    "too_small",
    "too_big",
    "unknown_unit",
    "future_time",
    "implausible_value",
    "invalid",
  ]),
  message: z.string(),
});

export const HealthUploadResultSchema = z
  .object({
    created: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    stale: z.number().int().openapi({ description: "An older edit than the stored one (kept)." }),
    deleted: z
      .number()
      .int()
      .openapi({ description: "Samples whose id was deleted earlier (not stored again)." }),
    rejected: z.number().int(),
    results: z.array(
      z.union([
        z.object({
          index: z.number().int(),
          id: z.string(),
          status: z.enum(["created", "updated", "unchanged", "stale", "deleted"]),
        }),
        z.object({
          index: z.number().int(),
          id: z.string().nullable(),
          status: z.literal("rejected"),
          error: sampleError,
        }),
      ]),
    ),
    deleted_ids: z.array(
      z.object({ id: z.string(), status: z.enum(["deleted", "not_found", "already_deleted"]) }),
    ),
    dates: z
      .array(z.string())
      .openapi({ description: "The local dates summed again (their figures may have changed)." }),
  })
  .openapi("HealthUploadResult");

const readinessLevel = z.enum(["low", "normal", "high"]);

const ReadinessBrief = z
  .object({
    score: z.number().int().min(0).max(100),
    level: readinessLevel,
    reason: z
      .string()
      .openapi({ description: "What took points off, in a sentence a coach says." }),
  })
  .nullable();

const workout = z.object({
  id: z.string(),
  workout_type: z.string().openapi({ example: "running" }),
  category: z.string().openapi({ example: "run" }),
  start: z.string(),
  end: z.string(),
  minutes: z.number(),
  energy_kcal: z.number().nullable(),
  distance_m: z.number().nullable(),
  avg_heart_rate: z.number().nullable(),
  app: z.string().nullable(),
});

export const HealthDaySchema = z
  .object({
    date: z.string().openapi({ description: "Local date in the profile's timezone." }),
    steps: z.number().int().nullable(),
    active_energy_kcal: z.number().int().nullable(),
    sleep_minutes: z
      .number()
      .nullable()
      .openapi({ description: "Asleep in the night ending this morning (18:00 to 18:00)." }),
    in_bed_minutes: z.number().nullable(),
    sleep_efficiency: z.number().nullable().openapi({ description: "Asleep / in bed, 0-1." }),
    resting_heart_rate: z.number().nullable(),
    hrv_ms: z.number().nullable(),
    hrv_kind: z.enum(["rmssd", "sdnn"]).nullable(),
    body_weight_kg: z.number().nullable(),
    body_fat_pct: z.number().nullable(),
    workouts: z.array(workout),
    readiness: ReadinessBrief,
  })
  .openapi("HealthDay");

export const HealthDaysQuery = z
  .object({
    from: isoDate
      .optional()
      .openapi({ description: "First local date (default: 27 days before to)." }),
    to: isoDate.optional().openapi({ description: "Last local date (default: today)." }),
    limit: z.coerce.number().int().min(1).max(100).default(28),
    cursor: z
      .string()
      .max(200)
      .optional()
      .openapi({ description: "next_cursor of the last page." }),
  })
  .strict();

const baseline = z
  .object({
    mean: z.number(),
    sd: z.number(),
    days: z.number().int(),
    low: z.number(),
    high: z.number(),
  })
  .nullable();

export const ReadinessSchema = z
  .object({
    date: z.string(),
    readiness: z
      .object({
        score: z.number().int(),
        level: readinessLevel,
        reason: z.string(),
        settled: z
          .boolean()
          .openapi({ description: "Last night is in: the plan may be changed on it." }),
        factors: z.array(
          z.object({
            signal: z.enum(["sleep", "hrv", "resting_heart_rate", "load", "steps"]),
            effect: z.number(),
            text: z.string(),
          }),
        ),
      })
      .nullable(),
    baselines: z
      .object({
        sleep_minutes: baseline,
        resting_heart_rate: baseline,
        hrv_sdnn_ms: baseline,
        hrv_rmssd_ms: baseline,
        steps: baseline,
        active_energy_kcal: baseline,
      })
      .openapi({
        description: "Each signal over the 28 days before the date (null: too few days).",
      }),
  })
  .openapi("HealthReadiness");

export const ReadinessQuery = z
  .object({ date: isoDate.optional().openapi({ description: "Local date (default: today)." }) })
  .strict();

/** A stored sample, as the account export shows it: normalised units (kg, kcal, bpm, ms, %). */
export const StoredHealthSampleSchema = z
  .object({
    id: z.string(),
    type: z.string(),
    start: z.string(),
    end: z.string(),
    value: z.number().nullable(),
    platform: z.enum(["healthkit", "health_connect"]),
    device: z.string().nullable(),
    app: z.string().nullable(),
    modified_at: z.string().nullable(),
    stages: z.array(z.object({ stage: z.string(), start: z.string(), end: z.string() })).nullable(),
    workout: z
      .object({
        workout_type: z.string(),
        category: z.string(),
        energy_kcal: z.number().nullable(),
        distance_m: z.number().nullable(),
        avg_heart_rate: z.number().nullable(),
      })
      .nullable(),
  })
  .openapi("StoredHealthSample");
