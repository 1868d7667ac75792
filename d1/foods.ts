import { eq, inArray, sql } from "drizzle-orm";
import type { FoodRecord } from "../engine/foods/food";
import type { Database } from "./client";
import { foodLookups, foods, providerCooldowns } from "./schema";

// The shared food cache in D1 (no per-user rows): foods fetched from FoodData Central and Open
// Food Facts, what each provider answered for a search or a barcode, and the providers'
// cooldowns after a 429. Built-in foods are code (engine/foods/builtin.ts), never stored here.

export type Provider = "fdc" | "off";

const searchTextOf = (food: FoodRecord) => `${food.name} ${food.brand ?? ""}`.toLowerCase();

/** Cached foods by id (missing ids are simply absent). */
export async function cachedFoods(db: Database, ids: readonly string[]) {
  if (ids.length === 0) return new Map<string, FoodRecord>();
  const rows = await db
    .select({ id: foods.id, food: foods.food })
    .from(foods)
    .where(inArray(foods.id, [...ids]));
  return new Map(rows.map((row) => [row.id, row.food]));
}

/** Cached foods whose name or brand contains every word (the caller ranks them). */
export async function cachedFoodsNamed(db: Database, words: readonly string[], limit: number) {
  if (words.length === 0) return [];
  const rows = await db
    .select({ food: foods.food })
    .from(foods)
    .where(
      sql.join(
        words.map((word) => sql`${foods.searchText} LIKE ${`%${word.replace(/[%_]/g, "")}%`}`),
        sql` AND `,
      ),
    )
    .limit(limit);
  return rows.map((row) => row.food);
}

export async function cachedBarcode(db: Database, code: string): Promise<FoodRecord | null> {
  const [row] = await db
    .select({ food: foods.food })
    .from(foods)
    .where(eq(foods.barcode, code))
    .limit(1);
  return row?.food ?? null;
}

/** The food ids a provider answered for this lookup, if answered since `notBefore`. */
export async function lookupAnswer(db: Database, key: string, notBefore: string) {
  const [row] = await db.select().from(foodLookups).where(eq(foodLookups.key, key)).limit(1);
  return row && row.fetchedAt >= notBefore ? row.foodIds : null;
}

/** Stores what a provider answered: its foods (newer copies replace older) and the lookup. */
export async function storeAnswer(
  db: Database,
  answer: { foods: readonly FoodRecord[]; lookupKey?: string; at: string },
) {
  const writes = answer.foods.map((food) => {
    const row = {
      id: food.id,
      source: food.source as Provider,
      sourceId: food.id.slice(food.id.indexOf(":") + 1),
      barcode: food.barcode ?? null,
      searchText: searchTextOf(food),
      food,
      fetchedAt: answer.at,
    };
    return db
      .insert(foods)
      .values(row)
      .onConflictDoUpdate({ target: foods.id, set: { ...row, id: undefined } });
  });
  const lookup = answer.lookupKey
    ? [
        db
          .insert(foodLookups)
          .values({
            key: answer.lookupKey,
            foodIds: answer.foods.map((f) => f.id),
            fetchedAt: answer.at,
          })
          .onConflictDoUpdate({
            target: foodLookups.key,
            set: { foodIds: answer.foods.map((f) => f.id), fetchedAt: answer.at },
          }),
      ]
    : [];
  const all = [...writes, ...lookup];
  const [first, ...rest] = all;
  if (first) await db.batch([first, ...rest]);
}

/** Until when a provider must not be called (its last 429), or null. */
export async function cooldownUntil(db: Database, provider: Provider, now: string) {
  const [row] = await db
    .select({ until: providerCooldowns.until })
    .from(providerCooldowns)
    .where(eq(providerCooldowns.provider, provider))
    .limit(1);
  return row && row.until > now ? row.until : null;
}

export async function startCooldown(db: Database, provider: Provider, until: string) {
  await db
    .insert(providerCooldowns)
    .values({ provider, until })
    .onConflictDoUpdate({ target: providerCooldowns.provider, set: { until } });
}
