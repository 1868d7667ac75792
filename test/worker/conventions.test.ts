import { describe, expect, it } from "vitest";
import appDocument from "../../openapi/app.json";
import { call, json, signUp } from "./helpers";
import { onboard } from "./onboarding-helpers";

// The conventions every route keeps (docs/api.md, "API conventions"): lists are pages, unknown
// query parameters are refused, weights are accepted in kg or lb and answered in the user's
// preferred unit beside kg.

const LIST_ROUTES = [
  "/v1/exercises",
  "/v1/programs",
  "/v1/workouts/sessions",
  "/v1/body/weight",
  "/v1/meals/logs",
  "/v1/notifications",
  "/v1/devices",
  "/v1/voice/sessions",
  "/v1/chat/conversations",
];

describe("lists", () => {
  it("documents limit and cursor on every list route and answers {items, next_cursor}", async () => {
    const user = await signUp();
    await onboard(user.accessToken);
    const paths = appDocument.paths as Record<
      string,
      { get?: { parameters?: { name: string }[] } }
    >;
    for (const route of LIST_ROUTES) {
      const names = paths[route]?.get?.parameters?.map((p) => p.name) ?? [];
      expect(names, route).toEqual(expect.arrayContaining(["limit", "cursor"]));
      const page = await json(await call(`${route}?limit=100`, { token: user.accessToken }));
      expect(Object.keys(page), route).toEqual(expect.arrayContaining(["items", "next_cursor"]));
      expect(Array.isArray(page.items), route).toBe(true);
      const over = await call(`${route}?limit=101`, { token: user.accessToken });
      expect(over.status, route).toBe(422);
      expect((await json(over)).error.details).toEqual([
        expect.objectContaining({ field: "limit" }),
      ]);
      const bad = await call(`${route}?cursor=not-ours`, { token: user.accessToken });
      if (route !== "/v1/exercises") expect(bad.status, route).toBe(422);
    }
  });

  it("pages through a list with cursors, each item once, in order", async () => {
    const user = await signUp();
    await onboard(user.accessToken);
    for (let i = 0; i < 5; i++) {
      const response = await call("/v1/body/weight", {
        token: user.accessToken,
        body: { weight_kg: 80 + i, measured_at: `2026-11-0${i + 1}T07:00:00Z`, client_id: `w${i}` },
      });
      expect(response.status).toBe(201);
    }
    const seen: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = `?from=2026-11-01&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
      const page = await json(await call(`/v1/body/weight${query}`, { token: user.accessToken }));
      seen.push(...page.items.map((item: { weight_kg: number }) => item.weight_kg));
      cursor = page.next_cursor;
      pages += 1;
    } while (cursor);
    expect(seen).toEqual([80, 81, 82, 83, 84]);
    expect(pages).toBe(3);
  });
});

describe("query parameters", () => {
  it("refuses an unknown query parameter with 422 naming it, on routes with and without a query", async () => {
    const user = await signUp();
    for (const route of ["/v1/me", "/v1/exercises", "/v1/progress", "/health"]) {
      const response = await call(`${route}?colour=blue`, { token: user.accessToken });
      expect(response.status, route).toBe(422);
      expect((await json(response)).error.details, route).toEqual([
        { field: "colour", code: "unknown_field", message: "unknown field" },
      ]);
    }
  });
});

describe("units", () => {
  it("takes a set's weight in kg or lb and answers an imperial user in lb beside kg", async () => {
    const user = await signUp();
    await onboard(user.accessToken, { basics: { unit_preference: "imperial" } });
    const session = await json(
      await call("/v1/workouts/sessions", { token: user.accessToken, body: {} }),
    );
    const sets = `/v1/workouts/sessions/${session.id}/sets`;
    const inPounds = await call(sets, {
      token: user.accessToken,
      body: { client_id: "s1", exercise_id: "barbell-back-squat", reps: 5, weight_lb: 135 },
    });
    expect(inPounds.status).toBe(201);
    expect(await json(inPounds)).toMatchObject({ weight_kg: 61.23, weight_lb: 135 });
    const both = await call(sets, {
      token: user.accessToken,
      body: {
        client_id: "s2",
        exercise_id: "barbell-back-squat",
        reps: 5,
        weight_kg: 60,
        weight_lb: 135,
      },
    });
    expect(both.status).toBe(422);
    const set = (await json(await call(sets, { token: user.accessToken }))).items[0];
    const patched = await json(
      await call(`${sets}/${set.id}`, {
        method: "PATCH",
        token: user.accessToken,
        body: { weight_lb: 140 },
      }),
    );
    expect(patched).toMatchObject({ weight_kg: 63.5, weight_lb: 140 });
    const progress = await json(await call("/v1/progress", { token: user.accessToken }));
    expect(progress.personal_records[0]).toMatchObject({ heaviest_kg: 63.5, heaviest_lb: 140 });

    await call("/v1/body/weight", { token: user.accessToken, body: { weight_lb: 176 } });
    const weights = await json(
      await call("/v1/body/weight?from=2000-01-01", { token: user.accessToken }),
    );
    expect(weights.items[0]).toMatchObject({ weight_kg: 79.83, weight_lb: 176 });
  });

  it("answers a metric user in kg only", async () => {
    const user = await signUp();
    await onboard(user.accessToken);
    const session = await json(
      await call("/v1/workouts/sessions", { token: user.accessToken, body: {} }),
    );
    const set = await json(
      await call(`/v1/workouts/sessions/${session.id}/sets`, {
        token: user.accessToken,
        body: { client_id: "s1", exercise_id: "barbell-back-squat", reps: 5, weight_lb: 135 },
      }),
    );
    expect(set.weight_kg).toBe(61.23);
    expect(set).not.toHaveProperty("weight_lb");
  });

  it("takes a target weight in lb and shows it in lb to an imperial user", async () => {
    const user = await signUp();
    await onboard(user.accessToken, {
      basics: { unit_preference: "imperial" },
      goals: { target_weight_kg: undefined, target_weight_lb: 185 },
    });
    const profile = await json(await call("/v1/profile", { token: user.accessToken }));
    expect(profile).toMatchObject({ target_weight_kg: 83.91, target_weight_lb: 185 });
  });
});
