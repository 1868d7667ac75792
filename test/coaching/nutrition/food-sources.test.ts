import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FOODS } from "../../../engine/coaching/foods";
import { BUILTIN_FOODS, builtinFood } from "../../../engine/foods/builtin";
import { fromFdcFood } from "../../../engine/foods/fdc";
import { foodRecordSchema, parseFoodId } from "../../../engine/foods/food";
import { fromOpenFoodFactsProduct } from "../../../engine/foods/open-food-facts";
import fdcFixture from "../../support/fixtures/fdc-foods.json";
import offFixture from "../../support/fixtures/off-products.json";
import { RUNS } from "../support";

// Every source becomes the one food shape: the recorded provider answers give the values they
// state, the odd ones (energy only in kJ or by Atwater factors, values only per serving or as
// strings, no English name in product_name) are read the documented way, and nothing a
// provider could send makes a normaliser throw or produce a food outside the shape.

const fdcFood = (fdcId: number) => {
  const food = fdcFixture.foods.find((f) => f.fdcId === fdcId);
  if (!food) throw new Error(`no fixture ${fdcId}`);
  return food;
};
const product = (code: string) =>
  (offFixture.products as Record<string, unknown>)[code] as Record<string, unknown>;

describe("built-in foods", () => {
  it("are every planner food, per 100 g as the planner counts them, with a serving", () => {
    expect(BUILTIN_FOODS).toHaveLength(FOODS.length);
    for (const food of BUILTIN_FOODS) expect(foodRecordSchema.parse(food)).toEqual(food);
    expect(builtinFood("builtin:banana")).toEqual({
      id: "builtin:banana",
      source: "builtin",
      name: "Banana",
      serving: { grams: 118, label: "1 medium banana" },
      per_100g: { kcal: 89, protein_g: 1.1, carbs_g: 23, fat_g: 0.3 },
    });
    expect(builtinFood("builtin:cod")?.serving).toEqual({ grams: 100, label: "100 g" });
  });

  it("have ids that name their source", () => {
    expect(parseFoodId("builtin:oats")).toEqual({ source: "builtin", sourceId: "oats" });
    expect(parseFoodId("fdc:171477")).toEqual({ source: "fdc", sourceId: "171477" });
    expect(parseFoodId("usda:1")).toBeNull();
    expect(parseFoodId("off:")).toBeNull();
    expect(parseFoodId("fdc:1; drop table")).toBeNull();
  });
});

describe("FoodData Central", () => {
  it("reads an SR Legacy food: energy 1008, sodium in mg, the first household portion", () => {
    expect(fromFdcFood(fdcFood(171477))).toEqual({
      ok: true,
      food: {
        id: "fdc:171477",
        source: "fdc",
        name: "Chicken, broilers or fryers, breast, meat only, cooked, roasted",
        serving: { grams: 140, label: "1 cup, chopped or diced" },
        per_100g: {
          kcal: 165,
          protein_g: 31.02,
          carbs_g: 0,
          fat_g: 3.57,
          fiber_g: 0,
          sugar_g: 0,
          sodium_mg: 74,
        },
      },
    });
  });

  it("reads a Foundation food's energy from the Atwater general factors when 1008 is absent", () => {
    const hummus = fromFdcFood(fdcFood(321358));
    expect(hummus).toMatchObject({
      ok: true,
      food: {
        per_100g: { kcal: 243, protein_g: 7.35, fat_g: 17.1, carbs_g: 14.9 },
        serving: { grams: 100, label: "100 g" },
      },
    });
    expect(hummus.ok && "fiber_g" in hummus.food.per_100g).toBe(false);
  });

  it("reads a Branded search hit: the label serving, the brand, energy from kJ", () => {
    const hit = {
      fdcId: 2_000_001,
      description: "GREEK YOGURT, PLAIN",
      dataType: "Branded",
      brandOwner: "Example Dairy Co.",
      servingSize: 170,
      servingSizeUnit: "g",
      householdServingFullText: "1 container",
      foodNutrients: [
        { nutrientId: 1062, nutrientNumber: "268", unitName: "kJ", value: 247 },
        { nutrientId: 1003, nutrientNumber: "203", unitName: "G", value: 10.3 },
        { nutrientId: 1004, nutrientNumber: "204", unitName: "G", value: 0 },
        { nutrientId: 1005, nutrientNumber: "205", unitName: "G", value: 3.53 },
        { nutrientId: 1093, nutrientNumber: "307", unitName: "MG", value: 35 },
      ],
    };
    expect(fromFdcFood(hit)).toMatchObject({
      ok: true,
      food: {
        id: "fdc:2000001",
        brand: "Example Dairy Co.",
        serving: { grams: 170, label: "1 container" },
        per_100g: { kcal: 59, protein_g: 10.3, sodium_mg: 35 },
      },
    });
  });

  it("derives energy by Atwater factors when none is given, and refuses what cannot be", () => {
    const bare = {
      fdcId: 5,
      description: "Test food",
      foodNutrients: [
        { nutrientId: 1003, unitName: "G", value: 10 },
        { nutrientId: 1004, unitName: "G", value: 10 },
        { nutrientId: 1005, unitName: "G", value: 10 },
      ],
    };
    expect(fromFdcFood(bare)).toMatchObject({ ok: true, food: { per_100g: { kcal: 170 } } });
    expect(fromFdcFood({ ...bare, foodNutrients: bare.foodNutrients.slice(1) })).toEqual({
      ok: false,
      reason: "no_nutrients",
    });
    const overweight = bare.foodNutrients.map((n) => ({ ...n, value: 40 }));
    expect(fromFdcFood({ ...bare, foodNutrients: overweight })).toEqual({
      ok: false,
      reason: "implausible_nutrients",
    });
    expect(fromFdcFood({ ...bare, description: " " })).toEqual({ ok: false, reason: "no_name" });
  });

  it("reads the same food from a search hit and from the food's own answer", () => {
    const nutrients = fc.record({
      protein: fc.double({ min: 0, max: 40, noNaN: true }),
      fat: fc.double({ min: 0, max: 40, noNaN: true }),
      carbs: fc.double({ min: 0, max: 20, noNaN: true }),
      kcal: fc.double({ min: 0, max: 900, noNaN: true }),
      sodium: fc.double({ min: 0, max: 5000, noNaN: true }),
    });
    fc.assert(
      fc.property(nutrients, fc.integer({ min: 1, max: 9_999_999 }), (n, fdcId) => {
        const values: [number, string, string, number][] = [
          [1008, "208", "kcal", n.kcal],
          [1003, "203", "g", n.protein],
          [1004, "204", "g", n.fat],
          [1005, "205", "g", n.carbs],
          [1093, "307", "mg", n.sodium],
        ];
        const hit = fromFdcFood({
          fdcId,
          description: "Food",
          foodNutrients: values.map(([id, number, unit, value]) => ({
            nutrientId: id,
            nutrientNumber: number,
            unitName: unit.toUpperCase(),
            value,
          })),
        });
        const full = fromFdcFood({
          fdcId,
          description: "Food",
          foodNutrients: values.map(([id, number, unit, value]) => ({
            type: "FoodNutrient",
            nutrient: { id, number, name: "x", unitName: unit },
            amount: value,
          })),
        });
        expect(hit).toEqual(full);
        expect(hit.ok).toBe(true);
        if (hit.ok) {
          expect(hit.food.per_100g.protein_g).toBeCloseTo(n.protein, 2);
          expect(hit.food.per_100g.sodium_mg).toBeCloseTo(n.sodium, 1);
        }
      }),
      { numRuns: RUNS },
    );
  });
});

describe("Open Food Facts", () => {
  it("reads a product with values per 100 g: kcal, sodium from grams, the first brand", () => {
    expect(fromOpenFoodFactsProduct(product("3017624010701"))).toEqual({
      ok: true,
      food: {
        id: "off:3017624010701",
        source: "off",
        name: "Nutella",
        brand: "Ferrero",
        barcode: "3017624010701",
        serving: { grams: 15, label: "15 g" },
        per_100g: {
          kcal: 539,
          protein_g: 6.3,
          carbs_g: 57.5,
          fat_g: 30.9,
          sugar_g: 56.3,
          sodium_mg: 42.8,
        },
      },
    });
  });

  it("reads a drink's serving in millilitres as grams", () => {
    expect(fromOpenFoodFactsProduct(product("5449000000996"))).toMatchObject({
      ok: true,
      food: { serving: { grams: 330, label: "330 ml" }, per_100g: { kcal: 42, carbs_g: 10.6 } },
    });
  });

  it("scales values given only per serving, takes energy from kJ and sodium from salt", () => {
    const bar = fromOpenFoodFactsProduct(product("2000000000015"));
    expect(bar).toMatchObject({
      ok: true,
      food: {
        name: "Protein bar, peanut (synthetic test product)",
        serving: { grams: 60, label: "1 bar (60 g)" },
        per_100g: {
          kcal: 334.6, // 840 kJ / 60 g x 100 / 4.184
          protein_g: 33.33,
          carbs_g: 30,
          fat_g: 11.67,
          fiber_g: 6.67,
          sodium_mg: 200, // 0.3 g salt / 60 g x 100 / 2.5 x 1000
        },
      },
    });
  });

  it("refuses a product without nutrition facts or a name", () => {
    expect(fromOpenFoodFactsProduct(product("2000000000022"))).toEqual({
      ok: false,
      reason: "no_nutrients",
    });
    expect(fromOpenFoodFactsProduct({ ...product("3017624010701"), product_name: "" })).toEqual({
      ok: false,
      reason: "no_name",
    });
  });

  it("reads numbers written as strings the same as numbers", () => {
    const nutrient = fc.double({ min: 0, max: 30, noNaN: true });
    fc.assert(
      fc.property(fc.tuple(nutrient, nutrient, nutrient), fc.boolean(), ([p, c, f], asText) => {
        const value = (n: number) => (asText ? String(n) : n);
        const read = fromOpenFoodFactsProduct({
          code: "3017624010701",
          product_name: "Test",
          nutriments: {
            proteins_100g: value(p),
            carbohydrates_100g: value(c),
            fat_100g: value(f),
          },
        });
        expect(read.ok && read.food.per_100g).toEqual({
          kcal: Math.round((4 * p + 4 * c + 9 * f) * 10) / 10,
          protein_g: Math.round(p * 100) / 100,
          carbs_g: Math.round(c * 100) / 100,
          fat_g: Math.round(f * 100) / 100,
        });
      }),
      { numRuns: RUNS },
    );
  });
});

describe("any provider answer", () => {
  it("normalises to a valid food or a reason, and never throws", () => {
    fc.assert(
      fc.property(fc.anything({ maxDepth: 4 }), (raw) => {
        for (const result of [fromFdcFood(raw), fromOpenFoodFactsProduct(raw)]) {
          if (result.ok) expect(foodRecordSchema.parse(result.food)).toEqual(result.food);
          else expect(typeof result.reason).toBe("string");
        }
      }),
      { numRuns: RUNS * 5 },
    );
  });
});
