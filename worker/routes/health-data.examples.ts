// Examples of /v1/health in each platform's own terms (docs/health.md has the mapping).

export const HEALTHKIT_UPLOAD = {
  source: { platform: "healthkit", device: "Apple Watch", app: "com.apple.health" },
  samples: [
    {
      // HKQuantityTypeIdentifierStepCount, one hour of HKStatisticsCollectionQuery
      id: "5C3E8A4B-7F1D-4E2A-9B6C-0D1E2F3A4B5C",
      type: "steps",
      start: "2026-11-23T08:00:00+01:00",
      end: "2026-11-23T09:00:00+01:00",
      value: 1240,
      unit: "count",
    },
    {
      id: "9A1B2C3D-4E5F-4A6B-8C7D-1E2F3A4B5C6D",
      type: "active_energy",
      start: "2026-11-23T08:00:00+01:00",
      end: "2026-11-23T09:00:00+01:00",
      value: 86,
      unit: "Cal",
    },
    {
      // HKCategoryTypeIdentifierSleepAnalysis: one sample per stage
      id: "1F2E3D4C-5B6A-4978-8A9B-0C1D2E3F4A5B",
      type: "sleep",
      start: "2026-11-23T01:10:00+01:00",
      end: "2026-11-23T02:40:00+01:00",
      stage: "asleepDeep",
    },
    {
      id: "2A3B4C5D-6E7F-4081-9A2B-3C4D5E6F7A8B",
      type: "hrv_sdnn",
      start: "2026-11-23T06:55:00+01:00",
      value: 48,
      unit: "ms",
    },
    {
      id: "3B4C5D6E-7F80-4192-8B3C-4D5E6F7A8B9C",
      type: "resting_heart_rate",
      start: "2026-11-23T07:00:00+01:00",
      value: 56,
      unit: "count/min",
    },
    {
      id: "4C5D6E7F-8091-42A3-9C4D-5E6F7A8B9CAD",
      type: "body_weight",
      start: "2026-11-23T07:05:00+01:00",
      value: 176.4,
      unit: "lb",
    },
    {
      // HKWorkout, workoutActivityType .running
      id: "5D6E7F80-91A2-43B4-8D5E-6F7A8B9CADBE",
      type: "workout",
      start: "2026-11-22T17:30:00+01:00",
      end: "2026-11-22T18:25:00+01:00",
      workout_type: "HKWorkoutActivityTypeRunning",
      energy_kcal: 640,
      distance_m: 10020,
      avg_heart_rate: 152,
      app: "com.strava.stravaride",
    },
  ],
  deleted_ids: ["6E7F8091-A2B3-44C5-9E6F-7A8B9CADBECF"],
};

export const HEALTH_CONNECT_UPLOAD = {
  source: {
    platform: "health_connect",
    device: "Pixel Watch 2",
    app: "com.google.android.apps.fitness",
  },
  samples: [
    {
      // StepsRecord.count
      id: "d3b07384-d9a0-4c9b-8f1e-0a1b2c3d4e5f",
      type: "steps",
      start: "2026-11-23T07:00:00Z",
      end: "2026-11-23T08:00:00Z",
      value: 1240,
      modified_at: "2026-11-23T08:01:12Z",
    },
    {
      // SleepSessionRecord with its stages (SleepSessionRecord.STAGE_TYPE_*)
      id: "e4c18495-eab1-4dac-9a2f-1b2c3d4e5f60",
      type: "sleep",
      start: "2026-11-22T22:40:00Z",
      end: "2026-11-23T05:55:00Z",
      modified_at: "2026-11-23T06:00:03Z",
      stages: [
        { stage: "STAGE_TYPE_LIGHT", start: "2026-11-22T22:40:00Z", end: "2026-11-23T00:10:00Z" },
        { stage: "STAGE_TYPE_DEEP", start: "2026-11-23T00:10:00Z", end: "2026-11-23T01:30:00Z" },
        { stage: "STAGE_TYPE_REM", start: "2026-11-23T01:30:00Z", end: "2026-11-23T02:20:00Z" },
        { stage: "STAGE_TYPE_AWAKE", start: "2026-11-23T02:20:00Z", end: "2026-11-23T02:30:00Z" },
        { stage: "STAGE_TYPE_LIGHT", start: "2026-11-23T02:30:00Z", end: "2026-11-23T05:55:00Z" },
      ],
    },
    {
      // HeartRateVariabilityRmssdRecord.heartRateVariabilityMillis
      id: "f5d295a6-fbc2-4ebd-8b30-2c3d4e5f6071",
      type: "hrv_rmssd",
      start: "2026-11-23T05:50:00Z",
      value: 42,
    },
    {
      // BodyFatRecord.percentage (0-100)
      id: "a6e3a6b7-0cd3-4fce-9c41-3d4e5f607182",
      type: "body_fat",
      start: "2026-11-23T06:05:00Z",
      value: 18.5,
      unit: "percent",
    },
    {
      // ExerciseSessionRecord.EXERCISE_TYPE_BIKING
      id: "b7f4b7c8-1de4-40df-8d52-4e5f60718293",
      type: "workout",
      start: "2026-11-22T16:00:00Z",
      end: "2026-11-22T17:10:00Z",
      workout_type: "EXERCISE_TYPE_BIKING",
      energy_kcal: 720,
      distance_m: 31500,
    },
  ],
  deleted_ids: ["c805c8d9-2ef5-41e0-9e63-5f6071829304"],
};

export const UPLOAD_RESULT = {
  created: 6,
  updated: 1,
  unchanged: 0,
  stale: 0,
  deleted: 0,
  rejected: 1,
  results: [
    { index: 0, id: "5C3E8A4B-7F1D-4E2A-9B6C-0D1E2F3A4B5C", status: "created" as const },
    { index: 1, id: "9A1B2C3D-4E5F-4A6B-8C7D-1E2F3A4B5C6D", status: "updated" as const },
    {
      index: 2,
      id: "1F2E3D4C-5B6A-4978-8A9B-0C1D2E3F4A5B",
      status: "rejected" as const,
      error: {
        field: "end",
        code: "future_time" as const,
        message: "is in the future",
      },
    },
  ],
  deleted_ids: [{ id: "6E7F8091-A2B3-44C5-9E6F-7A8B9CADBECF", status: "deleted" as const }],
  dates: ["2026-11-22", "2026-11-23"],
};

export const HEALTH_DAY = {
  date: "2026-11-23",
  steps: 8412,
  active_energy_kcal: 512,
  sleep_minutes: 412,
  in_bed_minutes: 447,
  sleep_efficiency: 0.92,
  resting_heart_rate: 56,
  hrv_ms: 48,
  hrv_kind: "sdnn" as const,
  body_weight_kg: 80.01,
  body_fat_pct: null,
  workouts: [],
  readiness: {
    score: 80,
    level: "normal" as const,
    reason: "Yesterday you ran 55 min outside this app.",
  },
};

export const READINESS = {
  date: "2026-11-24",
  readiness: {
    score: 40,
    level: "low" as const,
    reason:
      "You slept 4 h 50 min last night, well under your usual 7 h 10 min. Your HRV is well under your usual range.",
    settled: true,
    factors: [
      {
        signal: "sleep" as const,
        effect: -40,
        text: "You slept 4 h 50 min last night, well under your usual 7 h 10 min.",
      },
      { signal: "hrv" as const, effect: -20, text: "Your HRV is well under your usual range." },
    ],
  },
  baselines: {
    sleep_minutes: { mean: 430, sd: 22.5, days: 27, low: 407.5, high: 452.5 },
    resting_heart_rate: { mean: 56.8, sd: 1.9, days: 27, low: 54.9, high: 58.7 },
    hrv_sdnn_ms: { mean: 47.2, sd: 0.12, days: 27, low: 41.9, high: 53.2 },
    hrv_rmssd_ms: null,
    steps: { mean: 8230, sd: 2410, days: 27, low: 5820, high: 10640 },
    active_energy_kcal: { mean: 480, sd: 95, days: 27, low: 385, high: 575 },
  },
};
