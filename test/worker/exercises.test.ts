import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { CATALOG } from "../../engine/coaching/catalog";
import { addTestExercises, call, json, type SignedUp, signUp } from "./helpers";

let user: SignedUp;
beforeAll(async () => {
  user = await signUp();
});

const list = async (query: string) =>
  json(await call(`/v1/exercises${query}`, { token: user.accessToken }));

describe("the built-in catalog in D1", () => {
  it("holds every exercise of the code catalog, unchanged (no catalog edit without a migration)", async () => {
    const { results } = await env.DB.prepare(
      "SELECT id, name, pattern, equipment FROM exercises WHERE source = 'builtin' ORDER BY id",
    ).all<{ id: string; name: string; pattern: string; equipment: string }>();
    expect(results.length).toBe(CATALOG.length);
    expect(CATALOG.length).toBeGreaterThanOrEqual(120);
    const byId = new Map(results.map((row) => [row.id, row]));
    for (const exercise of CATALOG) {
      const row = byId.get(exercise.id);
      expect(row, exercise.id).toBeDefined();
      expect(row).toMatchObject({ name: exercise.name, pattern: exercise.pattern });
      expect(JSON.parse(row?.equipment ?? "[]")).toEqual(exercise.equipment);
    }
  });
});

describe("GET /v1/exercises", () => {
  it("pages through the whole catalog with next_cursor, in id order, without repeats", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await list(`?limit=50${cursor ? `&cursor=${cursor}` : ""}`);
      expect(page.items.length).toBeLessThanOrEqual(50);
      seen.push(...page.items.map((item: { id: string }) => item.id));
      cursor = page.next_cursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual([...seen].sort());
    expect(seen.length).toBeGreaterThanOrEqual(CATALOG.length);
  });

  it("filters by muscle (primary or secondary), equipment, pattern and level together", async () => {
    const page = await list("?muscle=quads&equipment=barbell&pattern=squat&limit=100");
    expect(page.items.length).toBeGreaterThan(0);
    for (const item of page.items) {
      expect([...item.primary_muscles, ...item.secondary_muscles]).toContain("quads");
      expect(item.equipment).toContain("barbell");
      expect(item.pattern).toBe("squat");
    }
    const expected = CATALOG.filter(
      (e) =>
        e.pattern === "squat" &&
        e.equipment.includes("barbell") &&
        [...e.primary_muscles, ...e.secondary_muscles].includes("quads"),
    ).map((e) => e.id);
    expect(page.items.map((i: { id: string }) => i.id).sort()).toEqual(expected.sort());
    const beginners = await list("?level=beginner&limit=100");
    expect(beginners.items.every((i: { level: string }) => i.level === "beginner")).toBe(true);
  });

  it("finds exercises by text in the name, case-insensitively", async () => {
    const page = await list("?q=PUSH&limit=100");
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.items.every((i: { name: string }) => /push/i.test(i.name))).toBe(true);
  });

  it("treats %, _ and \\ in the text as plain characters", async () => {
    const rows = ["Test 100% Hold", "Test Under_Score Row", "Test Back\\slash Row"].map(
      (name, i) => ({ id: `escape-test-${i}`, name }),
    );
    await addTestExercises(rows);
    try {
      const names = async (q: string) =>
        (await list(`?q=${encodeURIComponent(q)}&limit=100`)).items.map(
          (i: { name: string }) => i.name,
        );
      expect(await names("%")).toEqual(["Test 100% Hold"]);
      expect(await names("_")).toEqual(["Test Under_Score Row"]);
      expect(await names("\\")).toEqual(["Test Back\\slash Row"]);
      expect(await names("0% H")).toEqual(["Test 100% Hold"]);
    } finally {
      await env.DB.prepare("DELETE FROM exercises WHERE id LIKE 'escape-test-%'").run();
    }
  });

  it("rejects values outside the vocabularies with 422 naming the field", async () => {
    const response = await call("/v1/exercises?muscle=wings&limit=1000", {
      token: user.accessToken,
    });
    expect(response.status).toBe(422);
    const fields = (await json(response)).error.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(expect.arrayContaining(["muscle", "limit"]));
  });

  it("requires authentication", async () => {
    expect((await call("/v1/exercises")).status).toBe(401);
  });
});

describe("GET /v1/exercises/{id}", () => {
  it("returns one exercise with cues and contraindications", async () => {
    const exercise = CATALOG[0];
    const response = await call(`/v1/exercises/${exercise?.id}`, { token: user.accessToken });
    expect(response.status).toBe(200);
    expect(await json(response)).toEqual(exercise);
  });

  it("answers an unknown id with 404", async () => {
    const response = await call("/v1/exercises/no-such-exercise", { token: user.accessToken });
    expect(response.status).toBe(404);
    expect((await json(response)).error.code).toBe("exercise_not_found");
  });
});
