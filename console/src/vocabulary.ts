import type { Schemas } from "@fitness-coach/client";

// The API's vocabularies as lists for the console's forms. The compiler checks each list
// against the generated types both ways: no unknown value, none missing, so a new value in
// the API document fails `npm run typecheck` until the console offers it.

type Complete<T extends string, L extends readonly T[]> = [T] extends [L[number]]
  ? L
  : { missing: Exclude<T, L[number]> };

const allOf =
  <T extends string>() =>
  <const L extends readonly T[]>(list: L & Complete<T, L>): L =>
    list;

type Basics = Schemas["OnboardingStepBasics"];
type Goals = Schemas["OnboardingStepGoals"];
type Experience = Schemas["OnboardingStepExperience"];
type Schedule = Schemas["OnboardingStepSchedule"];
type Equipment = Schemas["OnboardingStepEquipment"];
type Nutrition = Schemas["OnboardingStepNutrition"];
type Lifestyle = Schemas["OnboardingStepLifestyle"];
type Item<T> = T extends readonly (infer I)[] ? I : never;

export type Weekday = Item<Schedule["preferred_weekdays"]>;
export type AgentType = Schemas["ChatRequest"]["agent_type"] & string;

export const SEXES = allOf<Basics["sex"]>()(["female", "male", "unspecified"]);
export const UNITS = allOf<Basics["unit_preference"]>()(["metric", "imperial"]);
export const GOALS = allOf<Goals["primary_goal"]>()([
  "fat_loss",
  "muscle_gain",
  "strength",
  "endurance",
  "general_fitness",
]);
export const LEVELS = allOf<Experience["fitness_level"]>()([
  "beginner",
  "intermediate",
  "advanced",
]);
export const BODY_AREAS = allOf<Item<Experience["injuries"]>>()([
  "shoulder",
  "elbow",
  "wrist",
  "lower_back",
  "hip",
  "knee",
  "ankle",
  "neck",
]);
export const WEEKDAYS = allOf<Weekday>()(["mon", "tue", "wed", "thu", "fri", "sat", "sun"]);
export const TIMES_OF_DAY = allOf<Schedule["preferred_time_of_day"]>()([
  "morning",
  "midday",
  "evening",
]);
export const LOCATIONS = allOf<Equipment["location"]>()(["gym", "home", "outdoor"]);
export const EQUIPMENT = allOf<Item<Equipment["equipment"]>>()([
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
]);
export const DIETS = allOf<Nutrition["diet_type"]>()([
  "omnivore",
  "vegetarian",
  "vegan",
  "pescatarian",
  "keto",
  "paleo",
]);
export const ALLERGENS = allOf<Item<Nutrition["allergies"]>>()([
  "gluten",
  "dairy",
  "egg",
  "nuts",
  "peanuts",
  "soy",
  "fish",
  "shellfish",
  "sesame",
]);
export const ACTIVITY_LEVELS = allOf<Lifestyle["activity_level"]>()([
  "sedentary",
  "light",
  "moderate",
  "active",
  "very_active",
]);
export const AGENT_TYPES = allOf<AgentType>()([
  "workout",
  "diet",
  "supplement",
  "tracker",
  "scheduler",
  "general",
]);

/** Today's weekday ("mon".."sun") in a timezone. */
export function weekdayIn(timezone: string, at = new Date()): Weekday {
  const short = new Intl.DateTimeFormat("en-US", { timeZone: timezone, weekday: "short" })
    .format(at)
    .toLowerCase()
    .slice(0, 3);
  return short as Weekday;
}
