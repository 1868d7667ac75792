import { userActor } from "../actor";
import { apiError, unwrap } from "../errors";
import { FoodLookup } from "../foods/food-lookup";
import { draftFoods, loggedFoods } from "../foods/meal-foods";
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
    summary:
      "Log a meal: foods by id and amount, a plate-photo draft, free-form foods, or calories",
    description:
      "One of: `items` (foods from /v1/foods by id, in grams or servings: the macros are " +
      "computed from each food and kept on the log), `draft_id` (a plate photo's draft, " +
      "confirmed as it is or with `items` as edited; once per draft), `foods` (free-form, their " +
      "totals summed) or `calories` with optional macros. Idempotent by `client_id`.",
    ...secured,
    request: { body: jsonBody(MealLogBody, { meal: "lunch", foods: [FOOD] }) },
    responses: {
      201: jsonResponse(MealLogSchema, "Logged.", MEAL),
      200: jsonResponse(MealLogSchema, "Already stored under this client_id.", MEAL),
    },
    errors: {
      404: ["meal_draft_not_found"],
      429: ["provider_rate_limited"],
      502: ["provider_unavailable"],
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
    const actor = userActor(c);
    const lookup = () => new FoodLookup(c.env, c.get("config"));
    const when = body.logged_at ? { loggedAt: body.logged_at } : {};
    if (body.draft_id !== undefined) {
      const foods = body.items
        ? await loggedFoods(lookup(), body.items)
        : draftFoods(unwrap(await actor.nutrition.draft(body.draft_id)).items);
      const confirmed = unwrap(
        await actor.nutrition.confirmDraft(body.draft_id, { meal: body.meal, ...when, foods }),
      );
      return c.json(confirmed.log, confirmed.created ? 201 : 200);
    }
    if (body.items) {
      const foods = await loggedFoods(lookup(), body.items);
      const logged = unwrap(
        await actor.tracking.logMeal({
          clientId: body.client_id ?? null,
          meal: body.meal,
          ...when,
          foods,
        }),
      );
      return c.json(logged.log, logged.created ? 201 : 200);
    }
    const result = await actor.tracking.logMeal({
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
