import { drizzle } from "drizzle-orm/d1";
import * as schema from "./schema";

export type Database = ReturnType<typeof database>;

// drizzle's wrapper is cheap but not free; one per D1 binding object is enough.
const cache = new WeakMap<D1Database, ReturnType<typeof drizzle<typeof schema>>>();

export function database(d1: D1Database) {
  let db = cache.get(d1);
  if (!db) {
    db = drizzle(d1, { schema });
    cache.set(d1, db);
  }
  return db;
}

export function isUniqueViolation(error: unknown): boolean {
  const text = String((error as { cause?: unknown })?.cause ?? error);
  return /UNIQUE constraint failed/i.test(text) || /UNIQUE constraint failed/i.test(String(error));
}
