import type { StoredProfile } from "../../d1/profiles";
import { buildMealPlan } from "../../engine/coaching/meal-plan";
import type { nutritionTools } from "../../engine/tools/nutrition-tools";
import { fail, ok } from "../../kernel/result";
import { localParts } from "../../kernel/zoned";
import { mealTotals } from "../tracking/queries";
import { logMeal } from "../tracking/rules";
import { noProfile } from "./profile-runs";
import type { ToolRuns } from "./tool-context";

// Nutrition: today's targets against the logs, a meal plan that fits them, logging a meal.

const MACROS = ["calories", "protein_g", "fat_g", "carbs_g"] as const;

function mealPlanOf(profile: StoredProfile | null, userId: string, variant: number) {
  if (!profile?.nutritionTargets) return null;
  const t = profile.nutritionTargets;
  const p = profile.data;
  return buildMealPlan({
    calories: Math.round(t.calories),
    protein_g: Math.round(t.protein_g),
    fat_g: Math.round(t.fat_g),
    carbs_g: Math.round(t.carbs_g),
    meals_per_day: p.meals_per_day,
    diet_type: p.diet_type,
    allergies: p.allergies,
    dislikes: p.disliked_foods,
    seed: `${userId}:${variant}`,
  });
}

export const nutritionRuns: ToolRuns<typeof nutritionTools> = {
  async get_nutrition_targets(_args, context) {
    const [profile, plan] = await Promise.all([context.profile(), context.plan()]);
    if (!profile) return noProfile();
    const t = profile.nutritionTargets;
    const logged = mealTotals(context.tracking.db, plan.date);
    const each = (value: (key: (typeof MACROS)[number]) => number | null) =>
      Object.fromEntries(MACROS.map((key) => [key, value(key)]));
    return ok({
      targets: each((key) => t?.[key] ?? null),
      logged_today: each((key) => Math.round(logged[key])),
      remaining: each((key) => Math.round((t?.[key] ?? 0) - logged[key])),
    });
  },
  async get_meal_plan(args, context) {
    const plan = mealPlanOf(await context.profile(), context.tracking.userId, args.variant);
    if (!plan) return noProfile();
    return ok({
      totals: plan.totals,
      within_tolerance: plan.within_tolerance,
      meals: plan.meals.map((m) => ({
        name: m.name,
        items: m.items.map((i) => `${i.grams} g ${i.name}`),
        calories: m.totals.calories,
      })),
    });
  },
  async get_current_meal(_args, context) {
    const plan = mealPlanOf(await context.profile(), context.tracking.userId, 0);
    if (!plan) return noProfile();
    // Meals spread over 08:00-20:00 local; the one due is the latest whose time has come.
    const minutes = localParts(Date.now(), await context.tracking.timezone()).minutes;
    const count = plan.meals.length;
    const slot = count <= 1 ? 0 : Math.round(((minutes - 8 * 60) / (12 * 60)) * (count - 1));
    const meal = plan.meals[Math.min(count - 1, Math.max(0, slot))];
    if (!meal) return fail("no_meal", "The meal plan is empty.");
    return ok({
      name: meal.name,
      items: meal.items.map((i) => `${i.grams} g ${i.name}`),
      totals: meal.totals,
    });
  },
  async log_meal(args, context) {
    const logged = await logMeal(context.tracking, {
      clientId: args.client_id ?? null,
      meal: args.meal,
      foods: null,
      totals: args,
    });
    if (!logged.ok) return logged;
    const { log, created } = logged.value;
    return ok({ logged: true, duplicate: !created, meal_log_id: log.id, calories: log.calories });
  },
};
