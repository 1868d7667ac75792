import { and, asc, eq, gt, isNull, sql } from "drizzle-orm";
import type { Exercise } from "../engine/coaching/exercise";
import type { Database } from "./client";
import { exercises } from "./schema";

// The exercise catalog in D1. Shared by every user (not per-user data), read by the API and
// written by the seed migration and the importer.

const FIELDS = [
  "id",
  "name",
  "category",
  "primary_muscles",
  "secondary_muscles",
  "equipment",
  "mechanic",
  "force",
  "level",
  "pattern",
  "cues",
  "contraindications",
  "image_url",
  "source",
  "source_id",
] as const satisfies ReadonlyArray<keyof Exercise>;

/** FNV-1a (64-bit) over the canonical JSON of the exercise: change detection, not security. */
export function exerciseContentHash(exercise: Exercise): string {
  const text = JSON.stringify(FIELDS.map((field) => exercise[field]));
  let hash = 0xcbf29ce484222325n;
  for (let i = 0; i < text.length; i++) {
    hash ^= BigInt(text.charCodeAt(i));
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return hash.toString(16).padStart(16, "0");
}

/** The column values of one exercise, in FIELDS order plus content_hash. */
export function exerciseColumnValues(exercise: Exercise): Array<string | null> {
  return [
    ...FIELDS.map((field) => {
      const value = exercise[field];
      return Array.isArray(value) ? JSON.stringify(value) : (value as string | null);
    }),
    exerciseContentHash(exercise),
  ];
}

const COLUMNS = [...FIELDS, "content_hash"];
const UPSERT_SQL = `INSERT INTO exercises (${COLUMNS.join(", ")}) VALUES (${COLUMNS.map(() => "?").join(", ")})
ON CONFLICT(id) DO UPDATE SET ${COLUMNS.filter((c) => c !== "id")
  .map((c) => `${c} = excluded.${c}`)
  .join(", ")}, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
WHERE exercises.content_hash IS NOT excluded.content_hash`;

/** SQL text for a migration: the same values, inlined, inserting only what is missing. */
export function exerciseInsertSql(exercise: Exercise): string {
  const literal = (value: string | null) =>
    value === null ? "NULL" : `'${value.replace(/'/g, "''")}'`;
  return `INSERT INTO exercises (${COLUMNS.join(", ")}) VALUES (${exerciseColumnValues(exercise)
    .map(literal)
    .join(", ")}) ON CONFLICT(id) DO NOTHING;`;
}

export interface UpsertReport {
  inserted: number;
  updated: number;
  unchanged: number;
}

/**
 * Inserts new exercises and updates changed ones; identical ones are not written at all, so
 * running an import twice changes nothing (and `updated_at` keeps its meaning).
 */
export async function upsertExercises(d1: D1Database, list: Exercise[]): Promise<UpsertReport> {
  const report: UpsertReport = { inserted: 0, updated: 0, unchanged: 0 };
  const CHUNK = 90; // D1 allows 100 bound parameters a statement
  for (let start = 0; start < list.length; start += CHUNK) {
    const chunk = list.slice(start, start + CHUNK);
    const existing = await d1
      .prepare(
        `SELECT id, content_hash FROM exercises WHERE id IN (${chunk.map(() => "?").join(", ")})`,
      )
      .bind(...chunk.map((exercise) => exercise.id))
      .all<{ id: string; content_hash: string }>();
    const hashes = new Map(existing.results.map((row) => [row.id, row.content_hash]));
    const writes: D1PreparedStatement[] = [];
    for (const exercise of chunk) {
      const known = hashes.get(exercise.id);
      if (known === exerciseContentHash(exercise)) {
        report.unchanged += 1;
        continue;
      }
      if (known === undefined) report.inserted += 1;
      else report.updated += 1;
      writes.push(d1.prepare(UPSERT_SQL).bind(...exerciseColumnValues(exercise)));
    }
    if (writes.length) await d1.batch(writes);
  }
  return report;
}

export interface ExerciseFilters {
  muscle?: string;
  equipment?: string;
  pattern?: string;
  level?: string;
  q?: string;
  source?: string;
}

type ExerciseRow = typeof exercises.$inferSelect;

export function toExercise(row: ExerciseRow): Exercise {
  return {
    id: row.id,
    name: row.name,
    category: row.category as Exercise["category"],
    primary_muscles: row.primaryMuscles as Exercise["primary_muscles"],
    secondary_muscles: row.secondaryMuscles as Exercise["secondary_muscles"],
    equipment: row.equipment as Exercise["equipment"],
    mechanic: row.mechanic as Exercise["mechanic"],
    force: row.force as Exercise["force"],
    level: row.level as Exercise["level"],
    pattern: row.pattern as Exercise["pattern"],
    cues: row.cues,
    contraindications: row.contraindications as Exercise["contraindications"],
    image_url: row.imageUrl,
    source: row.source as Exercise["source"],
    source_id: row.sourceId,
  };
}

/**
 * Names containing `text` literally: SQLite's LIKE has no escape character unless one is
 * declared, so `%`, `_` and the escape itself are escaped and `ESCAPE '\\'` names it.
 */
function nameContains(text: string) {
  const pattern = `%${text.replace(/[%_\\]/g, (ch) => `\\${ch}`)}%`;
  return sql`${exercises.name} LIKE ${pattern} ESCAPE '\\'`;
}

/** One page of exercises in id order; `after` is the last id of the previous page. */
export async function listExercises(
  db: Database,
  filters: ExerciseFilters,
  page: { after?: string; limit: number },
): Promise<{ items: Exercise[]; nextCursor: string | null }> {
  const conditions = [
    filters.muscle &&
      sql`(EXISTS (SELECT 1 FROM json_each(${exercises.primaryMuscles}) WHERE value = ${filters.muscle})
        OR EXISTS (SELECT 1 FROM json_each(${exercises.secondaryMuscles}) WHERE value = ${filters.muscle}))`,
    filters.equipment &&
      sql`EXISTS (SELECT 1 FROM json_each(${exercises.equipment}) WHERE value = ${filters.equipment})`,
    filters.pattern && eq(exercises.pattern, filters.pattern),
    filters.level && eq(exercises.level, filters.level),
    filters.source && eq(exercises.source, filters.source),
    filters.q && nameContains(filters.q),
    page.after && gt(exercises.id, page.after),
    // Retired exercises are out of search; programs that name one still read it by id.
    isNull(exercises.retiredAt),
  ].filter((condition) => Boolean(condition)) as ReturnType<typeof eq>[];
  const rows = await db
    .select()
    .from(exercises)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(asc(exercises.id))
    .limit(page.limit + 1);
  const items = rows.slice(0, page.limit).map(toExercise);
  const nextCursor = rows.length > page.limit ? (items.at(-1)?.id ?? null) : null;
  return { items, nextCursor };
}

/** One exercise by id, retired or not (a program may name one retired since). */
export async function findExercise(db: Database, id: string): Promise<Exercise | null> {
  const entry = await findCatalogEntry(db, id);
  return entry?.exercise ?? null;
}

export interface CatalogEntry {
  exercise: Exercise;
  retiredAt: string | null;
}

export async function findCatalogEntry(db: Database, id: string): Promise<CatalogEntry | null> {
  const rows = await db.select().from(exercises).where(eq(exercises.id, id)).limit(1);
  return rows[0] ? { exercise: toExercise(rows[0]), retiredAt: rows[0].retiredAt } : null;
}

/** Adds an exercise (an operator's); "exists" when the id is taken. */
export async function insertExercise(db: Database, exercise: Exercise): Promise<"exists" | null> {
  const rows = await db.$client
    .prepare(
      `INSERT INTO exercises (${COLUMNS.join(", ")}) VALUES (${COLUMNS.map(() => "?").join(", ")}) ON CONFLICT(id) DO NOTHING`,
    )
    .bind(...exerciseColumnValues(exercise))
    .run();
  return rows.meta.changes === 0 ? "exists" : null;
}

/** Replaces an exercise's content (an operator's edit); its id and retirement stay. */
export async function replaceExercise(db: Database, exercise: Exercise): Promise<void> {
  await db.$client
    .prepare(UPSERT_SQL)
    .bind(...exerciseColumnValues(exercise))
    .run();
}

/** Retires an exercise (idempotent: the first retirement's time stays). */
export async function retireExercise(db: Database, id: string): Promise<void> {
  const at = new Date().toISOString();
  await db
    .update(exercises)
    .set({ retiredAt: sql`coalesce(${exercises.retiredAt}, ${at})`, updatedAt: at })
    .where(eq(exercises.id, id));
}
