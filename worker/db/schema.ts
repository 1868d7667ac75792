import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

// D1 schema. Change it, then `npm run db:generate` writes a NEW migration; applied migrations
// are never edited. Timestamps are ISO 8601 UTC strings (sortable, readable in the D1 console).

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;

export const users = sqliteTable(
  "users",
  {
    id: text("id").primaryKey(), // uuid v4
    // Lower-cased on write so uniqueness is case-insensitive. NULL after a soft delete
    // (so the address can sign up again) and for external identities without an email claim.
    email: text("email"),
    name: text("name"),
    emailVerified: integer("email_verified", { mode: "boolean" }).notNull().default(false),
    externalAuthId: text("external_auth_id"),
    accountStatus: text("account_status", { enum: ["active", "suspended", "deleted"] })
      .notNull()
      .default("active"),
    onboardingCompleted: integer("onboarding_completed", { mode: "boolean" })
      .notNull()
      .default(false),
    onboardingCompletedAt: text("onboarding_completed_at"),
    createdAt: text("created_at").notNull().default(now),
    updatedAt: text("updated_at").notNull().default(now),
    deletedAt: text("deleted_at"),
  },
  (t) => [
    uniqueIndex("users_email_unique").on(t.email),
    uniqueIndex("users_external_auth_id_unique").on(t.externalAuthId),
  ],
);

export const passwordCredentials = sqliteTable("password_credentials", {
  userId: text("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  // "pbkdf2-sha256$<iterations>$<salt b64url>$<hash b64url>" so parameters can be raised later
  // without a schema change: old hashes still verify with their own iteration count.
  passwordHash: text("password_hash").notNull(),
  createdAt: text("created_at").notNull().default(now),
  updatedAt: text("updated_at").notNull().default(now),
});

export const refreshTokens = sqliteTable(
  "refresh_tokens",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    // Every token issued from one login shares a family; reuse of a rotated token revokes it.
    familyId: text("family_id").notNull(),
    tokenHash: text("token_hash").notNull(), // SHA-256 of the opaque token, hex
    createdAt: text("created_at").notNull().default(now),
    expiresAt: text("expires_at").notNull(),
    rotatedAt: text("rotated_at"),
    revokedAt: text("revoked_at"),
  },
  (t) => [
    uniqueIndex("refresh_tokens_hash_unique").on(t.tokenHash),
    index("refresh_tokens_family_idx").on(t.familyId),
    index("refresh_tokens_user_idx").on(t.userId),
  ],
);

export type UserRow = typeof users.$inferSelect;
