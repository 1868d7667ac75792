import { userActor } from "../actor";
import { unwrap } from "../errors";
import { requireUser } from "../middleware/auth";
import { bearerSecurity, jsonResponse } from "./common.schemas";
import { defineRoute } from "./define-route";
import {
  MealPlanSchema,
  MealSwapSchema,
  NutritionTodaySchema,
  PlanDateQuery,
  SlotParam,
} from "./nutrition.schemas";
import { routeGroup } from "./route-group";

// /v1/nutrition: today's targets against what is logged, and the stored meal plan.

const secured = {
  tags: ["tracking"] as ["tracking"],
  security: bearerSecurity,
  middleware: [requireUser()],
};

const MACROS = { calories: 560, protein_g: 38, fat_g: 16, carbs_g: 66 };
const PLAN = {
  date: "2026-11-23",
  variant: 0,
  targets: { calories: 2150, protein_g: 128, fat_g: 60, carbs_g: 271 },
  totals: { calories: 2140, protein_g: 131, fat_g: 58, carbs_g: 268 },
  within_tolerance: true,
  meals: [
    {
      slot: 1,
      name: "Breakfast",
      items: [{ food_id: "builtin:oats", name: "Rolled oats", grams: 80, ...MACROS }],
      totals: MACROS,
    },
  ],
};

const routes = {
  nutritionToday: defineRoute({
    method: "get",
    path: "/today",
    operationId: "getNutritionToday",
    summary: "Today's nutrition targets against what is logged so far",
    description: "Targets from the profile, totals of today's meal logs, and what remains.",
    ...secured,
    responses: {
      200: jsonResponse(NutritionTodaySchema, "Today.", {
        date: "2026-11-23",
        targets: { calories: 2150, protein_g: 128, fat_g: 60, carbs_g: 271 },
        logged: { calories: 248, protein_g: 46, fat_g: 5, carbs_g: 0, meals: 1 },
        remaining: { calories: 1902, protein_g: 82, fat_g: 55, carbs_g: 271 },
        activity: null,
      }),
    },
    errors: { 404: ["profile_not_found"] },
  }),
  plan: defineRoute({
    method: "get",
    path: "/plan",
    operationId: "getMealPlan",
    summary: "The meal plan for today or a given date",
    description:
      "Built from the built-in foods to fit the targets, diet, allergies and dislikes, and " +
      "stored: the same plan the coaches' get_meal_plan reads. Rebuilt when the targets, diet, " +
      "allergies or dislikes change; never holds an excluded food.",
    tags: ["nutrition"],
    security: bearerSecurity,
    middleware: [requireUser()],
    request: { query: PlanDateQuery },
    responses: { 200: jsonResponse(MealPlanSchema, "The day's plan.", PLAN) },
    errors: { 404: ["profile_not_found"] },
  }),
  regenerate: defineRoute({
    method: "post",
    path: "/plan/regenerate",
    operationId: "regenerateMealPlan",
    summary: "A new meal plan for the day",
    description: "The next variant of the day's plan replaces the stored one.",
    tags: ["nutrition"],
    security: bearerSecurity,
    middleware: [requireUser()],
    request: { query: PlanDateQuery },
    responses: { 200: jsonResponse(MealPlanSchema, "The new plan.", PLAN) },
    errors: { 404: ["profile_not_found"] },
  }),
  swap: defineRoute({
    method: "post",
    path: "/plan/meals/{slot}/swap",
    operationId: "swapPlannedMeal",
    summary: "Another meal for one slot of the plan, with the same targets",
    description:
      "The other meals stay. `changed` is false when the allowed foods make no other meal.",
    tags: ["nutrition"],
    security: bearerSecurity,
    middleware: [requireUser()],
    request: { params: SlotParam, query: PlanDateQuery },
    responses: {
      200: jsonResponse(MealSwapSchema, "The plan with the slot swapped.", {
        plan: PLAN,
        changed: true,
      }),
    },
    errors: { 404: ["profile_not_found", "no_such_meal_slot"] },
  }),
};

export const nutritionRoutes = routeGroup()
  .openapi(routes.nutritionToday, async (c) => {
    return c.json(unwrap(await userActor(c).tracking.nutritionToday()), 200);
  })
  .openapi(routes.plan, async (c) => {
    const { date } = c.req.valid("query");
    return c.json(unwrap(await userActor(c).nutrition.plan(date)), 200);
  })
  .openapi(routes.regenerate, async (c) => {
    const { date } = c.req.valid("query");
    return c.json(unwrap(await userActor(c).nutrition.regeneratePlan(date)), 200);
  })
  .openapi(routes.swap, async (c) => {
    const { date } = c.req.valid("query");
    const { slot } = c.req.valid("param");
    return c.json(unwrap(await userActor(c).nutrition.swapMeal(slot, date)), 200);
  });
