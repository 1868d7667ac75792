import { env, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { call, json, type SignedUp, signUp } from "./helpers";

// Years of logging never make one unbounded answer: each list answers at most `limit` (max 100,
// default 20) and a cursor that reaches the rest, exactly once each.

const ROWS = 130;
const DAY = "2026-01-05";

/** ROWS rows written straight into the user's actor storage, where the logs live. */
async function rows(userId: string, sql: string, make: (i: number) => SqlStorageValue[]) {
  await runInDurableObject(env.USER_ACTOR.getByName(userId), (_, state) => {
    state.storage.transactionSync(() => {
      for (let i = 0; i < ROWS; i += 1) state.storage.sql.exec(sql, ...make(i));
    });
  });
}

/** Walks a list 100 at a time; checks page sizes, the default size and that every id came once. */
async function expectBounded(user: SignedUp, path: string) {
  const sep = path.includes("?") ? "&" : "?";
  const ids: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : "";
    const page = await json(
      await call(`${path}${sep}limit=100${query}`, { token: user.accessToken }),
    );
    expect(page.items.length).toBeLessThanOrEqual(100);
    ids.push(...page.items.map((item: { id: string }) => item.id));
    cursor = page.next_cursor;
    pages += 1;
  } while (cursor && pages < 10);
  expect(pages).toBe(2);
  expect(new Set(ids).size).toBe(ROWS);
  const byDefault = await json(await call(path, { token: user.accessToken }));
  expect(byDefault.items).toHaveLength(20);
  expect(byDefault.next_cursor).toEqual(expect.any(String));
}

describe("list routes are bounded", () => {
  it("meal logs", async () => {
    const user = await signUp();
    await rows(
      user.userId,
      "INSERT INTO meal_logs (id, meal, logged_at, local_date, calories, protein_g, fat_g, carbs_g) VALUES (?, 'snack', ?, ?, 100, 5, 5, 10)",
      (i) => [`meal-${i}`, `${DAY}T12:00:00.000Z`, DAY],
    );
    await expectBounded(user, `/v1/meals/logs?from=${DAY}&to=${DAY}`);
  });

  it("body weights", async () => {
    const user = await signUp();
    await rows(
      user.userId,
      "INSERT INTO body_weights (id, measured_at, local_date, weight_kg) VALUES (?, ?, ?, 80)",
      (i) => [`weight-${i}`, `${DAY}T07:00:00.000Z`, DAY],
    );
    await expectBounded(user, "/v1/body/weight");
  });

  it("sets of a session", async () => {
    const user = await signUp();
    const session = await json(
      await call("/v1/workouts/sessions", { token: user.accessToken, body: {} }),
    );
    await rows(
      user.userId,
      "INSERT INTO workout_sets (id, session_id, client_id, exercise_id, reps) VALUES (?, ?, ?, 'barbell-back-squat', 5)",
      (i) => [`set-${i}`, session.id, `client-${i}`],
    );
    await expectBounded(user, `/v1/workouts/sessions/${session.id}/sets`);
  });
});
