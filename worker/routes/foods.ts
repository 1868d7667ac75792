import { apiError, validationFailed } from "../errors";
import { FoodLookup } from "../foods/food-lookup";
import { requireUser } from "../middleware/auth";
import { bearerSecurity, jsonResponse } from "./common.schemas";
import { defineRoute } from "./define-route";
import { BarcodeParam, FoodSchema, FoodSearchQuery, FoodSearchSchema } from "./foods.schemas";
import { routeGroup } from "./route-group";

// /v1/foods: search generic foods and look packaged foods up by barcode. Shared data (D1 and
// the providers), so no actor call.

const secured = {
  tags: ["nutrition"] as ["nutrition"],
  security: bearerSecurity,
  middleware: [requireUser()],
};

const OATS = {
  id: "builtin:oats",
  source: "builtin",
  name: "Rolled oats",
  serving: { grams: 40, label: "1/2 cup dry" },
  per_100g: { kcal: 379, protein_g: 13.2, carbs_g: 67.7, fat_g: 6.5, fiber_g: 10.1 },
} as const;

const routes = {
  search: defineRoute({
    method: "get",
    path: "/",
    operationId: "searchFoods",
    summary: "Search foods by name",
    description:
      "Built-in foods and every food cached from USDA FoodData Central (Foundation and SR " +
      "Legacy), plus FDC's own answer to the query when FDC_API_KEY is configured (cached in " +
      "D1, so the same search answers without calling FDC again). Best match first. " +
      "`providers.fdc` says what FDC contributed. When FDC is over its rate limit and nothing " +
      "local matches, 429 with Retry-After.",
    ...secured,
    request: { query: FoodSearchQuery },
    responses: {
      200: jsonResponse(FoodSearchSchema, "Matching foods.", {
        items: [OATS],
        next_cursor: null,
        providers: { fdc: "cached" },
      }),
    },
    errors: { 429: ["provider_rate_limited"] },
  }),
  barcode: defineRoute({
    method: "get",
    path: "/barcode/{ean}",
    operationId: "getFoodByBarcode",
    summary: "A packaged food by its barcode",
    description:
      "From the cache, else Open Food Facts (cached on success; a code OFF does not know is " +
      "not asked again for a day). A UPC-A and its EAN-13 find the same product.",
    ...secured,
    request: { params: BarcodeParam },
    responses: { 200: jsonResponse(FoodSchema, "The food.", { ...OATS, id: "off:3017624010701" }) },
    errors: {
      404: ["food_not_found"],
      429: ["provider_rate_limited"],
      502: ["provider_unavailable"],
    },
  }),
};

export const foodRoutes = routeGroup()
  .openapi(routes.search, async (c) => {
    const { q, limit, cursor } = c.req.valid("query");
    const offset = cursor === undefined ? 0 : Number(cursor);
    if (!Number.isInteger(offset) || offset < 0 || offset > 10_000)
      throw validationFailed([
        { field: "cursor", code: "invalid", message: "is not a cursor from this list" },
      ]);
    const found = await new FoodLookup(c.env, c.get("config")).search(q);
    if (found.fdc === "rate_limited" && found.foods.length === 0)
      throw apiError({
        code: "provider_rate_limited",
        message: "The food database is over its rate limit and nothing cached matches.",
        details: { retry_after_seconds: found.retryAfterSeconds ?? 60 },
      });
    const items = found.foods.slice(offset, offset + limit);
    const more = found.foods.length > offset + limit;
    return c.json(
      {
        items,
        next_cursor: more ? String(offset + limit) : null,
        providers: {
          fdc: found.fdc,
          ...(found.retryAfterSeconds ? { retry_after_seconds: found.retryAfterSeconds } : {}),
        },
      },
      200,
    );
  })
  .openapi(routes.barcode, async (c) => {
    const found = await new FoodLookup(c.env, c.get("config")).barcode(c.req.valid("param").ean);
    if (!found.ok) throw apiError(found.error);
    return c.json(found.value, 200);
  });
