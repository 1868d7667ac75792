import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fromOpenFoodFactsProduct } from "../../engine/foods/open-food-facts";
import { type OpenFoodFactsStub, startOpenFoodFactsStub } from "./open-food-facts-stub";

// The Open Food Facts stand-in asks what OFF asks of a client and answers in its shapes.

let stub: OpenFoodFactsStub;
beforeEach(async () => {
  stub = await startOpenFoodFactsStub({ readsPerMinute: 2 });
});
afterEach(() => stub.close());

const AGENT = "FitnessCoach/0.1.0 (api@fitness-coach.test)";
const read = (path: string, agent: string | null = AGENT) =>
  fetch(`${stub.url}${path}`, { headers: agent ? { "user-agent": agent } : {} });

describe("Open Food Facts stand-in", () => {
  it("refuses a client without a descriptive User-Agent", async () => {
    const library = await read("/api/v2/product/3017624010701", "node");
    const anonymous = await read("/api/v2/product/3017624010701", "Mozilla/5.0");

    expect(library.status).toBe(403);
    expect(anonymous.status).toBe(403);
  });

  it("answers a product by barcode that the normaliser reads, and 404 for an unknown one", async () => {
    const found = await read("/api/v2/product/3017624010701.json");
    const missing = await read("/api/v2/product/4006381333931");
    const body = (await found.json()) as { status: number; product: unknown };

    expect(body.status).toBe(1);
    expect(fromOpenFoodFactsProduct(body.product)).toMatchObject({
      ok: true,
      food: { id: "off:3017624010701", name: "Nutella", brand: "Ferrero", serving: { grams: 15 } },
    });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({
      code: "4006381333931",
      status: 0,
      status_verbose: "product not found",
    });
  });

  it("keeps only the asked fields and answers 429 past the reads a minute", async () => {
    const trimmed = await (
      await read("/api/v2/product/5449000000996?fields=product_name,brands")
    ).json();
    await read("/api/v2/product/5449000000996");
    const over = await read("/api/v2/product/5449000000996");

    expect(trimmed).toMatchObject({ product: { product_name: "Coca-Cola", brands: "Coca-Cola" } });
    expect(Object.keys((trimmed as { product: object }).product)).toHaveLength(2);
    expect(over.status).toBe(429);
  });
});
