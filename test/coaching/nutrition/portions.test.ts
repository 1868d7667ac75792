import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalBarcode, checkDigitValid } from "../../../engine/foods/barcode";
import { BUILTIN_FOODS, builtinFood } from "../../../engine/foods/builtin";
import type { FoodRecord } from "../../../engine/foods/food";
import { loggedItem, mealFromItems } from "../../../engine/foods/meal-items";
import { gramsOf, nutrientsFor, sumNutrients } from "../../../engine/foods/portion";
import { RUNS } from "../support";

// The arithmetic of a logged amount: per-100 g values scale linearly to any weight, a serving
// is the food's serving weight, totals add up the items as shown.

const food = (id: string): FoodRecord => {
  const found = builtinFood(id);
  if (!found) throw new Error(id);
  return found;
};
const foodArb = fc.constantFrom(...BUILTIN_FOODS);
const gramsArb = fc.double({ min: 1, max: 2000, noNaN: true }).map((g) => Math.round(g * 10) / 10);

describe("amounts and nutrients", () => {
  it("computes 150 g of chicken breast and 2 bananas from their per-100 g values", () => {
    // 165 kcal, 31 g protein, 3.6 g fat, 0 g carbs per 100 g, x 1.5.
    expect(nutrientsFor(food("builtin:chicken-breast"), 150)).toEqual({
      calories: 247.5,
      protein_g: 46.5,
      carbs_g: 0,
      fat_g: 5.4,
    });
    const banana = food("builtin:banana");
    // 2 servings of 118 g = 236 g; 89 kcal x 2.36 = 210.04.
    expect(gramsOf(banana, { servings: 2 })).toBe(236);
    expect(nutrientsFor(banana, 236).calories).toBe(210);
  });

  it("scales linearly: the nutrients of a + b grams are those of a plus those of b", () => {
    fc.assert(
      fc.property(foodArb, gramsArb, gramsArb, (f, a, b) => {
        const whole = nutrientsFor(f, a + b);
        const parts = sumNutrients([nutrientsFor(f, a), nutrientsFor(f, b)]);
        // Each part is rounded to 0.1, so the sum may be off by two half-steps.
        for (const key of ["calories", "protein_g", "carbs_g", "fat_g"] as const)
          expect(Math.abs(whole[key] - parts[key])).toBeLessThanOrEqual(0.1 + 1e-9);
      }),
      { numRuns: RUNS },
    );
  });

  it("logs n servings as n times the serving's grams (to 0.1 g), with the same nutrients", () => {
    fc.assert(
      fc.property(foodArb, fc.integer({ min: 1, max: 40 }), (f, quarters) => {
        const servings = quarters / 4;
        const byServings = loggedItem(f, { servings });
        expect(Math.abs(byServings.grams - servings * f.serving.grams)).toBeLessThanOrEqual(
          0.05 + 1e-9,
        );
        const { servings: _, serving_label: __, ...asGrams } = byServings;
        expect(loggedItem(f, { grams: byServings.grams })).toEqual(asGrams);
        expect(byServings.serving_label).toBe(f.serving.label);
      }),
      { numRuns: RUNS },
    );
  });

  it("totals an optional nutrient only when every item states it", () => {
    const withFibre = { calories: 100, protein_g: 1, carbs_g: 20, fat_g: 1, fiber_g: 3 };
    const without = { calories: 50, protein_g: 5, carbs_g: 0, fat_g: 2 };
    expect(sumNutrients([withFibre, withFibre]).fiber_g).toBe(6);
    expect(sumNutrients([withFibre, without])).toEqual({
      calories: 150,
      protein_g: 6,
      carbs_g: 20,
      fat_g: 3,
    });
    expect(sumNutrients([])).toEqual({ calories: 0, protein_g: 0, carbs_g: 0, fat_g: 0 });
  });
});

describe("a meal logged by food and amount", () => {
  const foods = new Map(BUILTIN_FOODS.map((f) => [f.id, f]));

  it("keeps each item's food, amount and nutrients, and totals them", () => {
    const meal = mealFromItems(
      [
        { food_id: "builtin:chicken-breast", grams: 150 },
        { food_id: "builtin:white-rice", servings: 1 },
      ],
      foods,
    );
    expect(meal).toEqual({
      ok: true,
      items: [
        {
          food_id: "builtin:chicken-breast",
          source: "builtin",
          name: "Chicken breast",
          grams: 150,
          calories: 247.5,
          protein_g: 46.5,
          carbs_g: 0,
          fat_g: 5.4,
        },
        {
          food_id: "builtin:white-rice",
          source: "builtin",
          name: "White rice",
          grams: 160,
          servings: 1,
          serving_label: "1 cup cooked",
          calories: 208,
          protein_g: 4.3,
          carbs_g: 44.8,
          fat_g: 0.5,
        },
      ],
      totals: { calories: 455.5, protein_g: 50.8, carbs_g: 44.8, fat_g: 5.9 },
    });
  });

  it("names every unknown food by its index", () => {
    expect(
      mealFromItems(
        [
          { food_id: "fdc:1", grams: 10 },
          { food_id: "builtin:oats", grams: 40 },
          { food_id: "off:2", servings: 1 },
        ],
        foods,
      ),
    ).toEqual({
      ok: false,
      unknown: [
        { index: 0, food_id: "fdc:1" },
        { index: 2, food_id: "off:2" },
      ],
    });
  });

  it("totals exactly the sum of its items", () => {
    const itemArb = fc.record({ food: foodArb, grams: gramsArb });
    fc.assert(
      fc.property(fc.array(itemArb, { minLength: 1, maxLength: 12 }), (picked) => {
        const meal = mealFromItems(
          picked.map((p) => ({ food_id: p.food.id, grams: p.grams })),
          foods,
        );
        if (!meal.ok) throw new Error("unknown food");
        const sum = (key: "calories" | "protein_g") =>
          Math.round(meal.items.reduce((total, item) => total + item[key], 0) * 10) / 10;
        expect(meal.totals.calories).toBe(sum("calories"));
        expect(meal.totals.protein_g).toBe(sum("protein_g"));
      }),
      { numRuns: RUNS },
    );
  });
});

describe("barcodes", () => {
  it("accepts EAN-13, EAN-8, UPC-A and GTIN-14 with a valid check digit, one code each", () => {
    expect(canonicalBarcode("3017624010701")).toEqual({ ok: true, code: "3017624010701" });
    expect(canonicalBarcode("96385074")).toEqual({ ok: true, code: "96385074" });
    expect(canonicalBarcode("036000291452")).toEqual({ ok: true, code: "0036000291452" });
    expect(canonicalBarcode("00036000291452")).toEqual({ ok: true, code: "0036000291452" });
    expect(canonicalBarcode("3017624010702")).toEqual({ ok: false, reason: "check_digit" });
    expect(canonicalBarcode("30176240107")).toEqual({ ok: false, reason: "length" });
    expect(canonicalBarcode("3017624O10701")).toEqual({ ok: false, reason: "not_digits" });
  });

  it("catches every single mistyped digit", () => {
    const digits = fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 12, maxLength: 12 });
    fc.assert(
      fc.property(digits, fc.nat(12), fc.integer({ min: 1, max: 9 }), (body, at, shift) => {
        const check = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].find((d) =>
          checkDigitValid(`${body.join("")}${d}`),
        );
        const code = `${body.join("")}${check}`;
        const typo = code
          .split("")
          .map((d, i) => (i === at ? String((Number(d) + shift) % 10) : d))
          .join("");
        expect(checkDigitValid(code)).toBe(true);
        expect(checkDigitValid(typo)).toBe(false);
      }),
      { numRuns: RUNS },
    );
  });
});
