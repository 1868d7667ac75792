import { and, asc, desc, eq, gte, inArray, lte, sql } from "drizzle-orm";
import type { Muscle } from "../coaching/vocabulary";
import type { Database } from "./client";
import { afterCursor, type Cursor, type Page, toPage } from "./pages";
import { bodyWeights, exercises, mealLogs, workoutSessions, workoutSets } from "./schema";

// Tracking rows in D1. Every function takes the user id and filters by it: a user never reads
// or changes another's logs. Creates are idempotent by the app's client_id.

export type SessionRow = typeof workoutSessions.$inferSelect;
export type SetRow = typeof workoutSets.$inferSelect;
export type BodyWeightRow = typeof bodyWeights.$inferSelect;
export type MealLogRow = typeof mealLogs.$inferSelect;

const nowIso = () => new Date().toISOString();
const newId = (prefix: string) => `${prefix}_${crypto.randomUUID().replace(/-/g, "")}`;

export async function createSession(
  db: Database,
  userId: string,
  input: Omit<typeof workoutSessions.$inferInsert, "id" | "userId">,
): Promise<{ session: SessionRow; created: boolean }> {
  const inserted = await db
    .insert(workoutSessions)
    .values({ id: newId("ses"), userId, ...input })
    .onConflictDoNothing()
    .returning();
  if (inserted[0]) return { session: inserted[0], created: true };
  const existing = await db
    .select()
    .from(workoutSessions)
    .where(
      and(
        eq(workoutSessions.userId, userId),
        eq(workoutSessions.clientId, input.clientId as string),
      ),
    )
    .limit(1);
  return { session: existing[0] as SessionRow, created: false };
}

export async function findSession(
  db: Database,
  userId: string,
  id: string,
): Promise<SessionRow | null> {
  const rows = await db
    .select()
    .from(workoutSessions)
    .where(and(eq(workoutSessions.id, id), eq(workoutSessions.userId, userId)))
    .limit(1);
  return rows[0] ?? null;
}

export async function updateSession(
  db: Database,
  userId: string,
  id: string,
  patch: Partial<Pick<SessionRow, "status" | "finishedAt" | "notes" | "perceivedEffort">>,
): Promise<SessionRow | null> {
  const rows = await db
    .update(workoutSessions)
    .set({ ...patch, updatedAt: nowIso() })
    .where(and(eq(workoutSessions.id, id), eq(workoutSessions.userId, userId)))
    .returning();
  return rows[0] ?? null;
}

/** Sessions, newest first, by (started_at, id). */
export async function listSessions(
  db: Database,
  userId: string,
  query: { from?: string; to?: string; limit: number; after?: Cursor },
): Promise<Page<SessionRow>> {
  const rows = await db
    .select()
    .from(workoutSessions)
    .where(
      and(
        eq(workoutSessions.userId, userId),
        query.from ? gte(workoutSessions.localDate, query.from) : undefined,
        query.to ? lte(workoutSessions.localDate, query.to) : undefined,
        afterCursor(query.after, workoutSessions.startedAt, workoutSessions.id, "desc"),
      ),
    )
    .orderBy(desc(workoutSessions.startedAt), desc(workoutSessions.id))
    .limit(query.limit + 1);
  return toPage(rows, query.limit, (row) => ({ sort: row.startedAt, id: row.id }));
}

export async function addSet(
  db: Database,
  userId: string,
  input: Omit<typeof workoutSets.$inferInsert, "id" | "userId">,
): Promise<{ set: SetRow; created: boolean }> {
  const inserted = await db
    .insert(workoutSets)
    .values({ id: newId("set"), userId, ...input })
    .onConflictDoNothing()
    .returning();
  if (inserted[0]) return { set: inserted[0], created: true };
  const existing = await db
    .select()
    .from(workoutSets)
    .where(and(eq(workoutSets.userId, userId), eq(workoutSets.clientId, input.clientId)))
    .limit(1);
  return { set: existing[0] as SetRow, created: false };
}

/** Every set of a session in logging order (the tools read a whole session). */
export async function listSets(db: Database, userId: string, sessionId: string): Promise<SetRow[]> {
  return db
    .select()
    .from(workoutSets)
    .where(and(eq(workoutSets.userId, userId), eq(workoutSets.sessionId, sessionId)))
    .orderBy(asc(workoutSets.createdAt), asc(workoutSets.id));
}

/**
 * A page of the user's sets in logging order, by (created_at, id): one session's (the sets
 * route) or every one (the data export).
 */
export async function listSetsPage(
  db: Database,
  userId: string,
  query: { sessionId?: string; limit: number; after?: Cursor },
): Promise<Page<SetRow>> {
  const rows = await db
    .select()
    .from(workoutSets)
    .where(
      and(
        eq(workoutSets.userId, userId),
        query.sessionId === undefined ? undefined : eq(workoutSets.sessionId, query.sessionId),
        afterCursor(query.after, workoutSets.createdAt, workoutSets.id, "asc"),
      ),
    )
    .orderBy(asc(workoutSets.createdAt), asc(workoutSets.id))
    .limit(query.limit + 1);
  return toPage(rows, query.limit, (row) => ({ sort: row.createdAt, id: row.id }));
}

export async function updateSet(
  db: Database,
  userId: string,
  sessionId: string,
  setId: string,
  patch: Partial<Pick<SetRow, "reps" | "weightKg" | "rir" | "restSeconds">>,
): Promise<SetRow | null> {
  const rows = await db
    .update(workoutSets)
    .set({ ...patch, updatedAt: nowIso() })
    .where(
      and(
        eq(workoutSets.id, setId),
        eq(workoutSets.sessionId, sessionId),
        eq(workoutSets.userId, userId),
      ),
    )
    .returning();
  return rows[0] ?? null;
}

export async function deleteSet(
  db: Database,
  userId: string,
  sessionId: string,
  setId: string,
): Promise<boolean> {
  const rows = await db
    .delete(workoutSets)
    .where(
      and(
        eq(workoutSets.id, setId),
        eq(workoutSets.sessionId, sessionId),
        eq(workoutSets.userId, userId),
      ),
    )
    .returning({ id: workoutSets.id });
  return rows.length === 1;
}

export async function addBodyWeight(
  db: Database,
  userId: string,
  input: Omit<typeof bodyWeights.$inferInsert, "id" | "userId">,
) {
  const inserted = await db
    .insert(bodyWeights)
    .values({ id: newId("bw"), userId, ...input })
    .onConflictDoNothing()
    .returning();
  if (inserted[0]) return { entry: inserted[0], created: true };
  const existing = await db
    .select()
    .from(bodyWeights)
    .where(and(eq(bodyWeights.userId, userId), eq(bodyWeights.clientId, input.clientId as string)))
    .limit(1);
  return { entry: existing[0] as typeof bodyWeights.$inferSelect, created: false };
}

/** Body weights from a local date on, oldest first (for progress maths). */
export async function bodyWeightsSince(db: Database, userId: string, from: string) {
  return db
    .select()
    .from(bodyWeights)
    .where(and(eq(bodyWeights.userId, userId), gte(bodyWeights.localDate, from)))
    .orderBy(asc(bodyWeights.measuredAt));
}

/** A page of body weights in a local-date range, oldest first, by (measured_at, id). */
export async function listBodyWeights(
  db: Database,
  userId: string,
  query: { from?: string; to?: string; limit: number; after?: Cursor },
) {
  const rows = await db
    .select()
    .from(bodyWeights)
    .where(
      and(
        eq(bodyWeights.userId, userId),
        query.from ? gte(bodyWeights.localDate, query.from) : undefined,
        query.to ? lte(bodyWeights.localDate, query.to) : undefined,
        afterCursor(query.after, bodyWeights.measuredAt, bodyWeights.id, "asc"),
      ),
    )
    .orderBy(asc(bodyWeights.measuredAt), asc(bodyWeights.id))
    .limit(query.limit + 1);
  return toPage(rows, query.limit, (row) => ({ sort: row.measuredAt, id: row.id }));
}

export async function addMealLog(
  db: Database,
  userId: string,
  input: Omit<typeof mealLogs.$inferInsert, "id" | "userId">,
) {
  const inserted = await db
    .insert(mealLogs)
    .values({ id: newId("meal"), userId, ...input })
    .onConflictDoNothing()
    .returning();
  if (inserted[0]) return { log: inserted[0], created: true };
  const existing = await db
    .select()
    .from(mealLogs)
    .where(and(eq(mealLogs.userId, userId), eq(mealLogs.clientId, input.clientId as string)))
    .limit(1);
  return { log: existing[0] as typeof mealLogs.$inferSelect, created: false };
}

/** A page of meal logs in a local-date range, oldest first, by (logged_at, id). */
export async function listMealLogs(
  db: Database,
  userId: string,
  query: { from?: string; to?: string; limit: number; after?: Cursor },
) {
  const rows = await db
    .select()
    .from(mealLogs)
    .where(
      and(
        eq(mealLogs.userId, userId),
        query.from ? gte(mealLogs.localDate, query.from) : undefined,
        query.to ? lte(mealLogs.localDate, query.to) : undefined,
        afterCursor(query.after, mealLogs.loggedAt, mealLogs.id, "asc"),
      ),
    )
    .orderBy(asc(mealLogs.loggedAt), asc(mealLogs.id))
    .limit(query.limit + 1);
  return toPage(rows, query.limit, (row) => ({ sort: row.loggedAt, id: row.id }));
}

export async function mealTotals(db: Database, userId: string, localDate: string) {
  const rows = await db
    .select({
      calories: sql<number>`coalesce(sum(${mealLogs.calories}), 0)`,
      protein_g: sql<number>`coalesce(sum(${mealLogs.proteinG}), 0)`,
      fat_g: sql<number>`coalesce(sum(${mealLogs.fatG}), 0)`,
      carbs_g: sql<number>`coalesce(sum(${mealLogs.carbsG}), 0)`,
      meals: sql<number>`count(*)`,
    })
    .from(mealLogs)
    .where(and(eq(mealLogs.userId, userId), eq(mealLogs.localDate, localDate)));
  return rows[0] ?? { calories: 0, protein_g: 0, fat_g: 0, carbs_g: 0, meals: 0 };
}

/** Completed sessions of one program (for adherence and streaks). */
export async function completedSessions(db: Database, userId: string, programId: string) {
  return db
    .select({
      local_date: workoutSessions.localDate,
      planned_week: workoutSessions.plannedWeek,
      planned_weekday: workoutSessions.plannedWeekday,
    })
    .from(workoutSessions)
    .where(
      and(
        eq(workoutSessions.userId, userId),
        eq(workoutSessions.programId, programId),
        eq(workoutSessions.status, "completed"),
      ),
    );
}

/**
 * Logged sets since a local date, with each exercise's muscles and mechanic. The exercises
 * are read once each (a year of logs is thousands of sets over a few dozen exercises)
 * rather than joined onto every set row; both reads run at once.
 */
export async function setsSince(db: Database, userId: string, fromDate: string) {
  const [rows, logged] = await Promise.all([
    db
      .select({
        local_date: workoutSessions.localDate,
        exercise_id: workoutSets.exerciseId,
        reps: workoutSets.reps,
        weight_kg: workoutSets.weightKg,
        rir: workoutSets.rir,
      })
      .from(workoutSets)
      .innerJoin(workoutSessions, eq(workoutSessions.id, workoutSets.sessionId))
      .where(and(eq(workoutSets.userId, userId), gte(workoutSessions.localDate, fromDate))),
    db
      .select({
        id: exercises.id,
        primary_muscles: exercises.primaryMuscles,
        secondary_muscles: exercises.secondaryMuscles,
        mechanic: exercises.mechanic,
      })
      .from(exercises)
      .where(
        inArray(
          exercises.id,
          db
            .selectDistinct({ id: workoutSets.exerciseId })
            .from(workoutSets)
            .where(eq(workoutSets.userId, userId)),
        ),
      ),
  ]);
  const byId = new Map(logged.map((exercise) => [exercise.id, exercise]));
  return rows.map((row) => {
    const exercise = byId.get(row.exercise_id);
    return {
      ...row,
      // The catalog stores only vocabulary muscles (validated on import).
      primary_muscles: (exercise?.primary_muscles ?? []) as Muscle[],
      secondary_muscles: (exercise?.secondary_muscles ?? []) as Muscle[],
      compound: exercise?.mechanic === "compound",
    };
  });
}

export async function exercisesExist(db: Database, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .select({ id: exercises.id })
    .from(exercises)
    .where(inArray(exercises.id, ids));
  return new Set(rows.map((row) => row.id));
}
