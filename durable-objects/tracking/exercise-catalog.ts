import { inArray } from "drizzle-orm";
import type { Database } from "../../d1/client";
import { exercises } from "../../d1/schema";
import type { Muscle } from "../../engine/coaching/vocabulary";

// The exercise catalog as logging and progress need it (does an id exist; an exercise's muscles
// and mechanic), cached for the whole isolate so a logged set costs no D1 round trip. The catalog
// lives in D1 (shared by all users); every actor in this isolate shares one copy, loaded whole
// (a few hundred to a few thousand small rows) and reloaded after CATALOG_TTL_MS.
//
// How stale it can be: exercises are never deleted (an operator only retires them, and a retired
// one stays valid by id), so "this id exists" is never wrong once cached. An exercise an operator
// adds is found at once: an id missing from the cache is looked up in D1 once before a set is
// rejected. An operator's edit of muscles or mechanic (worker/routes/admin-catalog.ts) reaches
// progress maths (hard sets per muscle, main lifts) within CATALOG_TTL_MS, per isolate.

export const CATALOG_TTL_MS = 5 * 60_000;

export interface ExerciseInfo {
  primary_muscles: Muscle[];
  secondary_muscles: Muscle[];
  compound: boolean;
}

interface Loaded {
  at: number;
  byId: Map<string, ExerciseInfo>;
}

// Per D1 binding: tests (and environments) may bind different databases.
const loaded = new WeakMap<object, Promise<Loaded>>();

const infoOf = (row: {
  primaryMuscles: string[];
  secondaryMuscles: string[];
  mechanic: string;
}): ExerciseInfo => ({
  // The catalog stores only vocabulary muscles (validated on import).
  primary_muscles: row.primaryMuscles as Muscle[],
  secondary_muscles: row.secondaryMuscles as Muscle[],
  compound: row.mechanic === "compound",
});

const columns = {
  id: exercises.id,
  primaryMuscles: exercises.primaryMuscles,
  secondaryMuscles: exercises.secondaryMuscles,
  mechanic: exercises.mechanic,
};

async function loadAll(db: Database): Promise<Loaded> {
  const rows = await db.select(columns).from(exercises);
  return { at: Date.now(), byId: new Map(rows.map((row) => [row.id, infoOf(row)])) };
}

export class ExerciseCatalog {
  constructor(private readonly db: () => Database) {}

  /** The cached catalog, reloaded once it is older than the TTL (a failed load is retried). */
  async #catalog(): Promise<Loaded> {
    const db = this.db();
    const key = db.$client as object;
    let current = loaded.get(key);
    if (current) {
      const value = await current.catch(() => null);
      if (value && Date.now() - value.at < CATALOG_TTL_MS) return value;
      if (loaded.get(key) !== current) return this.#catalog();
    }
    current = loadAll(db);
    loaded.set(key, current);
    current.catch(() => {
      if (loaded.get(key) === current) loaded.delete(key);
    });
    return current;
  }

  /** The catalog's facts for these ids; ids it lacks are looked up in D1 once (new ones). */
  async info(ids: Iterable<string>): Promise<Map<string, ExerciseInfo>> {
    const catalog = await this.#catalog();
    const wanted = [...new Set(ids)];
    const missing = wanted.filter((id) => !catalog.byId.has(id));
    // D1 binds at most 100 parameters a query.
    for (let at = 0; at < missing.length; at += 90) {
      const rows = await this.db()
        .select(columns)
        .from(exercises)
        .where(inArray(exercises.id, missing.slice(at, at + 90)));
      for (const row of rows) catalog.byId.set(row.id, infoOf(row));
    }
    const found = new Map<string, ExerciseInfo>();
    for (const id of wanted) {
      const info = catalog.byId.get(id);
      if (info) found.set(id, info);
    }
    return found;
  }

  async exists(id: string): Promise<boolean> {
    return (await this.info([id])).has(id);
  }
}
