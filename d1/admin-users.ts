import { count, eq, like, or } from "drizzle-orm";
import type { Database } from "./client";
import { programs, type UserRow, users } from "./schema";
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

/**
 * How many programs a user has (D1). The log counts come from the user's actor, which holds
 * the logs (UserActor.logCounts).
 */
export async function countPrograms(db: Database, userId: string): Promise<number> {
  const rows = await db.select({ n: count() }).from(programs).where(eq(programs.userId, userId));
  return rows[0]?.n ?? 0;
}
