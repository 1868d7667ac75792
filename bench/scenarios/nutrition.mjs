import { onboardedUser } from "../../test/support/api-client.ts";
import { load } from "../lib/measure.mjs";

/**
 * A food search answered from the D1 cache (FoodData Central's stand-in asked once, before the
 * timing) and a meal logged by food and grams (a built-in food and a cached FDC food: one D1
 * read for the cached food, then the actor's write).
 */
export async function nutrition(target) {
  const user = await onboardedUser(target.url);
  const auth = { authorization: `Bearer ${user.token}` };
  const searchUrl = `${target.url}/v1/foods?q=chicken%20breast&limit=10`;
  const warm = await fetch(searchUrl, { headers: auth });
  const warmed = await warm.json();
  if (warmed.providers?.fdc !== "fetched")
    throw new Error(`food search warm-up: ${warm.status} ${JSON.stringify(warmed.providers)}`);
  const search = await load(searchUrl, { headers: auth });
  const check = await (await fetch(searchUrl, { headers: auth })).json();
  if (check.providers.fdc !== "cached")
    throw new Error("the food search did not come from the cache");
  let n = 0;
  const logByGrams = await load(`${target.url}/v1/meals/logs`, {
    method: "POST",
    headers: { ...auth, "content-type": "application/json" },
    setupRequest: (request) => ({
      ...request,
      body: JSON.stringify({
        client_id: `grams-${n++}`,
        meal: "lunch",
        items: [
          { food_id: "fdc:171477", grams: 150 },
          { food_id: "builtin:white-rice", grams: 200 },
        ],
      }),
    }),
  });
  // The same write with the macros given (a quick log), for the cost of the food lookup.
  const quick = await load(`${target.url}/v1/meals/logs`, {
    method: "POST",
    headers: { ...auth, "content-type": "application/json" },
    setupRequest: (request) => ({
      ...request,
      body: JSON.stringify({ client_id: `quick-${n++}`, meal: "lunch", calories: 507.5 }),
    }),
  });
  return {
    rows: [
      {
        scenario: "GET /v1/foods (search, from the D1 cache)",
        floor: "F1",
        ...search,
        note: "3 D1 reads, no actor",
      },
      {
        scenario: "POST /v1/meals/logs (2 items by grams)",
        floor: "F2",
        ...logByGrams,
        note: "1 D1 read + the actor's write",
      },
      { scenario: "POST /v1/meals/logs (quick: calories only)", floor: "F2", ...quick },
    ],
  };
}
