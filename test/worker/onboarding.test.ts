import { env, evictDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { actorFor } from "../../worker/actor";
import { call, json, signUp } from "./helpers";
import { onboard, saveStep, VALID_STEPS } from "./onboarding-helpers";

async function fieldsOf(response: Response): Promise<string[]> {
  const body = await json(response);
  return body.error.details.map((detail: { field: string }) => detail.field);
}

describe("GET /v1/onboarding", () => {
  it("starts with every step pending at basics and 0%", async () => {
    const user = await signUp();
    const state = await json(await call("/v1/onboarding", { token: user.accessToken }));
    expect(state.current_step).toBe("basics");
    expect(state.progress_percent).toBe(0);
    expect(state.completed).toBe(false);
    expect(state.steps.map((s: { name: string }) => s.name)).toEqual([
      "basics",
      "goals",
      "experience",
      "schedule",
      "equipment",
      "nutrition",
      "lifestyle",
      "reminders",
    ]);
    expect(
      state.steps.every(
        (s: { status: string; data: unknown }) => s.status === "pending" && s.data === null,
      ),
    ).toBe(true);
  });
});

describe("PUT /v1/onboarding/steps/{step}", () => {
  it("saves a step, returns the new state and moves current_step on", async () => {
    const user = await signUp();
    const response = await saveStep(user.accessToken, "basics", VALID_STEPS.basics);
    expect(response.status).toBe(200);
    const state = await json(response);
    expect(state.steps[0]).toEqual({ name: "basics", status: "saved", data: VALID_STEPS.basics });
    expect(state.current_step).toBe("goals");
    expect(state.progress_percent).toBe(13);
  });

  it("accepts steps in any order and an edit of a saved step", async () => {
    const user = await signUp();
    await saveStep(user.accessToken, "lifestyle", VALID_STEPS.lifestyle);
    await saveStep(user.accessToken, "basics", VALID_STEPS.basics);
    await saveStep(user.accessToken, "lifestyle", { ...VALID_STEPS.lifestyle, energy_level: 2 });
    const state = await json(await call("/v1/onboarding", { token: user.accessToken }));
    const lifestyle = state.steps.find((s: { name: string }) => s.name === "lifestyle");
    expect(lifestyle.data.energy_level).toBe(2);
    expect(state.current_step).toBe("goals");
    expect(state.progress_percent).toBe(25);
  });

  it("converts imperial height and weight to metric", async () => {
    const user = await signUp();
    const {
      age: _age,
      height_cm: _h,
      weight_kg: _w,
      ...rest
    } = VALID_STEPS.basics as Record<string, unknown>;
    const response = await saveStep(user.accessToken, "basics", {
      ...rest,
      birth_year: new Date().getUTCFullYear() - 40,
      height_in: 70,
      weight_lb: 176,
      unit_preference: "imperial",
    });
    expect(response.status).toBe(200);
    const data = (await json(response)).steps[0].data;
    expect(data).toMatchObject({
      age: 40,
      height_cm: 177.8,
      weight_kg: 79.8,
      unit_preference: "imperial",
    });
  });

  it("answers an unknown step with 404", async () => {
    const user = await signUp();
    const response = await saveStep(user.accessToken, "hobbies", { likes: "chess" });
    expect(response.status).toBe(404);
    expect((await json(response)).error.code).toBe("step_not_found");
  });

  it.each([
    ["basics", { ...VALID_STEPS.basics, age: 12 }, ["age"]],
    ["basics", { ...VALID_STEPS.basics, timezone: "Mars/Olympus" }, ["timezone"]],
    [
      "basics",
      { sex: "male", unit_preference: "metric", timezone: "UTC" },
      ["age", "height_cm", "weight_kg"],
    ],
    ["basics", { ...VALID_STEPS.basics, sex: "other" }, ["sex"]],
    ["goals", { primary_goal: "get_huge" }, ["primary_goal"]],
    ["experience", { fitness_level: "beginner", injuries: ["toe"] }, ["injuries[0]"]],
    [
      "schedule",
      { ...VALID_STEPS.schedule, days_per_week: 7, session_minutes: 10 },
      ["days_per_week", "session_minutes"],
    ],
    [
      "schedule",
      { ...VALID_STEPS.schedule, preferred_weekdays: ["mon", "funday"] },
      ["preferred_weekdays[1]"],
    ],
    ["equipment", { location: "moon", equipment: ["laser"] }, ["location", "equipment[0]"]],
    ["nutrition", { ...VALID_STEPS.nutrition, meals_per_day: 9 }, ["meals_per_day"]],
    ["lifestyle", { ...VALID_STEPS.lifestyle, energy_level: 6 }, ["energy_level"]],
    [
      "reminders",
      { ...VALID_STEPS.reminders, quiet_hours: { start: "25:00", end: "07:00" } },
      ["quiet_hours.start"],
    ],
    ["goals", { ...VALID_STEPS.goals, favourite_colour: "blue" }, ["favourite_colour"]],
  ])("rejects a bad %s step with 422 naming the fields (%#)", async (step, body, fields) => {
    const user = await signUp();
    const response = await saveStep(user.accessToken, step, body);
    expect(response.status).toBe(422);
    expect(await fieldsOf(response)).toEqual(expect.arrayContaining(fields));
    // Nothing partial is stored.
    const state = await json(await call("/v1/onboarding", { token: user.accessToken }));
    expect(state.steps.every((s: { status: string }) => s.status === "pending")).toBe(true);
  });

  it("keeps both of two concurrent saves from two devices", async () => {
    const user = await signUp();
    const [a, b] = await Promise.all([
      saveStep(user.accessToken, "goals", VALID_STEPS.goals),
      saveStep(user.accessToken, "schedule", VALID_STEPS.schedule),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const state = await json(await call("/v1/onboarding", { token: user.accessToken }));
    const saved = state.steps
      .filter((s: { status: string }) => s.status === "saved")
      .map((s: { name: string }) => s.name);
    expect(saved.sort()).toEqual(["goals", "schedule"]);
  });

  it("resumes after the actor is evicted: saved steps are still there", async () => {
    const user = await signUp();
    await saveStep(user.accessToken, "basics", VALID_STEPS.basics);
    await saveStep(user.accessToken, "goals", VALID_STEPS.goals);
    await evictDurableObject(env.USER_ACTOR.getByName(user.userId));
    const state = await json(await call("/v1/onboarding", { token: user.accessToken }));
    expect(state.current_step).toBe("experience");
    expect(state.steps[1].data).toEqual(VALID_STEPS.goals);
  });
});

describe("POST /v1/onboarding/complete", () => {
  it("answers 409 listing the missing steps", async () => {
    const user = await signUp();
    await saveStep(user.accessToken, "basics", VALID_STEPS.basics);
    const response = await call("/v1/onboarding/complete", {
      method: "POST",
      token: user.accessToken,
    });
    expect(response.status).toBe(409);
    const { error } = await json(response);
    expect(error.code).toBe("onboarding_incomplete");
    expect(error.details.missing_steps).toEqual([
      "goals",
      "experience",
      "schedule",
      "equipment",
      "nutrition",
      "lifestyle",
      "reminders",
    ]);
  });

  it("writes the profile to D1, marks the user onboarded and computes nutrition targets", async () => {
    const user = await signUp();
    const profile = await onboard(user.accessToken);
    expect(profile).toMatchObject({
      age: 30,
      primary_goal: "muscle_gain",
      injuries: ["knee"],
      version: 1,
    });
    // Mifflin-St Jeor for 80 kg, 180 cm, 30 y, male: 800 + 1125 - 150 + 5 = 1780 kcal;
    // moderate activity x1.55 = 2759; muscle gain +10% (276 kcal, inside 250..350) = 3035;
    // protein 2.0 g/kg = 160 g.
    expect(profile.nutrition_targets).toMatchObject({
      bmr: 1780,
      tdee: 2759,
      calories: 3035,
      protein_g: 160,
    });
    expect(profile.nutrition_targets.meals).toHaveLength(4);
    const row = await env.DB.prepare(
      "SELECT primary_goal, timezone FROM profiles WHERE user_id = ?",
    )
      .bind(user.userId)
      .first();
    expect(row).toEqual({ primary_goal: "muscle_gain", timezone: "Europe/Berlin" });
    const me = await json(await call("/v1/me", { token: user.accessToken }));
    expect(me.onboarding_completed).toBe(true);
    expect(me.onboarding_completed_at).not.toBeNull();
    const state = await json(await call("/v1/onboarding", { token: user.accessToken }));
    expect(state).toMatchObject({ completed: true, progress_percent: 100, current_step: null });
  });

  it("computes targets for the whole allowed range (a 13-year-old, 100 cm, unspecified sex)", async () => {
    const user = await signUp();
    const profile = await onboard(user.accessToken, {
      basics: { age: 13, height_cm: 100, weight_kg: 30, sex: "unspecified" },
    });
    expect(profile.nutrition_targets.calories).toBeGreaterThanOrEqual(
      profile.nutrition_targets.calorie_floor,
    );
  });

  it("is idempotent: completing twice returns the same profile and writes nothing new", async () => {
    const user = await signUp();
    const first = await onboard(user.accessToken);
    const second = await json(
      await call("/v1/onboarding/complete", { method: "POST", token: user.accessToken }),
    );
    expect(second).toEqual(first);
    const me = await json(await call("/v1/me", { token: user.accessToken }));
    const again = await json(await call("/v1/me", { token: user.accessToken }));
    expect(again.onboarding_completed_at).toBe(me.onboarding_completed_at);
  });

  it("refuses step edits after completion with 409 (the profile is edited instead)", async () => {
    const user = await signUp();
    await onboard(user.accessToken);
    const response = await saveStep(user.accessToken, "goals", VALID_STEPS.goals);
    expect(response.status).toBe(409);
    expect((await json(response)).error.code).toBe("onboarding_completed");
  });
});

describe("onboarding ownership", () => {
  it("never shows one user's saved steps to another", async () => {
    const alice = await signUp();
    const bob = await signUp();
    await saveStep(alice.accessToken, "basics", VALID_STEPS.basics);
    const bobState = await json(await call("/v1/onboarding", { token: bob.accessToken }));
    expect(bobState.steps[0].status).toBe("pending");
    expect(await actorFor(env, bob.userId).onboarding.get()).toMatchObject({
      progress_percent: 0,
    });
  });
});
