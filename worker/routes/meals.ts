import { userActor } from "../actor";
import { apiError } from "../errors";
import { requireUser } from "../middleware/auth";
import { bearerSecurity, DateRangeQuery, jsonBody, jsonResponse, pageOf } from "./common.schemas";
import { defineRoute } from "./define-route";
import { AT } from "./examples";
import { MealLogBody, MealLogSchema } from "./meals.schemas";
import { parseCursor } from "./pagination";
import { routeGroup } from "./route-group";

// /v1/meals: meal logs.

const secured = {
  tags: ["tracking"] as ["tracking"],
  security: bearerSecurity,
  middleware: [requireUser()],
};

const FOOD = {
  name: "Chicken breast",
  grams: 150,
  calories: 248,
  protein_g: 46,
  fat_g: 5,
  carbs_g: 0,
};

const MEAL = {
  id: "meal_5d4c3b2a1f0e9d8c7b6a5f4e3d2c1b0a",
  client_id: null,
  meal: "lunch",
  logged_at: AT,
  local_date: "2026-11-23",
  foods: [FOOD],
  calories: 248,
  protein_g: 46,
  fat_g: 5,
  carbs_g: 0,
};

const routes = {
  addMeal: defineRoute({
    method: "post",
    path: "/logs",
    operationId: "logMeal",
    summary: "Log a meal: a list of foods, or calories and macros",
    description:
      "Either `foods` (their totals are summed) or `calories` with optional macros. Idempotent " +
      "by `client_id`.",
    ...secured,
    request: { body: jsonBody(MealLogBody, { meal: "lunch", foods: [FOOD] }) },
    responses: {
      201: jsonResponse(MealLogSchema, "Logged.", MEAL),
      200: jsonResponse(MealLogSchema, "Already stored under this client_id.", MEAL),
    },
  }),
  listMeals: defineRoute({
    method: "get",
    path: "/logs",
    operationId: "listMealLogs",
    summary: "Meal logs in a date range (default: today), oldest first",
    description: "Without `from` and `to`, today's logs in the user's timezone.",
    ...secured,
    request: { query: DateRangeQuery },
    responses: {
      200: jsonResponse(pageOf(MealLogSchema, "MealLogList"), "A page of logs.", {
        items: [MEAL],
        next_cursor: null,
      }),
    },
  }),
};

export const mealRoutes = routeGroup()
  .openapi(routes.addMeal, async (c) => {
    const body = c.req.valid("json");
    const result = await userActor(c).tracking.logMeal({
      clientId: body.client_id ?? null,
      meal: body.meal,
      ...(body.logged_at ? { loggedAt: body.logged_at } : {}),
      foods: body.foods ?? null,
      totals: body,
    });
    if (!result.ok) throw apiError(result.error);
    return c.json(result.value.log, result.value.created ? 201 : 200);
  })
  .openapi(routes.listMeals, async (c) => {
    const { cursor, ...query } = c.req.valid("query");
    // No range given: today (local, the actor knows it). A given range is used as is; either
    // end may be open.
    const page = await userActor(c).tracking.listMeals({ ...query, after: parseCursor(cursor) });
    return c.json(page, 200);
  });
