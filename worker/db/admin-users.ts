import { count, eq, like, or } from "drizzle-orm";
import type { Database } from "./client";
import { mealLogs, programs, type UserRow, users, workoutSessions, workoutSets } from "./schema";
import { normaliseEmail } from "./users";

// What operators may read about users: the account row and how much data it has, never the
// data itself (no profile, weights, injuries or logs).

/** Users whose id is `query` or whose email starts with it, by email. */
export async function searchUsers(db: Database, query: string, limit: number): Promise<UserRow[]> {
  const prefix = normaliseEmail(query).replace(/[%_\\]/g, (ch) => `\\${ch}`);
  return db
    .select()
    .from(users)
    .where(or(eq(users.id, query.trim()), like(users.email, `${prefix}%`)))
    .orderBy(users.email)
    .limit(limit);
}

export interface UserCounts {
  programs: number;
  workout_sessions: number;
  workout_sets: number;
  meal_logs: number;
}

/** How many programs, sessions, sets and meals a user has: one batch, four indexed counts. */
export async function countUserData(db: Database, userId: string): Promise<UserCounts> {
  const [p, sessions, sets, meals] = await db.batch([
    db.select({ n: count() }).from(programs).where(eq(programs.userId, userId)),
    db.select({ n: count() }).from(workoutSessions).where(eq(workoutSessions.userId, userId)),
    db.select({ n: count() }).from(workoutSets).where(eq(workoutSets.userId, userId)),
    db.select({ n: count() }).from(mealLogs).where(eq(mealLogs.userId, userId)),
  ]);
  return {
    programs: p[0]?.n ?? 0,
    workout_sessions: sessions[0]?.n ?? 0,
    workout_sets: sets[0]?.n ?? 0,
    meal_logs: meals[0]?.n ?? 0,
  };
}
