import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BUILTIN_FOODS } from "../../../engine/foods/builtin";
import { fromFdcFood } from "../../../engine/foods/fdc";
import type { FoodRecord } from "../../../engine/foods/food";
import { draftFromReport, MIN_MATCH, plateReportSchema } from "../../../engine/foods/plate-photo";
import { nutrientsFor, sumNutrients } from "../../../engine/foods/portion";
import { matchesQuery, nameSimilarity, rankFoods, words } from "../../../engine/foods/text-match";
import fdcFixture from "../../support/fixtures/fdc-foods.json";
import { RUNS } from "../support";

// Names to foods: a typed search over the built-in foods and the cache, and what a vision
// model saw on a plate matched to the foods it could be.

const names = (foods: readonly FoodRecord[]) => foods.map((food) => food.name);
const fdcFoods = fdcFixture.foods.flatMap((raw) => {
  const read = fromFdcFood(raw);
  return read.ok ? [read.food] : [];
});

describe("local food search", () => {
  it("finds foods by the start of each word, the plainest name first", () => {
    expect(names(rankFoods("chick bre", BUILTIN_FOODS))).toEqual(["Chicken breast"]);
    expect(names(rankFoods("rice", BUILTIN_FOODS))).toEqual(["Brown rice", "White rice"]);
    expect(names(rankFoods("chicken", [...BUILTIN_FOODS, ...fdcFoods]))[0]).toBe("Chicken breast");
    expect(rankFoods("grilled", BUILTIN_FOODS)).toEqual([]);
    expect(rankFoods("  ", BUILTIN_FOODS)).toEqual([]);
  });

  it("reads plurals and accents as their plain word", () => {
    expect(words("Potatoes, crème fraîche & berries")).toEqual([
      "potato",
      "creme",
      "fraiche",
      "berry",
    ]);
    expect(names(rankFoods("almond", BUILTIN_FOODS))).toEqual(["Almonds"]);
  });

  it("only ranks foods that match, and scores names symmetrically between 0 and 1", () => {
    const wordArb = fc.constantFrom("chicken", "rice", "white", "bean", "oil", "raw", "x");
    fc.assert(
      fc.property(
        fc.array(wordArb, { maxLength: 4 }),
        fc.array(wordArb, { maxLength: 4 }),
        (a, b) => {
          const left = a.join(" ");
          const right = b.join(" ");
          const score = nameSimilarity(left, right);
          expect(score).toBeGreaterThanOrEqual(0);
          expect(score).toBeLessThanOrEqual(1 + 1e-12);
          expect(score).toBeCloseTo(nameSimilarity(right, left), 12);
          if (a.length && a.every((w) => w !== "x"))
            expect(nameSimilarity(left, [...a].reverse().join(" "))).toBeCloseTo(1);
          for (const food of rankFoods(left, BUILTIN_FOODS))
            expect(matchesQuery(left, food)).toBe(true);
        },
      ),
      { numRuns: RUNS },
    );
  });
});

describe("a plate photo's draft", () => {
  const candidates = [...BUILTIN_FOODS, ...fdcFoods];
  const all = () => candidates;

  it("matches each food the model saw, keeps what it could not, and totals the matches", () => {
    const draft = draftFromReport(
      {
        items: [
          { name: "grilled chicken breast", grams: 148, confidence: 0.9 },
          { name: "white rice, cooked", grams: 182, confidence: 0.8 },
          { name: "steamed broccoli florets", grams: 76, confidence: 0.7 },
          { name: "mystery sauce", grams: 20, confidence: 0.4 },
        ],
      },
      all,
    );

    expect(draft.items.map((item) => [item.seen_as, item.food.name, item.grams])).toEqual([
      ["grilled chicken breast", "Chicken breast", 150],
      ["white rice, cooked", "White rice", 180],
      ["steamed broccoli florets", "Broccoli", 75],
    ]);
    expect(draft.unmatched).toEqual([{ seen_as: "mystery sauce", grams: 20, confidence: 0.4 }]);
    const chicken = draft.items[0];
    // "grilled" counts a quarter: 2 x 2 / (2.25 + 2) = 0.94, times the model's 0.9.
    expect(chicken?.confidence).toBe(Math.round(0.9 * (4 / 4.25) * 100) / 100);
    expect(chicken?.nutrients).toEqual(nutrientsFor(chicken!.food, 150));
    expect(draft.totals).toEqual(sumNutrients(draft.items.map((item) => item.nutrients)));
  });

  it("never matches below the similarity threshold, and never is surer than the model", () => {
    const itemArb = fc.record({
      name: fc.constantFrom("rice", "chicken", "banana split", "salad", "tofu scramble", "eggs"),
      grams: fc.double({ min: 1, max: 2000, noNaN: true }),
      confidence: fc.double({ min: 0, max: 1, noNaN: true }),
    });
    fc.assert(
      fc.property(fc.array(itemArb, { maxLength: 8 }), (items) => {
        const draft = draftFromReport({ items }, all);
        expect(draft.items.length + draft.unmatched.length).toBe(items.length);
        // Matched items keep the report's order; pair each with the report item it came from.
        const matched = items.filter((item) =>
          candidates.some((food) => nameSimilarity(item.name, food.name) >= MIN_MATCH),
        );
        expect(draft.items.map((item) => item.seen_as)).toEqual(matched.map((i) => i.name));
        draft.items.forEach((item, i) => {
          expect(nameSimilarity(item.seen_as, item.food.name)).toBeGreaterThanOrEqual(MIN_MATCH);
          expect(item.confidence).toBeLessThanOrEqual((matched[i]?.confidence ?? 0) + 0.005);
          expect(item.grams % 5).toBe(0);
        });
      }),
      { numRuns: RUNS },
    );
  });

  it("accepts the model's report only in its schema", () => {
    expect(plateReportSchema.safeParse({ items: [] }).success).toBe(true);
    expect(
      plateReportSchema.safeParse({ items: [{ name: "rice", grams: 5000, confidence: 0.5 }] })
        .success,
    ).toBe(false);
    expect(
      plateReportSchema.safeParse({ items: [{ name: "rice", grams: 50, confidence: 2 }] }).success,
    ).toBe(false);
  });
});
