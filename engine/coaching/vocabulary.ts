import { z } from "zod";

// Fixed vocabularies of the coaching API. Every value is snake_case because it goes on the
// wire and into D1 as is. Each vocabulary is a readonly tuple (for iteration and tests), a
// zod enum (for validation and the OpenAPI document) and a TypeScript union type.

export const GOALS = [
  "fat_loss",
  "muscle_gain",
  "strength",
  "endurance",
  "general_fitness",
] as const;
export const goalSchema = z.enum(GOALS);
export type Goal = z.infer<typeof goalSchema>;

export const LEVELS = ["beginner", "intermediate", "advanced"] as const;
export const levelSchema = z.enum(LEVELS);
export type Level = z.infer<typeof levelSchema>;

/** Rank of a level, so "at most this level" is a number comparison. */
export const LEVEL_RANK: Readonly<Record<Level, number>> = {
  beginner: 0,
  intermediate: 1,
  advanced: 2,
};

export const MUSCLES = [
  "chest",
  "front_delts",
  "side_delts",
  "rear_delts",
  "lats",
  "upper_back",
  "traps",
  "biceps",
  "triceps",
  "forearms",
  "abs",
  "obliques",
  "lower_back",
  "glutes",
  "quads",
  "hamstrings",
  "adductors",
  "abductors",
  "calves",
  "neck",
] as const;
export const muscleSchema = z.enum(MUSCLES);
export type Muscle = z.infer<typeof muscleSchema>;

/**
 * Muscles the weekly volume rules (minimum and maximum hard sets) are written for. The
 * deltoid is represented by its front head because every pressing pattern trains it; side
 * and rear delts, arms, calves and trunk muscles get accessory work and only the maximum.
 * Listed in the order the volume allocator serves them: muscles that rarely receive
 * indirect work first, glutes and front delts (which collect half sets from squats, hinges
 * and presses) last, so indirect work is used before direct sets are added.
 */
export const MAJOR_MUSCLES = [
  "quads",
  "hamstrings",
  "chest",
  "lats",
  "upper_back",
  "glutes",
  "front_delts",
] as const satisfies readonly Muscle[];
export type MajorMuscle = (typeof MAJOR_MUSCLES)[number];

export function isMajorMuscle(muscle: Muscle): muscle is MajorMuscle {
  return (MAJOR_MUSCLES as readonly Muscle[]).includes(muscle);
}

/**
 * Size class of each muscle (3 large, 2 medium, 1 small), used to order a session large
 * before small: an exercise is as large as its largest primary muscle.
 */
export const MUSCLE_SIZE: Readonly<Record<Muscle, 1 | 2 | 3>> = {
  chest: 3,
  lats: 3,
  upper_back: 3,
  glutes: 3,
  quads: 3,
  hamstrings: 3,
  front_delts: 2,
  side_delts: 2,
  rear_delts: 2,
  traps: 2,
  lower_back: 2,
  adductors: 2,
  abductors: 2,
  biceps: 1,
  triceps: 1,
  forearms: 1,
  abs: 1,
  obliques: 1,
  calves: 1,
  neck: 1,
};

export const PATTERNS = [
  "squat",
  "hinge",
  "lunge",
  "horizontal_push",
  "vertical_push",
  "horizontal_pull",
  "vertical_pull",
  "carry",
  "core",
  "isolation",
  "conditioning",
  "mobility",
] as const;
export const patternSchema = z.enum(PATTERNS);
export type Pattern = z.infer<typeof patternSchema>;

export const EQUIPMENT = [
  "barbell",
  "dumbbell",
  "kettlebell",
  "cable",
  "machine",
  "bench",
  "pull_up_bar",
  "resistance_band",
  "body_only",
  "ez_bar",
  "medicine_ball",
  "exercise_ball",
  "foam_roll",
  "other",
] as const;
export const equipmentSchema = z.enum(EQUIPMENT);
export type Equipment = z.infer<typeof equipmentSchema>;

export const BODY_AREAS = [
  "shoulder",
  "elbow",
  "wrist",
  "lower_back",
  "hip",
  "knee",
  "ankle",
  "neck",
] as const;
export const bodyAreaSchema = z.enum(BODY_AREAS);
export type BodyArea = z.infer<typeof bodyAreaSchema>;

export const LOCATIONS = ["gym", "home", "outdoor"] as const;
export const locationSchema = z.enum(LOCATIONS);
export type Location = z.infer<typeof locationSchema>;

export const DIET_TYPES = [
  "omnivore",
  "vegetarian",
  "vegan",
  "pescatarian",
  "keto",
  "paleo",
] as const;
export const dietTypeSchema = z.enum(DIET_TYPES);
export type DietType = z.infer<typeof dietTypeSchema>;

export const ALLERGENS = [
  "gluten",
  "dairy",
  "egg",
  "nuts",
  "peanuts",
  "soy",
  "fish",
  "shellfish",
  "sesame",
] as const;
export const allergenSchema = z.enum(ALLERGENS);
export type Allergen = z.infer<typeof allergenSchema>;

export const ACTIVITY_LEVELS = ["sedentary", "light", "moderate", "active", "very_active"] as const;
export const activityLevelSchema = z.enum(ACTIVITY_LEVELS);
export type ActivityLevel = z.infer<typeof activityLevelSchema>;

export const SEXES = ["male", "female", "unspecified"] as const;
export const sexSchema = z.enum(SEXES);
export type Sex = z.infer<typeof sexSchema>;

// Exercise attributes.

export const CATEGORIES = ["strength", "conditioning", "plyometrics", "mobility"] as const;
export const categorySchema = z.enum(CATEGORIES);
export type Category = z.infer<typeof categorySchema>;

export const MECHANICS = ["compound", "isolation"] as const;
export const mechanicSchema = z.enum(MECHANICS);
export type Mechanic = z.infer<typeof mechanicSchema>;

export const FORCES = ["push", "pull", "static"] as const;
export const forceSchema = z.enum(FORCES);
export type Force = z.infer<typeof forceSchema>;

// `operator`: added by an operator through /admin/exercises.
export const EXERCISE_SOURCES = ["builtin", "free-exercise-db", "operator"] as const;
export const exerciseSourceSchema = z.enum(EXERCISE_SOURCES);
export type ExerciseSource = z.infer<typeof exerciseSourceSchema>;

// Program attributes.

/** Focus of one training day, set by the split. */
export const DAY_FOCUSES = ["full_body", "upper", "lower", "push", "pull", "legs"] as const;
export const dayFocusSchema = z.enum(DAY_FOCUSES);
export type DayFocus = z.infer<typeof dayFocusSchema>;

/**
 * How an exercise progresses from session to session: `linear_load` adds a fixed load each
 * session (beginners on loaded compound lifts), `double_progression` adds reps up to the top
 * of the range and then load, `hold` keeps the load (deload and return weeks).
 */
export const PROGRESSIONS = ["linear_load", "double_progression", "hold"] as const;
export const progressionSchema = z.enum(PROGRESSIONS);
export type Progression = z.infer<typeof progressionSchema>;
