import { z } from "zod";
import {
  type ActivityLevel,
  activityLevelSchema,
  dietTypeSchema,
  type Goal,
  goalSchema,
  type Sex,
  sexSchema,
} from "./vocabulary";

// Energy and macronutrient targets.
//
// BMR, Mifflin-St Jeor (1990): 10 * kg + 6.25 * cm - 5 * age + s, s = +5 men, -161 women;
// "unspecified" uses the mean of the two, -78.
// TDEE = BMR * activity multiplier (sedentary 1.2, light 1.375, moderate 1.55, active 1.725,
// very active 1.9).
// Calories by goal:
//   fat_loss:      TDEE - 0.75% of body weight a week as energy (7700 kcal per kg of fat):
//                  0.0075 * kg * 7700 / 7 = 8.25 kcal per kg per day; never below the floor
//                  max(BMR, 1200 women / 1500 men / 1350 unspecified);
//   muscle_gain:   TDEE + 10%, kept within +250..+350 kcal (a modest surplus limits fat gain);
//   strength:      TDEE + 5%, kept within +100..+200 kcal;
//   endurance, general_fitness: TDEE (maintenance).
// The floor applies to every goal (it only bites on fat loss in practice).
// Protein by goal, g per kg of body weight: fat_loss 2.2 (highest in a deficit to keep lean
// mass, Helms 2014), muscle_gain 2.0, strength 1.8, endurance and general_fitness 1.6
// (Morton 2018: gains plateau around 1.6, upper bound 2.2).
// Fat: 25% of energy, never under 20%. Carbohydrate: the rest. Keto: carbohydrate capped at
// 30 g and fat takes the rest. When protein leaves less than 25% for fat (heavy people on a
// low target), fat drops toward 20% and carbohydrate is 0; if even 20% fat does not fit,
// protein is lowered to fit. Carbohydrate is never negative.

export const ACTIVITY_MULTIPLIERS: Readonly<Record<ActivityLevel, number>> = {
  sedentary: 1.2,
  light: 1.375,
  moderate: 1.55,
  active: 1.725,
  very_active: 1.9,
};

const SEX_CONSTANT: Readonly<Record<Sex, number>> = { male: 5, female: -161, unspecified: -78 };
export const CALORIE_FLOOR: Readonly<Record<Sex, number>> = {
  male: 1500,
  female: 1200,
  unspecified: 1350,
};

export const PROTEIN_G_PER_KG: Readonly<Record<Goal, number>> = {
  fat_loss: 2.2,
  muscle_gain: 2.0,
  strength: 1.8,
  endurance: 1.6,
  general_fitness: 1.6,
};

export const FAT_ENERGY_SHARE = 0.25;
export const MIN_FAT_ENERGY_SHARE = 0.2;
export const KETO_MAX_CARBS_G = 30;
export const KCAL_PER_KG_WEEKLY_LOSS = 7700;
export const WEEKLY_LOSS_FRACTION = 0.0075;

export const nutritionInputSchema = z.object({
  sex: sexSchema,
  age_years: z.number().int().min(13).max(100),
  weight_kg: z.number().min(30).max(300),
  height_cm: z.number().min(100).max(250),
  activity_level: activityLevelSchema,
  goal: goalSchema,
  meals_per_day: z.number().int().min(2).max(6).default(3),
  diet_type: dietTypeSchema.default("omnivore"),
});
export type NutritionInput = z.output<typeof nutritionInputSchema>;
export type NutritionInputRaw = z.input<typeof nutritionInputSchema>;

export interface MacroTargets {
  calories: number;
  protein_g: number;
  fat_g: number;
  carbs_g: number;
}

export interface NutritionTargets extends MacroTargets {
  bmr: number;
  tdee: number;
  calorie_floor: number;
  floor_applied: boolean;
  meals: (MacroTargets & { meal: number })[];
}

export function bmrMifflinStJeor(input: {
  sex: Sex;
  weight_kg: number;
  height_cm: number;
  age_years: number;
}): number {
  return (
    10 * input.weight_kg + 6.25 * input.height_cm - 5 * input.age_years + SEX_CONSTANT[input.sex]
  );
}

export function tdeeFrom(bmr: number, activity: ActivityLevel): number {
  return bmr * ACTIVITY_MULTIPLIERS[activity];
}

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

/** Calories before the floor. */
export function goalCalories(goal: Goal, tdee: number, weightKg: number): number {
  switch (goal) {
    case "fat_loss":
      return tdee - (WEEKLY_LOSS_FRACTION * weightKg * KCAL_PER_KG_WEEKLY_LOSS) / 7;
    case "muscle_gain":
      return tdee + clamp(0.1 * tdee, 250, 350);
    case "strength":
      return tdee + clamp(0.05 * tdee, 100, 200);
    case "endurance":
    case "general_fitness":
      return tdee;
  }
}

/** Protein, fat and carbohydrate grams for a calorie target (see the rules above). */
export function macrosFor(
  calories: number,
  weightKg: number,
  goal: Goal,
  keto: boolean,
): Omit<MacroTargets, "calories"> {
  const minFat = Math.ceil((MIN_FAT_ENERGY_SHARE * calories) / 9);
  let protein = Math.round(PROTEIN_G_PER_KG[goal] * weightKg);
  if (4 * protein + 9 * minFat > calories) protein = Math.floor((calories - 9 * minFat) / 4);
  if (keto) {
    const carbs = clamp(Math.floor((calories - 4 * protein - 9 * minFat) / 4), 0, KETO_MAX_CARBS_G);
    const fat = Math.floor((calories - 4 * protein - 4 * carbs) / 9);
    return { protein_g: protein, fat_g: fat, carbs_g: carbs };
  }
  // 25% fat, lowered toward the 20% minimum only as far as protein needs the room.
  const preferredFat = Math.ceil((FAT_ENERGY_SHARE * calories) / 9);
  const fat = clamp(Math.floor((calories - 4 * protein) / 9), minFat, preferredFat);
  const carbs = Math.max(0, Math.floor((calories - 4 * protein - 9 * fat) / 4));
  return { protein_g: protein, fat_g: fat, carbs_g: carbs };
}

/** Even split over meals; the remainder of each total goes to the first meals, so sums match. */
export function splitPerMeal(
  totals: MacroTargets,
  meals: number,
): (MacroTargets & { meal: number })[] {
  const share = (total: number, i: number) =>
    Math.floor(total / meals) + (i < total % meals ? 1 : 0);
  return Array.from({ length: meals }, (_, i) => ({
    meal: i + 1,
    calories: share(totals.calories, i),
    protein_g: share(totals.protein_g, i),
    fat_g: share(totals.fat_g, i),
    carbs_g: share(totals.carbs_g, i),
  }));
}

export function computeNutritionTargets(raw: NutritionInputRaw): NutritionTargets {
  const input = nutritionInputSchema.parse(raw);
  const bmrExact = bmrMifflinStJeor(input);
  const tdeeExact = tdeeFrom(bmrExact, input.activity_level);
  const floor = Math.round(Math.max(bmrExact, CALORIE_FLOOR[input.sex]));
  const wanted = Math.round(goalCalories(input.goal, tdeeExact, input.weight_kg));
  const calories = Math.max(wanted, floor);
  const macros = macrosFor(calories, input.weight_kg, input.goal, input.diet_type === "keto");
  const totals = { calories, ...macros };
  return {
    bmr: Math.round(bmrExact),
    tdee: Math.round(tdeeExact),
    calorie_floor: floor,
    floor_applied: wanted < floor,
    ...totals,
    meals: splitPerMeal(totals, input.meals_per_day),
  };
}
