import { and, asc, desc, eq, gte, inArray, lte, sql } from "drizzle-orm";
import type { BaseSQLiteDatabase } from "drizzle-orm/sqlite-core";
import {
  addToSummary,
  type DaySummary,
  type SetFact,
  summarizeDay,
} from "../../engine/coaching/progress-summary";
import { afterCursor, type Cursor, type Page, toPage } from "../../kernel/pages";
import {
  bodyWeights,
  mealLogs,
  setDaySummaries,
  type trackingSchema,
  workoutSessions,
  workoutSets,
} from "./tables";

// Tracking rows in the user's actor (durable-objects/tracking/tables.ts). The storage is the user's,
// so nothing filters by user. drizzle's Durable Object driver runs synchronously: every
// function here returns its answer directly, so a caller can group several of them in one
// `transactionSync` (the actor's answer to D1's `batch`). Creates are idempotent by the app's
// client_id.

/** Any synchronous SQLite drizzle database over the tracking tables (the actor's storage). */
// biome-ignore lint/suspicious/noExplicitAny: the driver's run-result type does not matter here
export type TrackingDb = BaseSQLiteDatabase<"sync", any, typeof trackingSchema>;

export type SessionRow = typeof workoutSessions.$inferSelect;
export type SetRow = typeof workoutSets.$inferSelect;
export type BodyWeightRow = typeof bodyWeights.$inferSelect;
export type MealLogRow = typeof mealLogs.$inferSelect;
export type SetDaySummaryRow = typeof setDaySummaries.$inferSelect;

const nowIso = () => new Date().toISOString();
const newId = (prefix: string) => `${prefix}_${crypto.randomUUID().replace(/-/g, "")}`;

export function createSession(
  db: TrackingDb,
  input: Omit<typeof workoutSessions.$inferInsert, "id">,
): { session: SessionRow; created: boolean } {
  const inserted = db
    .insert(workoutSessions)
    .values({ id: newId("ses"), ...input })
    .onConflictDoNothing()
    .returning()
    .get();
  if (inserted) return { session: inserted, created: true };
  const existing = db
    .select()
    .from(workoutSessions)
    .where(eq(workoutSessions.clientId, input.clientId as string))
    .get();
  return { session: existing as SessionRow, created: false };
}

export function findSession(db: TrackingDb, id: string): SessionRow | null {
  return db.select().from(workoutSessions).where(eq(workoutSessions.id, id)).get() ?? null;
}

export function updateSession(
  db: TrackingDb,
  id: string,
  patch: Partial<Pick<SessionRow, "status" | "finishedAt" | "notes" | "perceivedEffort">>,
): SessionRow | null {
  return (
    db
      .update(workoutSessions)
      .set({ ...patch, updatedAt: nowIso() })
      .where(eq(workoutSessions.id, id))
      .returning()
      .get() ?? null
  );
}

/** Sessions, newest first, by (started_at, id). */
export function listSessions(
  db: TrackingDb,
  query: { from?: string; to?: string; limit: number; after?: Cursor },
): Page<SessionRow> {
  const rows = db
    .select()
    .from(workoutSessions)
    .where(
      and(
        query.from ? gte(workoutSessions.localDate, query.from) : undefined,
        query.to ? lte(workoutSessions.localDate, query.to) : undefined,
        afterCursor(query.after, workoutSessions.startedAt, workoutSessions.id, "desc"),
      ),
    )
    .orderBy(desc(workoutSessions.startedAt), desc(workoutSessions.id))
    .limit(query.limit + 1)
    .all();
  return toPage(rows, query.limit, (row) => ({ sort: row.startedAt, id: row.id }));
}

/** Start and finish of the sessions on the local dates [from, to]. */
export function sessionTimes(db: TrackingDb, from: string, to: string) {
  return db
    .select({
      localDate: workoutSessions.localDate,
      startedAt: workoutSessions.startedAt,
      finishedAt: workoutSessions.finishedAt,
    })
    .from(workoutSessions)
    .where(and(gte(workoutSessions.localDate, from), lte(workoutSessions.localDate, to)))
    .all();
}

export function addSet(
  db: TrackingDb,
  input: Omit<typeof workoutSets.$inferInsert, "id">,
): { set: SetRow; created: boolean } {
  const inserted = db
    .insert(workoutSets)
    .values({ id: newId("set"), ...input })
    .onConflictDoNothing()
    .returning()
    .get();
  if (inserted) return { set: inserted, created: true };
  const existing = db
    .select()
    .from(workoutSets)
    .where(eq(workoutSets.clientId, input.clientId))
    .get();
  return { set: existing as SetRow, created: false };
}

/** Every set of a session in logging order (the tools read a whole session). */
export function listSets(db: TrackingDb, sessionId: string): SetRow[] {
  return db
    .select()
    .from(workoutSets)
    .where(eq(workoutSets.sessionId, sessionId))
    .orderBy(asc(workoutSets.createdAt), asc(workoutSets.id))
    .all();
}

/**
 * A page of the user's sets in logging order, by (created_at, id): one session's (the sets
 * route) or every one (the data export).
 */
export function listSetsPage(
  db: TrackingDb,
  query: { sessionId?: string; limit: number; after?: Cursor },
): Page<SetRow> {
  const rows = db
    .select()
    .from(workoutSets)
    .where(
      and(
        query.sessionId === undefined ? undefined : eq(workoutSets.sessionId, query.sessionId),
        afterCursor(query.after, workoutSets.createdAt, workoutSets.id, "asc"),
      ),
    )
    .orderBy(asc(workoutSets.createdAt), asc(workoutSets.id))
    .limit(query.limit + 1)
    .all();
  return toPage(rows, query.limit, (row) => ({ sort: row.createdAt, id: row.id }));
}

export function updateSet(
  db: TrackingDb,
  sessionId: string,
  setId: string,
  patch: Partial<Pick<SetRow, "reps" | "weightKg" | "rir" | "restSeconds">>,
): SetRow | null {
  return (
    db
      .update(workoutSets)
      .set({ ...patch, updatedAt: nowIso() })
      .where(and(eq(workoutSets.id, setId), eq(workoutSets.sessionId, sessionId)))
      .returning()
      .get() ?? null
  );
}

/** Deletes a set; the deleted row (its exercise names the summary bucket), or null. */
export function deleteSet(db: TrackingDb, sessionId: string, setId: string): SetRow | null {
  return (
    db
      .delete(workoutSets)
      .where(and(eq(workoutSets.id, setId), eq(workoutSets.sessionId, sessionId)))
      .returning()
      .get() ?? null
  );
}

export function addBodyWeight(db: TrackingDb, input: Omit<typeof bodyWeights.$inferInsert, "id">) {
  const inserted = db
    .insert(bodyWeights)
    .values({ id: newId("bw"), ...input })
    .onConflictDoNothing()
    .returning()
    .get();
  if (inserted) return { entry: inserted, created: true };
  const existing = db
    .select()
    .from(bodyWeights)
    .where(eq(bodyWeights.clientId, input.clientId as string))
    .get();
  return { entry: existing as BodyWeightRow, created: false };
}

/** Body weights from a local date on, oldest first (for progress maths). */
export function bodyWeightsSince(db: TrackingDb, from: string): BodyWeightRow[] {
  return db
    .select()
    .from(bodyWeights)
    .where(gte(bodyWeights.localDate, from))
    .orderBy(asc(bodyWeights.measuredAt))
    .all();
}

/** A page of body weights in a local-date range, oldest first, by (measured_at, id). */
export function listBodyWeights(
  db: TrackingDb,
  query: { from?: string; to?: string; limit: number; after?: Cursor },
): Page<BodyWeightRow> {
  const rows = db
    .select()
    .from(bodyWeights)
    .where(
      and(
        query.from ? gte(bodyWeights.localDate, query.from) : undefined,
        query.to ? lte(bodyWeights.localDate, query.to) : undefined,
        afterCursor(query.after, bodyWeights.measuredAt, bodyWeights.id, "asc"),
      ),
    )
    .orderBy(asc(bodyWeights.measuredAt), asc(bodyWeights.id))
    .limit(query.limit + 1)
    .all();
  return toPage(rows, query.limit, (row) => ({ sort: row.measuredAt, id: row.id }));
}

/** Which of these local dates have a body weight logged here. */
export function weightDates(db: TrackingDb, dates: string[]): Set<string> {
  if (dates.length === 0) return new Set();
  const rows = db
    .selectDistinct({ localDate: bodyWeights.localDate })
    .from(bodyWeights)
    .where(inArray(bodyWeights.localDate, dates))
    .all();
  return new Set(rows.map((row) => row.localDate));
}

export function addMealLog(db: TrackingDb, input: Omit<typeof mealLogs.$inferInsert, "id">) {
  const inserted = db
    .insert(mealLogs)
    .values({ id: newId("meal"), ...input })
    .onConflictDoNothing()
    .returning()
    .get();
  if (inserted) return { log: inserted, created: true };
  const existing = db
    .select()
    .from(mealLogs)
    .where(eq(mealLogs.clientId, input.clientId as string))
    .get();
  return { log: existing as MealLogRow, created: false };
}

/** A page of meal logs in a local-date range, oldest first, by (logged_at, id). */
export function listMealLogs(
  db: TrackingDb,
  query: { from?: string; to?: string; limit: number; after?: Cursor },
): Page<MealLogRow> {
  const rows = db
    .select()
    .from(mealLogs)
    .where(
      and(
        query.from ? gte(mealLogs.localDate, query.from) : undefined,
        query.to ? lte(mealLogs.localDate, query.to) : undefined,
        afterCursor(query.after, mealLogs.loggedAt, mealLogs.id, "asc"),
      ),
    )
    .orderBy(asc(mealLogs.loggedAt), asc(mealLogs.id))
    .limit(query.limit + 1)
    .all();
  return toPage(rows, query.limit, (row) => ({ sort: row.loggedAt, id: row.id }));
}

export function mealTotals(db: TrackingDb, localDate: string) {
  const row = db
    .select({
      calories: sql<number>`coalesce(sum(${mealLogs.calories}), 0)`,
      protein_g: sql<number>`coalesce(sum(${mealLogs.proteinG}), 0)`,
      fat_g: sql<number>`coalesce(sum(${mealLogs.fatG}), 0)`,
      carbs_g: sql<number>`coalesce(sum(${mealLogs.carbsG}), 0)`,
      meals: sql<number>`count(*)`,
    })
    .from(mealLogs)
    .where(eq(mealLogs.localDate, localDate))
    .get();
  return row ?? { calories: 0, protein_g: 0, fat_g: 0, carbs_g: 0, meals: 0 };
}

/** Completed sessions of one program (for adherence and streaks). */
export function completedSessions(db: TrackingDb, programId: string) {
  return db
    .select({
      local_date: workoutSessions.localDate,
      planned_week: workoutSessions.plannedWeek,
      planned_weekday: workoutSessions.plannedWeekday,
    })
    .from(workoutSessions)
    .where(and(eq(workoutSessions.programId, programId), eq(workoutSessions.status, "completed")))
    .all();
}

/**
 * The sets of one summary bucket (one exercise on one local date), with that date: the facts
 * summarizeDay reads. Read through that date's sessions (one or two) and their sets, a few
 * dozen rows: driven from the exercise instead, SQLite would read every set of the exercise
 * the user ever logged on every write.
 */
export function bucketSets(db: TrackingDb, bucket: SummaryBucket): SetFact[] {
  const sessions = db
    .select({ id: workoutSessions.id })
    .from(workoutSessions)
    .where(eq(workoutSessions.localDate, bucket.localDate))
    .all()
    .map((row) => row.id);
  if (sessions.length === 0) return [];
  return db
    .select({
      exercise_id: workoutSets.exerciseId,
      reps: workoutSets.reps,
      weight_kg: workoutSets.weightKg,
      rir: workoutSets.rir,
    })
    .from(workoutSets)
    .where(
      and(inArray(workoutSets.sessionId, sessions), eq(workoutSets.exerciseId, bucket.exerciseId)),
    )
    .orderBy(asc(workoutSets.createdAt), asc(workoutSets.id))
    .all()
    .map((set) => ({ local_date: bucket.localDate, ...set }));
}

type SummaryBucket = { localDate: string; exerciseId: string };

const summaryOf = (row: SetDaySummaryRow): DaySummary => ({
  local_date: row.localDate,
  exercise_id: row.exerciseId,
  sets: row.sets,
  hard_sets: row.hardSets,
  best_e1rm_kg: row.bestE1rmKg,
  heaviest_kg: row.heaviestKg,
  heaviest_reps: row.heaviestReps,
});

const inBucket = (bucket: SummaryBucket) =>
  and(
    eq(setDaySummaries.localDate, bucket.localDate),
    eq(setDaySummaries.exerciseId, bucket.exerciseId),
  );

/** The day summaries from a local date on (progress without a scan of every set). */
export function summariesSince(db: TrackingDb, fromDate: string): DaySummary[] {
  return db
    .select()
    .from(setDaySummaries)
    .where(gte(setDaySummaries.localDate, fromDate))
    .orderBy(asc(setDaySummaries.localDate), asc(setDaySummaries.exerciseId))
    .all()
    .map(summaryOf);
}

/** Replaces one bucket's summary (none when the bucket has no sets left). */
function writeSummary(db: TrackingDb, bucket: SummaryBucket, summary: DaySummary | null): void {
  db.delete(setDaySummaries).where(inBucket(bucket)).run();
  if (summary)
    db.insert(setDaySummaries)
      .values({
        ...bucket,
        sets: summary.sets,
        hardSets: summary.hard_sets,
        bestE1rmKg: summary.best_e1rm_kg,
        heaviestKg: summary.heaviest_kg,
        heaviestReps: summary.heaviest_reps,
      })
      .run();
}

/**
 * Rebuilds one (local date, exercise) summary from that bucket's sets. Call it inside the
 * transaction that corrected or deleted one of them (a session's local date never changes,
 * so a set never moves between buckets).
 */
export function refreshSummary(db: TrackingDb, bucket: SummaryBucket): void {
  writeSummary(db, bucket, summarizeDay(bucketSets(db, bucket)));
}

/**
 * Adds one newly inserted set to its (local date, exercise) summary: the stored summary plus
 * the set (addToSummary), the same as refreshSummary without reading the bucket's other sets.
 * Call it inside the transaction that inserted the set.
 */
export function addToDaySummary(
  db: TrackingDb,
  bucket: SummaryBucket,
  set: Pick<SetFact, "reps" | "weight_kg" | "rir">,
): void {
  const row = db.select().from(setDaySummaries).where(inBucket(bucket)).get();
  const stored: DaySummary = row
    ? summaryOf(row)
    : {
        local_date: bucket.localDate,
        exercise_id: bucket.exerciseId,
        sets: 0,
        hard_sets: 0,
        best_e1rm_kg: null,
        heaviest_kg: null,
        heaviest_reps: null,
      };
  writeSummary(db, bucket, addToSummary(stored, set));
}
