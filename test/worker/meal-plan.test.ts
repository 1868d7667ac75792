import { beforeAll, describe, expect, it } from "vitest";
import { FOODS, matchesDislike } from "../../engine/coaching/foods";
import { call, json, type SignedUp, signUp } from "./helpers";
import { onboard } from "./onboarding-helpers";
import { agentToken } from "./voice-helpers";

// The stored meal plan over REST (GET, regenerate, swap) against a real actor: the same plan the
// diet coach's get_meal_plan reads, rebuilt when the allergies change, never holding a food the
// user is allergic to or dislikes.

interface PlanItem {
  food_id: string;
  name: string;
  grams: number;
}
interface Plan {
  date: string;
  variant: number;
  meals: { slot: number; name: string; items: PlanItem[] }[];
}

const byId = new Map(FOODS.map((food) => [`builtin:${food.id}`, food]));

/** Every planned food is allowed: no allergen of the user's, no disliked name. */
function expectAllowed(plan: Plan, allergies: string[], dislikes: string[]) {
  const items = plan.meals.flatMap((meal) => meal.items);
  expect(items.length).toBeGreaterThan(0);
  for (const item of items) {
    const food = byId.get(item.food_id);
    expect(food, item.food_id).toBeDefined();
    expect(food?.allergens.filter((a) => allergies.includes(a))).toEqual([]);
    expect(food !== undefined && dislikes.some((dislike) => matchesDislike(food, dislike))).toBe(
      false,
    );
  }
}

const plan = async (user: SignedUp, path = "/v1/nutrition/plan", method = "GET") =>
  call(path, { token: user.accessToken, method });

let user: SignedUp;
const ALLERGIES = ["peanuts", "nuts", "dairy"];
const DISLIKES = ["banana", "salmon"];

beforeAll(async () => {
  user = await signUp({ verified: true });
  await onboard(user.accessToken, {
    nutrition: { allergies: ALLERGIES, disliked_foods: DISLIKES, meals_per_day: 4 },
  });
});

describe("the meal plan", () => {
  it("is stored: the same plan on every read, and what the diet coach reads", async () => {
    const first = await plan(user);
    expect(first.status).toBe(200);
    const body: Plan = await json(first);
    expect(body.meals).toHaveLength(4);
    expect(body.variant).toBe(0);
    expectAllowed(body, ALLERGIES, DISLIKES);
    expect(await json(await plan(user))).toEqual(body);

    const agent = (await agentToken(user, "diet")).token;
    const tool = await json(
      await call("/internal/agent/tools/get_meal_plan", { token: agent, body: {} }),
    );
    expect(tool.result.meals.map((m: { items: string[] }) => m.items)).toEqual(
      body.meals.map((meal) => meal.items.map((item) => `${item.grams} g ${item.name}`)),
    );
  });

  it("swaps one meal for another with the same targets and keeps the rest", async () => {
    const before: Plan = await json(await plan(user));
    const swapped = await plan(user, "/v1/nutrition/plan/meals/2/swap", "POST");
    expect(swapped.status).toBe(200);
    const { plan: after, changed } = await json(swapped);
    expect(changed).toBe(true);
    expectAllowed(after, ALLERGIES, DISLIKES);
    const foods = (p: Plan, slot: number) => p.meals[slot - 1]?.items.map((i) => i.food_id);
    expect(foods(after, 2)).not.toEqual(foods(before, 2));
    for (const slot of [1, 3, 4]) expect(after.meals[slot - 1]).toEqual(before.meals[slot - 1]);
    expect(await json(await plan(user))).toEqual(after);
  });

  it("regenerates the day as its next variant", async () => {
    const regenerated = await plan(user, "/v1/nutrition/plan/regenerate", "POST");
    const body: Plan = await json(regenerated);
    expect(body.variant).toBe(1);
    expectAllowed(body, ALLERGIES, DISLIKES);
    expect(await json(await plan(user))).toEqual(body);
  });

  it("is rebuilt without a food the user turns out to be allergic to", async () => {
    const current: Plan = await json(await plan(user));
    const eggs = current.meals.some((meal) =>
      meal.items.some((item) => byId.get(item.food_id)?.allergens.includes("egg")),
    );
    const more = [...ALLERGIES, "egg", "fish", "soy", "gluten"];
    const patched = await call("/v1/profile", {
      method: "PATCH",
      token: user.accessToken,
      body: { allergies: more },
    });
    expect(patched.status).toBe(200);
    const rebuilt: Plan = await json(await plan(user));
    expectAllowed(rebuilt, more, DISLIKES);
    if (eggs) expect(rebuilt).not.toEqual(current);
    expect(rebuilt.variant).toBe(1); // the day's regeneration is kept
  });

  it("names a slot the plan does not have, and a date that is not one", async () => {
    const missing = await plan(user, "/v1/nutrition/plan/meals/6/swap", "POST");
    expect(missing.status).toBe(404);
    expect((await json(missing)).error.code).toBe("no_such_meal_slot");
    expect((await plan(user, "/v1/nutrition/plan/meals/9/swap", "POST")).status).toBe(422);
    expect((await plan(user, "/v1/nutrition/plan?date=tomorrow")).status).toBe(422);
    const today: Plan = await json(await plan(user));
    const next = new Date(Date.parse(today.date) + 86_400_000).toISOString().slice(0, 10);
    const tomorrow: Plan = await json(await plan(user, `/v1/nutrition/plan?date=${next}`));
    expect(tomorrow.date).toBe(next);
    // A plan is kept per date: only dates near today, so no one can fill the storage.
    const far = await plan(user, "/v1/nutrition/plan?date=2030-01-01");
    expect(far.status).toBe(422);
    expect((await json(far)).error.details[0].field).toBe("date");
  });

  it("needs a finished onboarding", async () => {
    const newcomer = await signUp();
    const none = await plan(newcomer);
    expect(none.status).toBe(404);
    expect((await json(none)).error.code).toBe("profile_not_found");
  });
});
