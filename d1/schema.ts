import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import type { NutritionTargets } from "../engine/coaching/nutrition";
import type { ProfileData } from "../engine/onboarding/profile";

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
    // Operators are `admin`; only scripts/admin-grant.ts (or another admin's D1 access) sets it.
    role: text("role", { enum: ["user", "admin"] })
      .notNull()
      .default("user"),
    onboardingCompleted: integer("onboarding_completed", { mode: "boolean" })
      .notNull()
      .default(false),
    onboardingCompletedAt: text("onboarding_completed_at"),
    createdAt: text("created_at").notNull().default(now),
    updatedAt: text("updated_at").notNull().default(now),
    deletedAt: text("deleted_at"),
    // An email change waiting for the new address to be verified (shown to the app).
    pendingEmail: text("pending_email"),
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

// Single-use tokens sent by email: password resets, address verification, email changes (the
// new address's confirmation and the old address's cancel link).
// Stored as SHA-256 only; a token is spent once (used_at) and dies at expires_at.
export const accountTokens = sqliteTable(
  "account_tokens",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind", {
      enum: ["password_reset", "email_verification", "email_change", "email_change_cancel"],
    }).notNull(),
    tokenHash: text("token_hash").notNull(),
    // The address the token is about (for an email change and its cancel: the new address).
    email: text("email").notNull(),
    createdAt: text("created_at").notNull().default(now),
    expiresAt: text("expires_at").notNull(),
    usedAt: text("used_at"),
  },
  (t) => [
    uniqueIndex("account_tokens_hash_unique").on(t.tokenHash),
    index("account_tokens_user_idx").on(t.userId, t.kind),
  ],
);

// The exercise catalog: built-in exercises (seeded by a migration) and imported ones
// (npm run exercises:import). List columns hold JSON arrays of vocabulary values.
export const exercises = sqliteTable(
  "exercises",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    category: text("category").notNull(),
    primaryMuscles: text("primary_muscles", { mode: "json" }).$type<string[]>().notNull(),
    secondaryMuscles: text("secondary_muscles", { mode: "json" }).$type<string[]>().notNull(),
    equipment: text("equipment", { mode: "json" }).$type<string[]>().notNull(),
    mechanic: text("mechanic").notNull(),
    force: text("force"),
    level: text("level").notNull(),
    pattern: text("pattern").notNull(),
    cues: text("cues", { mode: "json" }).$type<string[]>().notNull(),
    contraindications: text("contraindications", { mode: "json" }).$type<string[]>().notNull(),
    imageUrl: text("image_url"),
    source: text("source").notNull(),
    sourceId: text("source_id"),
    // Hash of every field above: an import that brings nothing new writes nothing.
    contentHash: text("content_hash").notNull(),
    createdAt: text("created_at").notNull().default(now),
    updatedAt: text("updated_at").notNull().default(now),
    // Retired by an operator: hidden from search, still readable by id (old programs name it).
    retiredAt: text("retired_at"),
  },
  (t) => [
    index("exercises_pattern_idx").on(t.pattern),
    index("exercises_level_idx").on(t.level),
    index("exercises_name_idx").on(t.name),
    uniqueIndex("exercises_source_unique").on(t.source, t.sourceId),
  ],
);

// The coaching profile, written when onboarding completes and by PATCH /v1/profile (always
// through the user's actor, which caches it). Metric units; list fields are JSON arrays.
export const profiles = sqliteTable("profiles", {
  userId: text("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  // Bumped on every write; the profile's ETag.
  version: integer("version").notNull().default(1),
  data: text("data", { mode: "json" }).$type<ProfileData>().notNull(),
  primaryGoal: text("primary_goal").notNull(),
  fitnessLevel: text("fitness_level").notNull(),
  timezone: text("timezone").notNull(),
  nutritionTargets: text("nutrition_targets", { mode: "json" }).$type<NutritionTargets>(),
  createdAt: text("created_at").notNull().default(now),
  updatedAt: text("updated_at").notNull().default(now),
});

// Generated training programs. `content` is the coaching engine's program JSON (weeks, days,
// exercises), the shape the API returns. At most one active program per user.
export const programs = sqliteTable(
  "programs",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    // The job that made it: storing the same job's program twice is impossible.
    jobId: text("job_id").notNull(),
    name: text("name").notNull(),
    description: text("description").notNull(),
    goal: text("goal").notNull(),
    fitnessLevel: text("fitness_level").notNull(),
    durationWeeks: integer("duration_weeks").notNull(),
    daysPerWeek: integer("days_per_week").notNull(),
    content: text("content", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    // How Claude personalised it (notes, swaps applied) or why it did not.
    personalisation: text("personalisation", { mode: "json" }).$type<Record<string, unknown>>(),
    isActive: integer("is_active", { mode: "boolean" }).notNull().default(false),
    // The user's local date the program started (week 1 day 1), set on activation.
    startsOn: text("starts_on"),
    createdAt: text("created_at").notNull().default(now),
    activatedAt: text("activated_at"),
  },
  (t) => [
    uniqueIndex("programs_job_unique").on(t.jobId),
    index("programs_user_created_idx").on(t.userId, t.createdAt),
    uniqueIndex("programs_one_active_per_user").on(t.userId).where(sql`${t.isActive} = 1`),
  ],
);

/** A planned exercise's targets, copied onto each set logged for it. */
export interface PlannedTargets {
  sets: number;
  rep_min: number;
  rep_max: number;
  target_rir: number;
  rest_seconds: number;
}

export interface LoggedFood {
  name: string;
  grams?: number;
  calories: number;
  protein_g: number;
  fat_g: number;
  carbs_g: number;
}

// Tracking logs (workout sessions and sets, body weights, meal logs) are not in D1: each
// user's live in that user's actor (durable-objects/tracking/tables.ts, issue 21).

// Voice coaching sessions (LiveKit rooms), the history kept true by the webhook.
export const voiceSessions = sqliteTable(
  "voice_sessions",
  {
    roomName: text("room_name").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    agentType: text("agent_type").notNull(),
    mode: text("mode").notNull(),
    status: text("status", { enum: ["created", "active", "ended"] })
      .notNull()
      .default("created"),
    createdAt: text("created_at").notNull(),
    startedAt: text("started_at"),
    endedAt: text("ended_at"),
    durationSeconds: integer("duration_seconds"),
    participantsJoined: integer("participants_joined").notNull().default(0),
    agentJoined: integer("agent_joined", { mode: "boolean" }).notNull().default(false),
  },
  (t) => [index("voice_sessions_user_idx").on(t.userId, t.createdAt)],
);

// LiveKit webhook event ids already handled: LiveKit retries, so duplicates are expected.
export const webhookEvents = sqliteTable("webhook_events", {
  id: text("id").primaryKey(),
  event: text("event").notNull(),
  roomName: text("room_name"),
  receivedAt: text("received_at").notNull().default(now),
});

// Which account a push token belongs to, by the token's SHA-256 (never the token): registering
// it on another account moves it there, and the previous account's actor drops its device.
export const pushTokenOwners = sqliteTable(
  "push_token_owners",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    claimedAt: text("claimed_at").notNull().default(now),
  },
  (t) => [index("push_token_owners_user_idx").on(t.userId)],
);

// Every call an operator makes to /admin/*: who, what, on whom, why. Kept after the user's
// data is erased (it names the user only by id, which the tombstone keeps too).
export const adminAudit = sqliteTable(
  "admin_audit",
  {
    id: text("id").primaryKey(),
    adminId: text("admin_id").notNull(),
    action: text("action").notNull(),
    targetUserId: text("target_user_id"),
    // What else the action names: an exercise id, an issue id, a search term.
    target: text("target"),
    reason: text("reason"),
    createdAt: text("created_at").notNull().default(now),
  },
  (t) => [
    index("admin_audit_admin_idx").on(t.adminId, t.createdAt),
    index("admin_audit_target_user_idx").on(t.targetUserId, t.createdAt),
  ],
);

// Work a user's actor gave up on (a failed program job, a parked push or reminder), recorded
// here by the actor so operators can list it without scanning every actor. The actor's own
// storage stays the truth for the work itself; retrying goes back to that actor by RPC.
export const operatorIssues = sqliteTable(
  "operator_issues",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: ["program_job", "parked_schedule"] }).notNull(),
    // The job id or the schedule key, within the user's actor.
    refId: text("ref_id").notNull(),
    error: text("error").notNull(),
    at: text("at").notNull(),
    resolvedAt: text("resolved_at"),
  },
  (t) => [
    uniqueIndex("operator_issues_ref_unique").on(t.userId, t.kind, t.refId),
    index("operator_issues_open_idx").on(t.kind, t.resolvedAt, t.at),
  ],
);
