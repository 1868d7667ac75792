import { z } from "zod";

// The vocabulary of health data from the phone: which platforms, which sample types, and how
// each platform's names for sleep stages and workout types map onto ours. Names are accepted
// as the platforms spell them (HealthKit's `asleepCore`, `HKWorkoutActivityTypeRunning`;
// Health Connect's `STAGE_TYPE_DEEP`, `EXERCISE_TYPE_RUNNING`) or as our snake_case names.

export const PLATFORMS = ["healthkit", "health_connect"] as const;
export const platformSchema = z.enum(PLATFORMS);
export type Platform = (typeof PLATFORMS)[number];

export const SAMPLE_TYPES = [
  "steps",
  "active_energy",
  "resting_heart_rate",
  "hrv_sdnn",
  "hrv_rmssd",
  "sleep",
  "body_weight",
  "body_fat",
  "workout",
] as const;
export const sampleTypeSchema = z.enum(SAMPLE_TYPES);
export type SampleType = (typeof SAMPLE_TYPES)[number];

/** Types summed over an interval (split between local days by time). */
export const CUMULATIVE_TYPES = ["steps", "active_energy"] as const satisfies SampleType[];
/** Types measured at an instant (`end` may be left out). */
export const INSTANT_TYPES = [
  "resting_heart_rate",
  "hrv_sdnn",
  "hrv_rmssd",
  "body_weight",
  "body_fat",
] as const satisfies SampleType[];

export const SLEEP_STAGES = [
  "asleep",
  "light",
  "deep",
  "rem",
  "awake",
  "in_bed",
  "out_of_bed",
  "unknown",
] as const;
export type SleepStage = (typeof SLEEP_STAGES)[number];
/** Stages that count as sleep time. */
export const ASLEEP_STAGES: ReadonlySet<SleepStage> = new Set(["asleep", "light", "deep", "rem"]);

/** `camelCase`, `UPPER_SNAKE` or `snake_case` to `snake_case`. */
function snake(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/[\s-]+/g, "_")
    .toLowerCase();
}

// HealthKit HKCategoryValueSleepAnalysis (raw values 0-5) and Health Connect
// SleepSessionRecord.STAGE_TYPE_* (androidx values 0-7; the framework API spells the same
// stages STAGE_TYPE_SLEEPING_LIGHT etc. with the same numbers).
const HEALTHKIT_STAGE_CODES: readonly SleepStage[] = [
  "in_bed",
  "asleep",
  "awake",
  "light",
  "deep",
  "rem",
];
const HEALTH_CONNECT_STAGE_CODES: readonly SleepStage[] = [
  "unknown",
  "awake",
  "asleep",
  "out_of_bed",
  "light",
  "deep",
  "rem",
  "in_bed",
];
const STAGE_NAMES: Readonly<Record<string, SleepStage>> = {
  // ours
  asleep: "asleep",
  light: "light",
  deep: "deep",
  rem: "rem",
  awake: "awake",
  in_bed: "in_bed",
  out_of_bed: "out_of_bed",
  unknown: "unknown",
  // HealthKit (HKCategoryValueSleepAnalysis)
  asleep_unspecified: "asleep",
  asleep_core: "light",
  asleep_deep: "deep",
  asleep_rem: "rem",
  // Health Connect (STAGE_TYPE_*), androidx and framework spellings
  sleeping: "asleep",
  sleeping_light: "light",
  sleeping_deep: "deep",
  sleeping_rem: "rem",
  awake_in_bed: "in_bed",
  awake_out_of_bed: "out_of_bed",
};

/** Our stage for a platform's stage name or numeric code; null when unknown. */
export function sleepStageOf(raw: string | number, platform: Platform): SleepStage | null {
  if (typeof raw === "number") {
    const codes = platform === "healthkit" ? HEALTHKIT_STAGE_CODES : HEALTH_CONNECT_STAGE_CODES;
    return Number.isInteger(raw) ? (codes[raw] ?? null) : null;
  }
  const name = snake(raw.replace(/^HKCategoryValueSleepAnalysis/, "").replace(/^STAGE_TYPE_/, ""));
  return STAGE_NAMES[name] ?? null;
}

// Workouts --------------------------------------------------------------------------------

/**
 * How hard a workout type is on the body, for yesterday's load: `vigorous` counts each
 * minute fully, `moderate` half, `light` a quarter (see docs/coaching.md, readiness).
 */
export const WORKOUT_INTENSITIES = ["vigorous", "moderate", "light"] as const;
export type WorkoutIntensity = (typeof WORKOUT_INTENSITIES)[number];

export const WORKOUT_CATEGORIES = [
  "running",
  "cycling",
  "swimming",
  "rowing",
  "strength",
  "hiit",
  "team_sport",
  "racket_sport",
  "hiking",
  "cardio_machine",
  "dance",
  "combat",
  "winter_sport",
  "walking",
  "mind_body",
  "other",
] as const;
export type WorkoutCategory = (typeof WORKOUT_CATEGORIES)[number];

export const CATEGORY_INTENSITY: Readonly<Record<WorkoutCategory, WorkoutIntensity>> = {
  running: "vigorous",
  cycling: "vigorous",
  swimming: "vigorous",
  rowing: "vigorous",
  strength: "vigorous",
  hiit: "vigorous",
  team_sport: "vigorous",
  racket_sport: "vigorous",
  combat: "vigorous",
  winter_sport: "vigorous",
  hiking: "moderate",
  cardio_machine: "moderate",
  dance: "moderate",
  walking: "light",
  mind_body: "light",
  other: "moderate",
};

// Names after snake-casing and dropping the platform prefix (HKWorkoutActivityType,
// EXERCISE_TYPE_, EXERCISE_SESSION_TYPE_). Unknown names are kept and count as `other`.
const WORKOUT_NAMES: Readonly<Record<string, WorkoutCategory>> = {
  running: "running",
  running_treadmill: "running",
  track_and_field: "running",
  cycling: "cycling",
  biking: "cycling",
  biking_stationary: "cycling",
  hand_cycling: "cycling",
  swimming: "swimming",
  swimming_pool: "swimming",
  swimming_open_water: "swimming",
  water_polo: "swimming",
  rowing: "rowing",
  rowing_machine: "rowing",
  paddling: "rowing",
  paddle_sports: "rowing",
  traditional_strength_training: "strength",
  functional_strength_training: "strength",
  strength_training: "strength",
  weightlifting: "strength",
  calisthenics: "strength",
  core_training: "strength",
  cross_training: "hiit",
  high_intensity_interval_training: "hiit",
  boot_camp: "hiit",
  mixed_cardio: "hiit",
  jump_rope: "hiit",
  soccer: "team_sport",
  basketball: "team_sport",
  american_football: "team_sport",
  football_american: "team_sport",
  australian_football: "team_sport",
  football_australian: "team_sport",
  rugby: "team_sport",
  hockey: "team_sport",
  ice_hockey: "team_sport",
  roller_hockey: "team_sport",
  handball: "team_sport",
  volleyball: "team_sport",
  baseball: "team_sport",
  softball: "team_sport",
  cricket: "team_sport",
  lacrosse: "team_sport",
  tennis: "racket_sport",
  squash: "racket_sport",
  badminton: "racket_sport",
  racquetball: "racket_sport",
  table_tennis: "racket_sport",
  pickleball: "racket_sport",
  boxing: "combat",
  kickboxing: "combat",
  martial_arts: "combat",
  wrestling: "combat",
  fencing: "combat",
  skiing: "winter_sport",
  cross_country_skiing: "winter_sport",
  downhill_skiing: "winter_sport",
  snowboarding: "winter_sport",
  snowshoeing: "winter_sport",
  skating: "winter_sport",
  ice_skating: "winter_sport",
  hiking: "hiking",
  rock_climbing: "hiking",
  climbing: "hiking",
  stair_climbing: "cardio_machine",
  stair_climbing_machine: "cardio_machine",
  stairs: "cardio_machine",
  step_training: "cardio_machine",
  elliptical: "cardio_machine",
  dancing: "dance",
  dance: "dance",
  social_dance: "dance",
  cardio_dance: "dance",
  walking: "walking",
  wheelchair: "walking",
  wheelchair_walk_pace: "walking",
  golf: "walking",
  yoga: "mind_body",
  pilates: "mind_body",
  stretching: "mind_body",
  flexibility: "mind_body",
  mind_and_body: "mind_body",
  guided_breathing: "mind_body",
  tai_chi: "mind_body",
  cooldown: "mind_body",
  preparation_and_recovery: "mind_body",
};

/** Our snake_case name of a workout type, without the platform's prefix. */
export function workoutTypeName(raw: string): string {
  return snake(
    raw
      .trim()
      .replace(/^HKWorkoutActivityType/, "")
      .replace(/^EXERCISE_(SESSION_)?TYPE_/, ""),
  );
}

export function workoutCategoryOf(name: string): WorkoutCategory {
  return WORKOUT_NAMES[workoutTypeName(name)] ?? "other";
}
