import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fromFdcFood } from "../../engine/foods/fdc";
import { type FdcStub, startFdcStub } from "./fdc-stub";

// The FoodData Central stand-in refuses what api.data.gov refuses and answers in FDC's shapes,
// which the normaliser (engine/foods/fdc.ts) reads.

let stub: FdcStub;
beforeEach(async () => {
  stub = await startFdcStub({ apiKey: "fdc-key", hourlyLimit: 3 });
});
afterEach(() => stub.close());

const get = (path: string, init?: RequestInit) => fetch(`${stub.url}${path}`, init);

describe("FoodData Central stand-in", () => {
  it("refuses a request without a key or with a wrong one, as api.data.gov does", async () => {
    const missing = await get("/v1/foods/search?query=banana");
    const wrong = await get("/v1/foods/search?query=banana&api_key=nope");

    expect(missing.status).toBe(403);
    expect(await missing.json()).toMatchObject({ error: { code: "API_KEY_MISSING" } });
    expect(wrong.status).toBe(403);
    expect(await wrong.json()).toMatchObject({ error: { code: "API_KEY_INVALID" } });
  });

  it("searches by any word, filters by data type, and answers hits the normaliser reads", async () => {
    const response = await get(
      "/v1/foods/search?query=chicken%20roasted&dataType=Foundation,SR%20Legacy&pageSize=5&api_key=fdc-key",
    );
    const body = (await response.json()) as { totalHits: number; foods: unknown[] };

    expect(response.status).toBe(200);
    expect(response.headers.get("x-ratelimit-limit")).toBe("3");
    expect(response.headers.get("x-ratelimit-remaining")).toBe("2");
    expect(body.totalHits).toBe(1);
    const food = fromFdcFood(body.foods[0]);
    expect(food).toMatchObject({
      ok: true,
      food: {
        id: "fdc:171477",
        per_100g: { kcal: 165, protein_g: 31.02, fat_g: 3.57, carbs_g: 0, sodium_mg: 74 },
        serving: { grams: 140, label: "1 cup, chopped or diced" },
      },
    });
    const branded = await (
      await get("/v1/foods/search?query=hummus&dataType=Branded", {
        headers: { "x-api-key": "fdc-key" },
      })
    ).json();
    expect(branded).toMatchObject({ totalHits: 0, foods: [] });
  });

  it("answers a food by id (the Foundation shape too) and 404 for an unknown one", async () => {
    const hummus = await get("/v1/food/321358?api_key=fdc-key");
    const unknown = await get("/v1/food/1?api_key=fdc-key");

    expect(fromFdcFood(await hummus.json())).toMatchObject({
      ok: true,
      food: { id: "fdc:321358", per_100g: { kcal: 243 }, serving: { grams: 100 } },
    });
    expect(unknown.status).toBe(404);
  });

  it("counts each key's requests per hour and answers 429 past the limit", async () => {
    for (let i = 0; i < 3; i++) await get("/v1/food/173944?api_key=fdc-key");
    const over = await get("/v1/food/173944?api_key=fdc-key");

    expect(over.status).toBe(429);
    expect(over.headers.get("x-ratelimit-remaining")).toBe("0");
    expect(over.headers.get("retry-after")).toBeNull();
    expect(await over.json()).toMatchObject({ error: { code: "OVER_RATE_LIMIT" } });
  });

  it("reports searches by a word of their query and can be held over the limit", async () => {
    await get("/v1/foods/search?query=banana%20token-xyz&api_key=fdc-key");
    await fetch(`${stub.url}/_stub/exhaust`, {
      method: "POST",
      body: JSON.stringify({ seconds: 60 }),
    });
    const held = await get("/v1/food/173944?api_key=fdc-key");
    const recorded = await (await get("/_stub/requests?query=token-xyz")).json();

    expect(held.status).toBe(429);
    expect(recorded).toEqual([
      {
        method: "GET",
        path: "/v1/foods/search",
        query: "banana token-xyz",
        keyed: true,
        status: 200,
      },
    ]);
  });
});
