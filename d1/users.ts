import { and, eq, isNull, ne, or, sql } from "drizzle-orm";
import type { Database } from "./client";
import { isUniqueViolation } from "./client";
import {
  accountTokens,
  adminAudit,
  passwordCredentials,
  refreshTokens,
  type UserRow,
  users,
} from "./schema";

// Every D1 access to users and credentials. Functions take the database first so tests can
// call them directly and a future shard router changes only this module.

const nowIso = () => new Date().toISOString();

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function createUserWithPassword(
  db: Database,
  input: { email: string; name: string | null; passwordHash: string },
): Promise<UserRow | "email_taken"> {
  const id = crypto.randomUUID();
  try {
    // One batch is one transaction in D1: a user never exists without its credential.
    const [inserted] = await db.batch([
      db
        .insert(users)
        .values({ id, email: normaliseEmail(input.email), name: input.name })
        .returning(),
      db.insert(passwordCredentials).values({ userId: id, passwordHash: input.passwordHash }),
    ]);
    return inserted[0] as UserRow;
  } catch (error) {
    if (isUniqueViolation(error)) return "email_taken";
    throw error;
  }
}

export async function findLoginByEmail(
  db: Database,
  email: string,
): Promise<{ user: UserRow; passwordHash: string } | null> {
  const rows = await db
    .select({ user: users, passwordHash: passwordCredentials.passwordHash })
    .from(users)
    .innerJoin(passwordCredentials, eq(passwordCredentials.userId, users.id))
    .where(and(eq(users.email, normaliseEmail(email)), isNull(users.deletedAt)))
    .limit(1);
  return rows[0] ?? null;
}

/** The account with its password hash, or null for an account without one (an external identity). */
export async function findLoginById(
  db: Database,
  userId: string,
): Promise<{ user: UserRow; passwordHash: string } | null> {
  const rows = await db
    .select({ user: users, passwordHash: passwordCredentials.passwordHash })
    .from(users)
    .innerJoin(passwordCredentials, eq(passwordCredentials.userId, users.id))
    .where(and(eq(users.id, userId), isNull(users.deletedAt)))
    .limit(1);
  return rows[0] ?? null;
}

/** The user's password hash, or null for an account without one (an external identity). */
export async function findPasswordHash(db: Database, userId: string): Promise<string | null> {
  const rows = await db
    .select({ hash: passwordCredentials.passwordHash })
    .from(passwordCredentials)
    .where(eq(passwordCredentials.userId, userId))
    .limit(1);
  return rows[0]?.hash ?? null;
}

export async function findUserById(db: Database, userId: string): Promise<UserRow | null> {
  const rows = await db.select().from(users).where(eq(users.id, userId)).limit(1);
  return rows[0] ?? null;
}

/**
 * Finds the user behind an external identity, creating it on first sight. An email claim is
 * only attached when it is not already taken, so an external login can never take over a
 * password account that happens to share the address.
 */
export async function findOrProvisionExternalUser(
  db: Database,
  identity: { subject: string; email: string | null; emailVerified: boolean; name: string | null },
): Promise<{ user: UserRow; created: boolean }> {
  const existing = await db
    .select()
    .from(users)
    .where(eq(users.externalAuthId, identity.subject))
    .limit(1);
  if (existing[0]) return { user: existing[0], created: false };

  const insert = (email: string | null) =>
    db
      .insert(users)
      .values({
        id: crypto.randomUUID(),
        email,
        name: identity.name,
        emailVerified: email !== null && identity.emailVerified,
        externalAuthId: identity.subject,
      })
      .onConflictDoNothing({ target: users.externalAuthId })
      .returning();
  let created: UserRow[];
  try {
    created = await insert(identity.email);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    created = await insert(null); // the email belongs to another account
  }
  if (created[0]) return { user: created[0], created: true };
  // Lost a race with a concurrent first request for the same subject: read the winner.
  const winner = await db
    .select()
    .from(users)
    .where(eq(users.externalAuthId, identity.subject))
    .limit(1);
  if (!winner[0]) throw new Error("external user vanished after conflict");
  return { user: winner[0], created: false };
}

/**
 * The first step of an account deletion, before the API answers: the account is closed in D1
 * (status, time), its email and external id are released so the person can sign up again,
 * and its credentials and every refresh token go, so no login or refresh works any more.
 * Operators' searches that named its address (audit rows from before they kept ids; any
 * prefix of it) lose it. One batch, one transaction. Idempotent: null when the account was
 * already closed (or, `onlyIfUnverified`, is verified: then nothing changes).
 */
export async function closeAccount(
  db: Database,
  userId: string,
  options: { onlyIfUnverified?: boolean } = {},
): Promise<UserRow | null> {
  const at = nowIso();
  const closable = sql`(SELECT email FROM users WHERE id = ${userId} AND deleted_at IS NULL${
    options.onlyIfUnverified ? sql` AND email_verified = 0` : sql``
  })`;
  const closed = sql`EXISTS (SELECT 1 FROM users WHERE id = ${userId} AND deleted_at IS NOT NULL)`;
  const [, updated] = await db.batch([
    db
      .update(adminAudit)
      .set({ target: null })
      .where(
        and(
          eq(adminAudit.action, "users.search"),
          sql`${adminAudit.target} <> '' AND substr(${closable}, 1, length(${adminAudit.target})) = lower(${adminAudit.target})`,
        ),
      ),
    db
      .update(users)
      .set({
        accountStatus: "deleted",
        deletedAt: at,
        updatedAt: at,
        email: null,
        pendingEmail: null,
        externalAuthId: null,
      })
      .where(
        and(
          eq(users.id, userId),
          isNull(users.deletedAt),
          ...(options.onlyIfUnverified ? [eq(users.emailVerified, false)] : []),
        ),
      )
      .returning(),
    db.delete(passwordCredentials).where(and(eq(passwordCredentials.userId, userId), closed)),
    db.delete(refreshTokens).where(and(eq(refreshTokens.userId, userId), closed)),
    db.delete(accountTokens).where(and(eq(accountTokens.userId, userId), closed)),
  ]);
  return updated[0] ?? null;
}

/** The active account with this email (any sign-in method), for recovery flows. */
export async function findActiveUserByEmail(db: Database, email: string): Promise<UserRow | null> {
  const rows = await db
    .select()
    .from(users)
    .where(and(eq(users.email, normaliseEmail(email)), isNull(users.deletedAt)))
    .limit(1);
  return rows[0] ?? null;
}

/**
 * A new password (a change or a reset): everything that relied on the old one ends with it in
 * one transaction: every refresh token, the pending email change, every emailed link
 * (verification, reset, change, cancel). A reset, which proves the address, also verifies it.
 */
export async function replacePassword(
  db: Database,
  userId: string,
  passwordHash: string,
  options: { verifiesEmail?: boolean } = {},
): Promise<void> {
  const at = nowIso();
  await db.batch([
    db
      .update(passwordCredentials)
      .set({ passwordHash, updatedAt: at })
      .where(eq(passwordCredentials.userId, userId)),
    db
      .update(refreshTokens)
      .set({ revokedAt: at })
      .where(and(eq(refreshTokens.userId, userId), isNull(refreshTokens.revokedAt))),
    db
      .update(accountTokens)
      .set({ usedAt: at })
      .where(and(eq(accountTokens.userId, userId), isNull(accountTokens.usedAt))),
    db
      .update(users)
      .set({
        pendingEmail: null,
        updatedAt: at,
        ...(options.verifiesEmail ? { emailVerified: true } : {}),
      })
      .where(eq(users.id, userId)),
  ]);
}

/** Marks the address verified, if it is still the account's address. */
export async function markEmailVerified(db: Database, userId: string, email: string) {
  const rows = await db
    .update(users)
    .set({ emailVerified: true, updatedAt: nowIso() })
    .where(and(eq(users.id, userId), eq(users.email, normaliseEmail(email))))
    .returning();
  return rows[0] ?? null;
}

/**
 * Starts (an address) or cancels (null) an email change. Either way the links of an earlier
 * pending change (its confirmation and its cancel link) stop working.
 */
export async function setPendingEmail(db: Database, userId: string, email: string | null) {
  const at = nowIso();
  const [rows] = await db.batch([
    db
      .update(users)
      .set({ pendingEmail: email, updatedAt: at })
      .where(eq(users.id, userId))
      .returning(),
    db
      .update(accountTokens)
      .set({ usedAt: at })
      .where(
        and(
          eq(accountTokens.userId, userId),
          or(eq(accountTokens.kind, "email_change"), eq(accountTokens.kind, "email_change_cancel")),
          isNull(accountTokens.usedAt),
        ),
      ),
  ]);
  return rows[0] ?? null;
}

export async function setName(db: Database, userId: string, name: string | null) {
  const rows = await db
    .update(users)
    .set({ name, updatedAt: nowIso() })
    .where(eq(users.id, userId))
    .returning();
  return rows[0] ?? null;
}

/**
 * Moves the account to its verified new address, if that is still the pending change (not
 * cancelled or replaced since); "email_taken" if another account took it meanwhile.
 */
export async function applyEmailChange(
  db: Database,
  userId: string,
  email: string,
): Promise<UserRow | "email_taken" | null> {
  try {
    const rows = await db
      .update(users)
      .set({
        email: normaliseEmail(email),
        emailVerified: true,
        pendingEmail: null,
        updatedAt: nowIso(),
      })
      .where(
        and(
          eq(users.id, userId),
          isNull(users.deletedAt),
          eq(users.pendingEmail, normaliseEmail(email)),
        ),
      )
      .returning();
    return rows[0] ?? null;
  } catch (error) {
    if (isUniqueViolation(error)) return "email_taken";
    throw error;
  }
}

/**
 * Suspends or reinstates an account that is not deleted; false when nothing changed. The last
 * active admin is never suspended (checked in the same statement, so two admins suspending
 * each other at once cannot both succeed).
 */
export async function setAccountSuspended(
  db: Database,
  userId: string,
  suspended: boolean,
): Promise<boolean> {
  const anotherAdmin = sql`EXISTS (SELECT 1 FROM users AS other WHERE other.role = 'admin' AND other.account_status = 'active' AND other.deleted_at IS NULL AND other.id <> ${userId})`;
  const rows = await db
    .update(users)
    .set({ accountStatus: suspended ? "suspended" : "active", updatedAt: nowIso() })
    .where(
      and(
        eq(users.id, userId),
        isNull(users.deletedAt),
        ...(suspended ? [or(ne(users.role, "admin"), anotherAdmin)] : []),
      ),
    )
    .returning({ id: users.id });
  return rows.length > 0;
}

/** The user's role now (tokens carry a copy; /admin checks this one too), null if no such user. */
export async function findUserRole(db: Database, userId: string): Promise<UserRow["role"] | null> {
  const rows = await db
    .select({ role: users.role })
    .from(users)
    .where(and(eq(users.id, userId), isNull(users.deletedAt)))
    .limit(1);
  return rows[0]?.role ?? null;
}
