import { and, eq, sql } from "drizzle-orm";
import type { NutritionTargets } from "../engine/coaching/nutrition";
import type { ProfileData } from "../engine/onboarding/profile";
import type { Database } from "./client";
import { profiles, users } from "./schema";

export interface StoredProfile {
  data: ProfileData;
  nutritionTargets: NutritionTargets | null;
  version: number;
  updatedAt: string;
}

const nowIso = () => new Date().toISOString();

function columns(data: ProfileData) {
  return {
    primaryGoal: String(data.primary_goal),
    fitnessLevel: String(data.fitness_level),
    timezone: String(data.timezone),
  };
}

export async function readProfile(db: Database, userId: string): Promise<StoredProfile | null> {
  const rows = await db.select().from(profiles).where(eq(profiles.userId, userId)).limit(1);
  const row = rows[0];
  if (!row) return null;
  return {
    // Written only from validated onboarding steps and computed targets.
    data: row.data,
    nutritionTargets: row.nutritionTargets ?? null,
    version: row.version,
    updatedAt: row.updatedAt,
  };
}

/**
 * Writes the profile made by onboarding and marks the user onboarded, in one transaction.
 * Safe to repeat (an actor that crashed after this write runs it again): an existing profile
 * is kept as it is, and the first completion time stays.
 */
export async function completeOnboardingRecord(
  db: Database,
  userId: string,
  data: ProfileData,
  nutritionTargets: NutritionTargets,
): Promise<void> {
  const at = nowIso();
  await db.batch([
    db
      .insert(profiles)
      .values({ userId, data, nutritionTargets, ...columns(data), createdAt: at, updatedAt: at })
      .onConflictDoNothing({ target: profiles.userId }),
    db
      .update(users)
      .set({
        onboardingCompleted: true,
        onboardingCompletedAt: sql`coalesce(${users.onboardingCompletedAt}, ${at})`,
        updatedAt: at,
      })
      .where(eq(users.id, userId)),
  ]);
}

/**
 * Replaces the profile if it is still at `expectedVersion` (the actor is the only writer, so
 * a mismatch means a bug or a manual edit; the caller reloads instead of overwriting).
 */
export async function updateProfile(
  db: Database,
  userId: string,
  expectedVersion: number,
  data: ProfileData,
  nutritionTargets: NutritionTargets,
): Promise<StoredProfile | null> {
  const rows = await db
    .update(profiles)
    .set({
      data,
      nutritionTargets,
      ...columns(data),
      version: expectedVersion + 1,
      updatedAt: nowIso(),
    })
    .where(and(eq(profiles.userId, userId), eq(profiles.version, expectedVersion)))
    .returning();
  const row = rows[0];
  return row
    ? {
        data: row.data,
        nutritionTargets: row.nutritionTargets ?? null,
        version: row.version,
        updatedAt: row.updatedAt,
      }
    : null;
}
