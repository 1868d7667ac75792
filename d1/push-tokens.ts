import { and, eq, ne } from "drizzle-orm";
import { sha256Hex } from "../kernel/encoding";
import type { Database } from "./client";
import { pushTokenOwners } from "./schema";

// A push token belongs to one account (a phone signed into a second account must stop getting
// the first one's reminders). The devices themselves live in each user's actor; this index,
// keyed by the token's SHA-256, is how a registration finds the account that had it before.

/**
 * Makes `userId` the token's owner; answers the previous owner (null when none or the same).
 * Read and write are one D1 batch (a transaction), so of two accounts registering the same
 * token, the later claim sees the earlier one and moves the token away from it.
 */
export async function claimPushToken(
  db: Database,
  token: string,
  userId: string,
): Promise<string | null> {
  const tokenHash = await sha256Hex(token);
  const [previous] = await db.batch([
    db
      .select({ userId: pushTokenOwners.userId })
      .from(pushTokenOwners)
      .where(eq(pushTokenOwners.tokenHash, tokenHash)),
    db
      .insert(pushTokenOwners)
      .values({ tokenHash, userId })
      .onConflictDoUpdate({
        target: pushTokenOwners.tokenHash,
        set: { userId, claimedAt: new Date().toISOString() },
        // An app registers on every launch: its own token is not written again.
        setWhere: ne(pushTokenOwners.userId, userId),
      }),
  ]);
  const owner = previous[0]?.userId ?? null;
  return owner === userId ? null : owner;
}

/** The user unregistered the token: it belongs to no one (unless another account took it). */
export async function releasePushToken(db: Database, token: string, userId: string) {
  await db
    .delete(pushTokenOwners)
    .where(
      and(
        eq(pushTokenOwners.tokenHash, await sha256Hex(token)),
        eq(pushTokenOwners.userId, userId),
      ),
    );
}
