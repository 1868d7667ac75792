import { userActor } from "../actor";
import { unwrap } from "../errors";
import { requireUser } from "../middleware/auth";
import { bearerSecurity, jsonResponse } from "./common.schemas";
import { defineRoute } from "./define-route";
import { NutritionTodaySchema } from "./nutrition.schemas";
import { routeGroup } from "./route-group";

// /v1/nutrition: today's targets against what is logged.

const secured = {
  tags: ["tracking"] as ["tracking"],
  security: bearerSecurity,
  middleware: [requireUser()],
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
      }),
    },
    errors: { 404: ["profile_not_found"] },
  }),
};

export const nutritionRoutes = routeGroup().openapi(routes.nutritionToday, async (c) => {
  return c.json(unwrap(await userActor(c).tracking.nutritionToday()), 200);
});
