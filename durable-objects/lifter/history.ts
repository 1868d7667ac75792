import { and, asc, desc, eq, gte, inArray, isNotNull, lt } from "drizzle-orm";
import type { LiftE1rm } from "../../engine/lifter/starting-load";
import type { PerformedSet } from "../../engine/lifter/suggest-load";
import type { TrackingDb } from "../tracking/queries";
import { setDaySummaries, workoutSessions, workoutSets } from "../tracking/tables";

// What the lifter's loop reads of the user's logs (the tracking tables, in the actor's own
// storage): an exercise's last few sessions, the recent e1RMs, the exercises ever logged.
// Reads only; every one is bounded (a few sessions an exercise, a few weeks of day summaries)
// so a year of history costs what a week does.

/** One exercise's sets in one earlier session, with what the session was planned as. */
export interface PastSession {
  date: string;
  program_id: string | null;
  planned_week: number | null;
  sets: PerformedSet[];
}

/**
 * The most recent `limit` sessions before `before` (a local date) with sets of the exercise.
 * The day summaries (one row per date and exercise, keyed by date) find its last `limit` days
 * by walking back from `before` and stopping there, so a year of logs is not read; then only
 * those days' sessions and their sets of it.
 */
export function pastSessions(
  db: TrackingDb,
  exerciseId: string,
  before: string,
  limit: number,
): PastSession[] {
  const days = db
    .select({ date: setDaySummaries.localDate })
    .from(setDaySummaries)
    .where(and(eq(setDaySummaries.exerciseId, exerciseId), lt(setDaySummaries.localDate, before)))
    .orderBy(desc(setDaySummaries.localDate))
    .limit(limit)
    .all();
  if (days.length === 0) return [];
  const rows = db
    .select({
      sessionId: workoutSessions.id,
      date: workoutSessions.localDate,
      programId: workoutSessions.programId,
      plannedWeek: workoutSessions.plannedWeek,
      weight_kg: workoutSets.weightKg,
      reps: workoutSets.reps,
      rir: workoutSets.rir,
    })
    .from(workoutSessions)
    .innerJoin(workoutSets, eq(workoutSets.sessionId, workoutSessions.id))
    .where(
      and(
        inArray(
          workoutSessions.localDate,
          days.map((day) => day.date),
        ),
        eq(workoutSets.exerciseId, exerciseId),
      ),
    )
    .orderBy(
      desc(workoutSessions.localDate),
      desc(workoutSessions.startedAt),
      desc(workoutSessions.id),
      asc(workoutSets.createdAt),
      asc(workoutSets.id),
    )
    .all();
  const sessions: (PastSession & { id: string })[] = [];
  for (const row of rows) {
    let session = sessions.at(-1);
    if (session?.id !== row.sessionId) {
      if (sessions.length === limit) break;
      session = {
        id: row.sessionId,
        date: row.date,
        program_id: row.programId,
        planned_week: row.plannedWeek,
        sets: [],
      };
      sessions.push(session);
    }
    session.sets.push({ weight_kg: row.weight_kg, reps: row.reps, rir: row.rir });
  }
  return sessions.map(({ id: _id, ...session }) => session);
}

/** Each exercise's most recent best e1RM in [from, before): loads to start related lifts from. */
export function recentE1rms(db: TrackingDb, from: string, before: string): LiftE1rm[] {
  const rows = db
    .select({
      exercise_id: setDaySummaries.exerciseId,
      date: setDaySummaries.localDate,
      e1rm_kg: setDaySummaries.bestE1rmKg,
    })
    .from(setDaySummaries)
    .where(
      and(
        gte(setDaySummaries.localDate, from),
        lt(setDaySummaries.localDate, before),
        isNotNull(setDaySummaries.bestE1rmKg),
      ),
    )
    .orderBy(desc(setDaySummaries.localDate))
    .all();
  const latest = new Map<string, LiftE1rm>();
  for (const row of rows)
    if (!latest.has(row.exercise_id))
      latest.set(row.exercise_id, { ...row, e1rm_kg: row.e1rm_kg as number });
  return [...latest.values()];
}

/** Every exercise the user has logged a set of (an alternative they know the load of). */
export function loggedExerciseIds(db: TrackingDb): Set<string> {
  const rows = db.selectDistinct({ id: setDaySummaries.exerciseId }).from(setDaySummaries).all();
  return new Set(rows.map((row) => row.id));
}
