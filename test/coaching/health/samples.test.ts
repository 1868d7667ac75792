import { describe, expect, it } from "vitest";
import {
  type HealthSource,
  healthBatchSchema,
  MAX_SAMPLES_PER_BATCH,
  validateSample,
} from "../../../engine/health/samples";
import {
  sleepStageOf,
  workoutCategoryOf,
  workoutTypeName,
} from "../../../engine/health/vocabulary";

// Each sample is checked on its own: units in HealthKit's and Health Connect's spelling are
// normalised, and a sample with a future time or an impossible value is rejected with the
// field named, without touching the others.

const NOW = Date.parse("2026-03-10T12:00:00Z");
const HK: HealthSource = { platform: "healthkit", device: "Apple Watch", app: "com.apple.health" };
const HC: HealthSource = { platform: "health_connect", app: "com.google.android.apps.fitness" };

function accepted(raw: unknown, source = HK) {
  const result = validateSample(raw, source, NOW);
  if (!result.ok) throw new Error(`rejected: ${JSON.stringify(result.error)}`);
  return result.sample;
}

function rejected(raw: unknown, source = HK) {
  const result = validateSample(raw, source, NOW);
  if (result.ok) throw new Error("accepted");
  return result;
}

const at = (time: string) => `2026-03-09T${time}:00Z`;

describe("sample units", () => {
  it("stores energy in kcal from HealthKit's kcal, Cal and kJ and Health Connect's kilocalories and calories", () => {
    const energy = (value: number, unit: string, source = HK) =>
      accepted(
        { id: "e", type: "active_energy", start: at("10:00"), end: at("11:00"), value, unit },
        source,
      ).value;
    expect(energy(250, "kcal")).toBe(250);
    expect(energy(250, "Cal")).toBe(250);
    expect(energy(1046, "kJ")).toBeCloseTo(250, 0);
    expect(energy(250, "kilocalories", HC)).toBe(250);
    // Health Connect's Energy.inCalories is small calories.
    expect(energy(250_000, "calories", HC)).toBeCloseTo(250, 6);
    expect(energy(250, undefined as unknown as string)).toBe(250);
  });

  it("stores body weight in kg from pounds, grams and stones", () => {
    const weight = (value: number, unit: string) =>
      accepted({ id: "w", type: "body_weight", start: at("07:00"), value, unit }).value as number;
    expect(weight(80, "kg")).toBe(80);
    expect(weight(176.4, "lb")).toBeCloseTo(80.01, 2);
    expect(weight(80_000, "grams")).toBe(80);
    expect(weight(12.6, "st")).toBeCloseTo(80.01, 1);
  });

  it("reads HealthKit's percent as a fraction and Health Connect's as 0-100", () => {
    const fat = (value: number, unit: string, source: HealthSource) =>
      accepted({ id: "f", type: "body_fat", start: at("07:00"), value, unit }, source).value;
    expect(fat(0.215, "%", HK)).toBeCloseTo(21.5, 6);
    expect(fat(21.5, "%", HC)).toBe(21.5);
    expect(fat(21.5, "percent", HC)).toBe(21.5);
    // 21.5 read as a HealthKit fraction would be 2,150%: rejected, never stored.
    expect(
      rejected({ id: "f", type: "body_fat", start: at("07:00"), value: 21.5, unit: "%" }, HK).error,
    ).toMatchObject({ field: "value", code: "implausible_value" });
  });

  it("stores HRV in ms and resting heart rate in bpm from the platforms' units", () => {
    expect(
      accepted({ id: "h", type: "hrv_sdnn", start: at("03:00"), value: 0.048, unit: "s" }).value,
    ).toBeCloseTo(48, 6);
    expect(
      accepted({
        id: "r",
        type: "resting_heart_rate",
        start: at("08:00"),
        value: 55,
        unit: "count/min",
      }).value,
    ).toBe(55);
  });

  it("names the unit field and the units it accepts for an unknown unit", () => {
    const { error } = rejected({
      id: "w",
      type: "body_weight",
      start: at("07:00"),
      value: 80,
      unit: "kilo",
    });
    expect(error.field).toBe("unit");
    expect(error.code).toBe("unknown_unit");
    expect(error.message).toContain("kg");
    expect(error.message).toContain("lb");
  });
});

describe("sample checks", () => {
  it("rejects a sample that ends in the future but allows a few minutes of clock skew", () => {
    const steps = (end: string) => ({
      id: "s",
      type: "steps",
      start: "2026-03-10T11:00:00Z",
      end,
      value: 100,
    });
    expect(rejected(steps("2026-03-10T12:30:00Z")).error).toMatchObject({
      field: "end",
      code: "future_time",
    });
    expect(validateSample(steps("2026-03-10T12:04:00Z"), HK, NOW).ok).toBe(true);
    expect(
      rejected({ id: "w", type: "body_weight", start: "2026-03-11T07:00:00Z", value: 80 }).error,
    ).toMatchObject({ field: "start", code: "future_time" });
    expect(
      rejected({
        id: "m",
        type: "body_weight",
        start: "2026-03-10T07:00:00Z",
        value: 80,
        modified_at: "2026-03-12T00:00:00Z",
      }).error,
    ).toMatchObject({ field: "modified_at", code: "future_time" });
  });

  it("rejects impossible values per type, naming the field", () => {
    const cases: [unknown, string][] = [
      [{ id: "1", type: "resting_heart_rate", start: at("08:00"), value: 300 }, "value"],
      [{ id: "2", type: "hrv_rmssd", start: at("03:00"), value: 0 }, "value"],
      [{ id: "3", type: "body_weight", start: at("07:00"), value: 5 }, "value"],
      // 30,000 steps in ten minutes is 3,000 a minute.
      [{ id: "4", type: "steps", start: at("10:00"), end: at("10:10"), value: 30_000 }, "value"],
      [
        { id: "5", type: "active_energy", start: at("10:00"), end: at("10:10"), value: 900 },
        "value",
      ],
      [{ id: "6", type: "steps", start: at("10:00"), end: at("11:00"), value: -5 }, "value"],
      [
        {
          id: "7",
          type: "workout",
          start: at("10:00"),
          end: at("10:30"),
          workout_type: "running",
          distance_m: 200_000,
        },
        "distance_m",
      ],
      [
        {
          id: "8",
          type: "workout",
          start: at("10:00"),
          end: at("10:30"),
          workout_type: "running",
          avg_heart_rate: 300,
        },
        "avg_heart_rate",
      ],
      [
        {
          id: "9",
          type: "workout",
          start: at("10:00"),
          end: at("10:30"),
          workout_type: "running",
          energy_kcal: 5000,
        },
        "energy_kcal",
      ],
    ];
    for (const [raw, field] of cases) {
      const { error, id } = rejected(raw);
      expect({ id, field: error.field, code: error.code }).toEqual({
        id: (raw as { id: string }).id,
        field,
        code: "implausible_value",
      });
    }
  });

  it("checks times: an end before the start, an interval over a day, no end for steps, no offset", () => {
    expect(
      rejected({ id: "a", type: "steps", start: at("10:00"), end: at("09:00"), value: 1 }).error
        .field,
    ).toBe("end");
    expect(
      rejected({
        id: "b",
        type: "sleep",
        start: "2026-03-07T22:00:00Z",
        end: "2026-03-09T07:00:00Z",
      }).error,
    ).toMatchObject({ field: "end", code: "too_big" });
    expect(rejected({ id: "c", type: "steps", start: at("10:00"), value: 1 }).error).toMatchObject({
      field: "end",
      code: "required",
    });
    expect(
      rejected({ id: "d", type: "body_weight", start: "2026-03-09T07:00:00", value: 80 }).error,
    ).toMatchObject({ field: "start", code: "invalid_format" });
  });

  it("names the type field for a type it does not know and the id field when it is missing", () => {
    expect(
      rejected({ id: "x", type: "blood_glucose", start: at("10:00"), value: 5 }).error.field,
    ).toBe("type");
    const missingId = rejected({ type: "steps", start: at("10:00"), end: at("11:00"), value: 5 });
    expect(missingId.id).toBeNull();
    expect(missingId.error).toMatchObject({ field: "id", code: "required" });
  });

  it("normalises instants to ms and keeps the sample's own device over the batch's", () => {
    const sample = accepted({
      id: "x",
      type: "sleep",
      start: "2026-03-09T00:30:00+01:00",
      end: "2026-03-09T07:30:00+01:00",
      stage: "inBed",
      device: "iPhone",
    });
    expect(sample.start).toBe(Date.parse("2026-03-08T23:30:00Z"));
    expect(sample.device).toBe("iPhone");
    expect(sample.app).toBe("com.apple.health");
    expect(sample.stages).toEqual([{ stage: "in_bed", start: sample.start, end: sample.end }]);
  });
});

describe("sleep stages and workout types in the platforms' terms", () => {
  it("maps HealthKit's sleep-analysis names and raw values", () => {
    expect(sleepStageOf("asleepCore", "healthkit")).toBe("light");
    expect(sleepStageOf("HKCategoryValueSleepAnalysisAsleepDeep", "healthkit")).toBe("deep");
    expect(sleepStageOf("asleepREM", "healthkit")).toBe("rem");
    expect(sleepStageOf("asleepUnspecified", "healthkit")).toBe("asleep");
    expect(sleepStageOf("inBed", "healthkit")).toBe("in_bed");
    expect([0, 1, 2, 3, 4, 5].map((code) => sleepStageOf(code, "healthkit"))).toEqual([
      "in_bed",
      "asleep",
      "awake",
      "light",
      "deep",
      "rem",
    ]);
  });

  it("maps Health Connect's STAGE_TYPE names (androidx and framework) and codes", () => {
    expect(sleepStageOf("STAGE_TYPE_DEEP", "health_connect")).toBe("deep");
    expect(sleepStageOf("STAGE_TYPE_SLEEPING_LIGHT", "health_connect")).toBe("light");
    expect(sleepStageOf("STAGE_TYPE_AWAKE_IN_BED", "health_connect")).toBe("in_bed");
    expect(sleepStageOf("STAGE_TYPE_OUT_OF_BED", "health_connect")).toBe("out_of_bed");
    expect([0, 1, 2, 3, 4, 5, 6, 7].map((code) => sleepStageOf(code, "health_connect"))).toEqual([
      "unknown",
      "awake",
      "asleep",
      "out_of_bed",
      "light",
      "deep",
      "rem",
      "in_bed",
    ]);
    expect(sleepStageOf(9, "health_connect")).toBeNull();
    expect(sleepStageOf("dreaming", "health_connect")).toBeNull();
  });

  it("rejects a stage outside its session and a sample with both stage and stages", () => {
    const session = {
      id: "s",
      type: "sleep",
      start: at("00:00"),
      end: at("07:00"),
      stages: [
        { stage: "STAGE_TYPE_LIGHT", start: at("00:10"), end: at("02:00") },
        { stage: "STAGE_TYPE_DEEP", start: at("06:30"), end: at("08:00") },
      ],
    };
    expect(rejected(session, HC).error.field).toBe("stages.1");
    expect(rejected({ ...session, stages: [], stage: "STAGE_TYPE_DEEP" }, HC).error.field).toBe(
      "stages",
    );
    expect(
      rejected(
        { ...session, stages: [{ stage: "dreaming", start: at("01:00"), end: at("02:00") }] },
        HC,
      ).error.field,
    ).toBe("stages.0.stage");
  });

  it("maps HealthKit activity types and Health Connect exercise types to a category", () => {
    expect(workoutTypeName("HKWorkoutActivityTypeTraditionalStrengthTraining")).toBe(
      "traditional_strength_training",
    );
    expect(workoutCategoryOf("traditionalStrengthTraining")).toBe("strength");
    expect(workoutCategoryOf("EXERCISE_TYPE_RUNNING")).toBe("running");
    expect(workoutCategoryOf("EXERCISE_SESSION_TYPE_BIKING_STATIONARY")).toBe("cycling");
    expect(workoutCategoryOf("highIntensityIntervalTraining")).toBe("hiit");
    // A type we do not know is kept by name and counted as moderate "other".
    expect(workoutCategoryOf("EXERCISE_TYPE_FRISBEE_DISC")).toBe("other");
    const w = accepted(
      {
        id: "w",
        type: "workout",
        start: at("18:00"),
        end: at("18:55"),
        workout_type: "EXERCISE_TYPE_RUNNING",
        energy_kcal: 640,
        distance_m: 10_050,
        avg_heart_rate: 152,
      },
      HC,
    );
    expect(w.workout).toEqual({
      workout_type: "running",
      category: "running",
      energy_kcal: 640,
      distance_m: 10_050,
      avg_heart_rate: 152,
    });
  });
});

describe("the batch envelope", () => {
  it("takes at most 1,000 samples and needs a known platform", () => {
    const sample = { id: "s", type: "steps" };
    expect(
      healthBatchSchema.safeParse({
        source: { platform: "healthkit" },
        samples: Array(MAX_SAMPLES_PER_BATCH).fill(sample),
      }).success,
    ).toBe(true);
    expect(
      healthBatchSchema.safeParse({
        source: { platform: "healthkit" },
        samples: Array(1001).fill(sample),
      }).success,
    ).toBe(false);
    expect(
      healthBatchSchema.safeParse({ source: { platform: "google_fit" }, samples: [] }).success,
    ).toBe(false);
    expect(healthBatchSchema.parse({ source: { platform: "health_connect" } })).toEqual({
      source: { platform: "health_connect" },
      samples: [],
      deleted_ids: [],
    });
  });
});
