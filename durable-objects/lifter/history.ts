import { and, asc, desc, eq, exists, gte, inArray, isNotNull, lt } from "drizzle-orm";
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

/** The most recent `limit` sessions before `before` (a local date) with sets of the exercise. */
export function pastSessions(
  db: TrackingDb,
  exerciseId: string,
  before: string,
  limit: number,
): PastSession[] {
  const sessions = db
    .select({
      id: workoutSessions.id,
      date: workoutSessions.localDate,
      programId: workoutSessions.programId,
      plannedWeek: workoutSessions.plannedWeek,
    })
    .from(workoutSessions)
    .where(
      and(
        lt(workoutSessions.localDate, before),
        exists(
          db
            .select({ id: workoutSets.id })
            .from(workoutSets)
            .where(
              and(
                eq(workoutSets.sessionId, workoutSessions.id),
                eq(workoutSets.exerciseId, exerciseId),
              ),
            ),
        ),
      ),
    )
    .orderBy(desc(workoutSessions.localDate), desc(workoutSessions.startedAt))
    .limit(limit)
    .all();
  if (sessions.length === 0) return [];
  const sets = db
    .select({
      sessionId: workoutSets.sessionId,
      weight_kg: workoutSets.weightKg,
      reps: workoutSets.reps,
      rir: workoutSets.rir,
    })
    .from(workoutSets)
    .where(
      and(
        inArray(
          workoutSets.sessionId,
          sessions.map((s) => s.id),
        ),
        eq(workoutSets.exerciseId, exerciseId),
      ),
    )
    .orderBy(asc(workoutSets.createdAt), asc(workoutSets.id))
    .all();
  return sessions.map((session) => ({
    date: session.date,
    program_id: session.programId,
    planned_week: session.plannedWeek,
    sets: sets
      .filter((set) => set.sessionId === session.id)
      .map(({ weight_kg, reps, rir }) => ({ weight_kg, reps, rir })),
  }));
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
