import { eq, like } from "drizzle-orm";
import type { Database } from "./client";
import {
  accountTokens,
  operatorIssues,
  passwordCredentials,
  profiles,
  programs,
  pushTokenOwners,
  refreshTokens,
  users,
  voiceSessions,
  webhookEvents,
} from "./schema";

// Erases everything D1 holds about a user, in one batch (one transaction): what remains is a
// tombstone row in `users` (id, status `deleted`, deleted_at, nothing personal), so a replayed
// token or webhook for that id is answered "deleted" rather than "unknown". Safe to repeat.
// The user's logs are not here: they live in the actor's storage, which its deletion erases
// (`deleteAll`).

export async function eraseUserData(db: Database, userId: string): Promise<void> {
  await db.batch([
    db.delete(programs).where(eq(programs.userId, userId)),
    db.delete(profiles).where(eq(profiles.userId, userId)),
    db.delete(voiceSessions).where(eq(voiceSessions.userId, userId)),
    // Room names carry the user id (fitness-<mode>-<user>-<hex>).
    db.delete(webhookEvents).where(like(webhookEvents.roomName, `fitness-%-${userId}-%`)),
    db.delete(passwordCredentials).where(eq(passwordCredentials.userId, userId)),
    db.delete(refreshTokens).where(eq(refreshTokens.userId, userId)),
    db.delete(accountTokens).where(eq(accountTokens.userId, userId)),
    db.delete(pushTokenOwners).where(eq(pushTokenOwners.userId, userId)),
    // Operators' audit entries stay: they name the user by id only, as the tombstone does.
    db.delete(operatorIssues).where(eq(operatorIssues.userId, userId)),
    db
      .update(users)
      .set({
        email: null,
        name: null,
        externalAuthId: null,
        emailVerified: false,
        pendingEmail: null,
        accountStatus: "deleted",
        onboardingCompleted: false,
        onboardingCompletedAt: null,
      })
      .where(eq(users.id, userId)),
  ]);
}
