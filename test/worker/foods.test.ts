import { describe, expect, inject, it } from "vitest";
import { call, json, type SignedUp, signUp } from "./helpers";
import { onboard } from "./onboarding-helpers";

// Foods through the real Worker, D1 cache and the stand-ins of USDA FoodData Central and Open
// Food Facts (test/support/fdc-stub.ts, open-food-facts-stub.ts), then meals logged by food
// and amount against today's totals.

const fdcCalls = async (word: string) =>
  json<unknown[]>(await fetch(`${inject("fdcUrl")}/_stub/requests?query=${word}`));
const offCalls = async (code: string) =>
  json<{ userAgent: string }[]>(
    await fetch(`${inject("openFoodFactsUrl")}/_stub/requests?code=${code}`),
  );

let shared: SignedUp | undefined;
const user = async () => {
  shared ??= await signUp();
  return shared;
};

describe("food search", () => {
  it("asks FoodData Central once, then answers the same search from the D1 cache", async () => {
    const { accessToken } = await user();
    const first = await call("/v1/foods?q=banana", { token: accessToken });
    expect(first.status).toBe(200);
    const body = await json(first);
    expect(body.providers.fdc).toBe("fetched");
    const ids = body.items.map((food: { id: string }) => food.id);
    expect(ids).toContain("fdc:173944"); // Bananas, raw (SR Legacy)
    expect(ids).toContain("builtin:banana");
    const fdcBanana = body.items.find((food: { id: string }) => food.id === "fdc:173944");
    expect(fdcBanana).toMatchObject({ source: "fdc", per_100g: { kcal: 89, protein_g: 1.09 } });
    expect(await fdcCalls("banana")).toHaveLength(1);

    const again = await json(await call("/v1/foods?q=Banana", { token: accessToken }));
    expect(again.providers.fdc).toBe("cached");
    expect(again.items.map((food: { id: string }) => food.id)).toEqual(ids);
    expect(await fdcCalls("banana")).toHaveLength(1); // no outside call
  });

  it("pages the ranked list and refuses a cursor it did not issue", async () => {
    const { accessToken } = await user();
    const page = await json(await call("/v1/foods?q=rice&limit=1", { token: accessToken }));
    expect(page.items).toHaveLength(1);
    expect(page.next_cursor).not.toBeNull();
    const next = await json(
      await call(`/v1/foods?q=rice&limit=1&cursor=${page.next_cursor}`, { token: accessToken }),
    );
    expect(next.items[0].id).not.toBe(page.items[0].id);
    const bad = await call("/v1/foods?q=rice&cursor=x", { token: accessToken });
    expect(bad.status).toBe(422);
    expect(await fdcCalls("rice")).toHaveLength(1);
  });

  it("needs a query and a signed-in user", async () => {
    const { accessToken } = await user();
    expect((await call("/v1/foods", { token: accessToken })).status).toBe(422);
    expect((await call("/v1/foods?q=rice")).status).toBe(401);
  });
});

describe("barcodes", () => {
  it("finds a product on Open Food Facts once, then from the cache", async () => {
    const { accessToken } = await user();
    const hit = await call("/v1/foods/barcode/3017624010701", { token: accessToken });
    expect(hit.status).toBe(200);
    expect(await json(hit)).toMatchObject({
      id: "off:3017624010701",
      source: "off",
      name: "Nutella",
      barcode: "3017624010701",
      per_100g: { kcal: 539, sugar_g: 56.3 },
    });
    const calls = await offCalls("3017624010701");
    expect(calls).toHaveLength(1);
    expect(calls[0]?.userAgent).toBe("FitnessCoach/0.1.0 (tests@fitness-coach.test)");
    const again = await call("/v1/foods/barcode/3017624010701", { token: accessToken });
    expect((await json(again)).id).toBe("off:3017624010701");
    expect(await offCalls("3017624010701")).toHaveLength(1);
  });

  it("answers 404 for an unknown product and remembers the miss", async () => {
    const { accessToken } = await user();
    const miss = await call("/v1/foods/barcode/4006381333931", { token: accessToken });
    expect(miss.status).toBe(404);
    expect((await json(miss)).error.code).toBe("food_not_found");
    await call("/v1/foods/barcode/4006381333931", { token: accessToken });
    expect(await offCalls("4006381333931")).toHaveLength(1);
  });

  it("refuses a code with a wrong check digit without asking anyone", async () => {
    const { accessToken } = await user();
    const bad = await call("/v1/foods/barcode/3017624010702", { token: accessToken });
    expect(bad.status).toBe(422);
    expect((await json(bad)).error.details[0].field).toBe("ean");
    expect(await offCalls("3017624010702")).toHaveLength(0);
  });
});

describe("meals by food and amount", () => {
  it("computes each item's macros from the food and adds them to today's totals", async () => {
    const eater = await signUp();
    await onboard(eater.accessToken);
    await call("/v1/foods?q=chicken breast", { token: eater.accessToken });
    const logged = await call("/v1/meals/logs", {
      token: eater.accessToken,
      body: {
        meal: "lunch",
        items: [
          { food_id: "fdc:171477", grams: 150 },
          { food_id: "builtin:banana", servings: 1 },
        ],
      },
    });
    expect(logged.status).toBe(201);
    const log = await json(logged);
    // Roasted chicken breast: 165 kcal, 31.02 g protein per 100 g; a medium banana 118 g.
    expect(log.foods[0]).toMatchObject({
      food_id: "fdc:171477",
      source: "fdc",
      grams: 150,
      calories: 247.5,
      protein_g: 46.5,
    });
    expect(log.foods[1]).toMatchObject({ food_id: "builtin:banana", servings: 1 });
    const banana = log.foods[1];
    expect(log.calories).toBeCloseTo(247.5 + banana.calories, 5);

    await call("/v1/meals/logs", {
      token: eater.accessToken,
      body: { meal: "snack", calories: 200, protein_g: 20 },
    });
    const today = await json(await call("/v1/nutrition/today", { token: eater.accessToken }));
    expect(today.logged.meals).toBe(2);
    expect(today.logged.calories).toBeCloseTo(log.calories + 200, 1);
    expect(today.logged.protein_g).toBeCloseTo(log.protein_g + 20, 1);
  });

  it("fetches an FDC food not seen yet from FoodData Central, then keeps it", async () => {
    const eater = await signUp();
    await onboard(eater.accessToken);
    const items = [{ food_id: "fdc:170379", grams: 100 }]; // Broccoli, raw: never searched here
    const first = await call("/v1/meals/logs", {
      token: eater.accessToken,
      body: { meal: "dinner", items },
    });
    expect(first.status).toBe(201);
    expect((await json(first)).foods[0]).toMatchObject({ name: "Broccoli, raw", calories: 34 });
    await call("/v1/meals/logs", { token: eater.accessToken, body: { meal: "dinner", items } });
    const all = await json<{ path: string }[]>(await fetch(`${inject("fdcUrl")}/_stub/requests`));
    expect(all.filter((r) => r.path === "/v1/food/170379")).toHaveLength(1);
  });

  it("names the item whose food is unknown, and logs nothing", async () => {
    const eater = await signUp();
    await onboard(eater.accessToken);
    const bad = await call("/v1/meals/logs", {
      token: eater.accessToken,
      body: {
        meal: "lunch",
        items: [
          { food_id: "builtin:banana", grams: 100 },
          { food_id: "builtin:no-such-food", grams: 100 },
        ],
      },
    });
    expect(bad.status).toBe(422);
    expect((await json(bad)).error.details[0].field).toBe("items[1].food_id");
    const both = await call("/v1/meals/logs", {
      token: eater.accessToken,
      body: { meal: "lunch", items: [{ food_id: "builtin:banana", grams: 100 }], calories: 90 },
    });
    expect(both.status).toBe(422);
    const today = await json(await call("/v1/nutrition/today", { token: eater.accessToken }));
    expect(today.logged.meals).toBe(0);
  });
});

// Last: the cooldowns they start last for the rest of this file's D1.
describe("provider rate limits", () => {
  it("answers an uncached barcode 429 with Retry-After while Open Food Facts is over its limit", async () => {
    const { accessToken } = await user();
    const off = inject("openFoodFactsUrl");
    await fetch(`${off}/_stub/exhaust`, { method: "POST", body: JSON.stringify({ seconds: 30 }) });
    try {
      const refused = await call("/v1/foods/barcode/5449000000996", { token: accessToken });
      expect(refused.status).toBe(429);
      expect((await json(refused)).error.code).toBe("provider_rate_limited");
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
      await call("/v1/foods/barcode/5449000000996", { token: accessToken });
      expect(await offCalls("5449000000996")).toHaveLength(1); // the cooldown held the second
      // A cached product still answers.
      const cached = await call("/v1/foods/barcode/3017624010701", { token: accessToken });
      expect(cached.status).toBe(200);
    } finally {
      await fetch(`${off}/_stub/reset`, { method: "POST" });
    }
  });

  it("stops calling FoodData Central after its 429 and tells the client when to retry", async () => {
    const { accessToken } = await user();
    await fetch(`${inject("fdcUrl")}/_stub/exhaust`, {
      method: "POST",
      body: JSON.stringify({ seconds: 30 }),
    });
    try {
      // Built-in broccoli still answers, with FDC marked as over its limit.
      const partial = await json(await call("/v1/foods?q=broccoli", { token: accessToken }));
      expect(partial.providers.fdc).toBe("rate_limited");
      expect(partial.providers.retry_after_seconds).toBeGreaterThan(0);
      expect(partial.items.map((f: { id: string }) => f.id)).toContain("builtin:broccoli");
      // Nothing local: 429 with Retry-After, and FDC is not asked during the cooldown.
      const refused = await call("/v1/foods?q=hummus", { token: accessToken });
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
      expect((await json(refused)).error.code).toBe("provider_rate_limited");
      // One call met the 429 (the stub records no query for it); hummus never reached FDC.
      const all = await json<{ status: number }[]>(
        await fetch(`${inject("fdcUrl")}/_stub/requests`),
      );
      expect(all.filter((r) => r.status === 429)).toHaveLength(1);
      expect(await fdcCalls("hummus")).toHaveLength(0);
    } finally {
      await fetch(`${inject("fdcUrl")}/_stub/reset`, { method: "POST" });
    }
  });
});
