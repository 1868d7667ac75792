import { foodId } from "../../engine/foods/food";
import type { PlateDraft } from "../../engine/foods/plate-photo";
import type { StoredPlan } from "../../engine/nutrition/stored-plan";
import type { MealPhoto } from "./meal-photos";

// The JSON the nutrition concern answers (worker/routes/nutrition.schemas.ts has its schemas).

/** A stored day plan; its foods carry the ids the meal log takes (`builtin:oats`). */
export const planJson = (stored: StoredPlan) => ({
  date: stored.date,
  variant: stored.variant,
  targets: stored.plan.targets,
  totals: stored.plan.totals,
  within_tolerance: stored.plan.within_tolerance,
  meals: stored.plan.meals.map((meal) => ({
    slot: meal.meal,
    name: meal.name,
    items: meal.items.map((item) => ({ ...item, food_id: foodId("builtin", item.food_id) })),
    totals: meal.totals,
  })),
});

const draftJson = (draft: PlateDraft) => ({
  items: draft.items.map((item) => ({
    seen_as: item.seen_as,
    food: item.food,
    grams: item.grams,
    confidence: item.confidence,
    ...item.nutrients,
  })),
  unmatched: draft.unmatched,
  totals: draft.totals,
});

export const photoJson = (photo: MealPhoto) => ({
  id: photo.id,
  photo_key: photo.photo_key,
  created_at: photo.created_at,
  meal_log_id: photo.meal_log_id,
  ...draftJson(photo.draft),
});
