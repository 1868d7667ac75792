import { and, desc, eq, gte, isNotNull } from "drizzle-orm";
import type { MealLogFact } from "../../engine/reminders/meal-slots";
import type { TrackingDb } from "./queries";
import { mealLogs, setDaySummaries, workoutSessions } from "./tables";

// What the logs say when a reminder fires (engine/reminders/decide.ts reads it): a session in
// progress today, when the last workout started, the meals logged since a date, and the load
// last lifted on an exercise. A few indexed reads on the actor's own storage.

export interface ActivityFacts {
  /** A workout session dated today is started and not finished. */
  inProgressToday: boolean;
  /** When the latest workout session was started (ms), if any. */
  lastStartedAt: number | null;
}

export function activityFacts(db: TrackingDb, today: string): ActivityFacts {
  const open = db
    .select({ id: workoutSessions.id })
    .from(workoutSessions)
    .where(and(eq(workoutSessions.localDate, today), eq(workoutSessions.status, "in_progress")))
    .limit(1)
    .all();
  const [last] = db
    .select({ startedAt: workoutSessions.startedAt })
    .from(workoutSessions)
    .orderBy(desc(workoutSessions.startedAt))
    .limit(1)
    .all();
  return {
    inProgressToday: open.length > 0,
    lastStartedAt: last ? Date.parse(last.startedAt) : null,
  };
}

/** Meal logs dated from `fromDate` on (yesterday and today cover a window past midnight). */
export function mealLogsSince(db: TrackingDb, fromDate: string): MealLogFact[] {
  return db
    .select({ meal: mealLogs.meal, loggedAt: mealLogs.loggedAt, localDate: mealLogs.localDate })
    .from(mealLogs)
    .where(gte(mealLogs.localDate, fromDate))
    .all()
    .map((row) => ({
      meal: row.meal,
      logged_at: Date.parse(row.loggedAt),
      local_date: row.localDate,
    }));
}

/** The heaviest working load of the exercise's latest logged day, or null. */
export function lastLoadKg(db: TrackingDb, exerciseId: string): number | null {
  const [row] = db
    .select({ heaviestKg: setDaySummaries.heaviestKg })
    .from(setDaySummaries)
    .where(and(eq(setDaySummaries.exerciseId, exerciseId), isNotNull(setDaySummaries.heaviestKg)))
    .orderBy(desc(setDaySummaries.localDate))
    .limit(1)
    .all();
  return row?.heaviestKg ?? null;
}
