import { userActor } from "../actor";
import { notFound } from "../errors";
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
  const { date, targets, logged } = await userActor(c).nutritionToday(c.get("userId"));
  if (!targets)
    throw notFound("No nutrition targets yet: finish onboarding first.", "profile_not_found");
  const round = (n: number) => Math.round(n * 10) / 10;
  const macros = (value: (key: (typeof KEYS)[number]) => number) =>
    Object.fromEntries(KEYS.map((key) => [key, value(key)])) as Record<
      (typeof KEYS)[number],
      number
    >;
  return c.json(
    {
      date,
      targets: macros((key) => targets[key] ?? 0),
      logged: { ...macros((key) => round(logged[key])), meals: logged.meals },
      remaining: macros((key) => round((targets[key] ?? 0) - logged[key])),
    },
    200,
  );
});

const KEYS = ["calories", "protein_g", "fat_g", "carbs_g"] as const;
