import { describe, expect, it } from "vitest";
import { allowedFoods, FOODS, fitsDiet, matchesDislike } from "../../engine/coaching/foods";
import { ALLERGENS, DIET_TYPES } from "../../engine/coaching/vocabulary";

describe("built-in food list", () => {
  it("holds 40 to 60 foods with unique ids and valid tags", () => {
    expect(FOODS.length).toBeGreaterThanOrEqual(40);
    expect(FOODS.length).toBeLessThanOrEqual(60);
    expect(new Set(FOODS.map((f) => f.id)).size).toBe(FOODS.length);
    for (const food of FOODS) {
      for (const allergen of food.allergens) expect(ALLERGENS).toContain(allergen);
      expect(food.max_portion_g).toBeGreaterThan(0);
    }
  });

  it("has energy values consistent with the macros (Atwater 4/9/4, fibre allowed for)", () => {
    for (const food of FOODS) {
      const atwater = 4 * food.protein_g + 9 * food.fat_g + 4 * food.carbs_g;
      expect(Math.abs(atwater - food.kcal) / food.kcal, food.id).toBeLessThan(0.3);
    }
  });

  it("derives diets from the food group: vegan foods carry no animal allergens", () => {
    for (const food of FOODS.filter((f) => fitsDiet(f, "vegan"))) {
      for (const animal of ["dairy", "egg", "fish", "shellfish"] as const) {
        expect(food.allergens, food.id).not.toContain(animal);
      }
    }
    const byId = new Map(FOODS.map((f) => [f.id, f]));
    expect(fitsDiet(byId.get("salmon")!, "pescatarian")).toBe(true);
    expect(fitsDiet(byId.get("salmon")!, "vegetarian")).toBe(false);
    expect(fitsDiet(byId.get("greek-yogurt")!, "vegetarian")).toBe(true);
    expect(fitsDiet(byId.get("oats")!, "keto")).toBe(false);
    expect(fitsDiet(byId.get("oats")!, "paleo")).toBe(false);
  });

  it("lists the diets each food fits, consistent with fitsDiet", () => {
    for (const food of FOODS) {
      expect(food.diets, food.id).toEqual(DIET_TYPES.filter((diet) => fitsDiet(food, diet)));
      expect(food.diets).toContain("omnivore");
    }
  });

  it("offers protein, carb, fat and produce foods for every diet type", () => {
    for (const diet of DIET_TYPES) {
      const foods = allowedFoods(FOODS, diet, [], []);
      for (const role of ["protein", "fat", "produce"] as const) {
        expect(
          foods.filter((f) => f.role === role).length,
          `${diet} ${role}`,
        ).toBeGreaterThanOrEqual(3);
      }
      if (diet !== "keto")
        expect(foods.filter((f) => f.role === "carb").length, diet).toBeGreaterThanOrEqual(3);
    }
  });

  it("matches dislikes by id, by a word of the name or by food group", () => {
    const byId = new Map(FOODS.map((f) => [f.id, f]));
    expect(matchesDislike(byId.get("black-beans")!, "beans")).toBe(true);
    expect(matchesDislike(byId.get("cod")!, "Fish")).toBe(true);
    expect(matchesDislike(byId.get("tofu")!, "tofu")).toBe(true);
    expect(matchesDislike(byId.get("tofu")!, " ")).toBe(false);
  });
});
