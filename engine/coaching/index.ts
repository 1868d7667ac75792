// Public surface of the coaching engine: pure functions and zod schemas, no I/O, usable
// from the Worker and from the agent host alike.

export { dayNumber, isoDateSchema, programWeekOf, weekdayOf } from "../../kernel/dates";
export * from "./adaptation";
export { CATALOG, indexCatalogById } from "./catalog";
export {
  DEFAULT_EQUIPMENT_BY_LOCATION,
  isAllowedByEquipment,
  isAllowedByInjuries,
  isAllowedByLevel,
  isEligible,
  resolveEquipment,
} from "./eligibility";
export { type Exercise, exerciseSchema } from "./exercise";
export { allowedFoods, FOODS, type Food, type FoodGroup, type FoodRole, fitsDiet } from "./foods";
export {
  FREE_EXERCISE_DB_IMAGE_BASE_URL,
  type FreeExerciseDbImport,
  type FreeExerciseDbRecord,
  type MapOptions,
  type MapResult,
  mapFreeExerciseDbRecord,
  validateFreeExerciseDbFile,
} from "./free-exercise-db";
export {
  buildMealPlan,
  CALORIE_TOLERANCE,
  type Meal,
  type MealItem,
  type MealPlan,
  type MealPlanInput,
  type MealPlanInputRaw,
  mealPlanInputSchema,
  PROTEIN_TOLERANCE,
} from "./meal-plan";
export {
  ACTIVITY_MULTIPLIERS,
  bmrMifflinStJeor,
  CALORIE_FLOOR,
  computeNutritionTargets,
  type MacroTargets,
  type NutritionInput,
  type NutritionInputRaw,
  type NutritionTargets,
  nutritionInputSchema,
  PROTEIN_G_PER_KG,
  tdeeFrom,
} from "./nutrition";
export { type Prescription, prescribe, type Role, roleOf } from "./prescription";
export { generateProgram } from "./program-generator";
export * from "./program-schema";
export { DELOAD_EVERY, isDeloadWeek } from "./progression";
export { createRng, type Rng, type Seed } from "./rng";
export { pickWeekdays } from "./schedule";
export { dayMinutes } from "./session-time";
export { splitForDays } from "./split";
export * from "./vocabulary";
export { fullVolumeMinutes, VOLUME_RANGES, weeklySets } from "./volume";
