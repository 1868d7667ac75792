import { sql } from "drizzle-orm";
import {
  index,
  integer,
  primaryKey,
  real,
  sqliteTable,
  text,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";
import type { LoggedFood, PlannedTargets } from "../../d1/schema";

// Tracking logs: what the user actually did, beside what the program planned. They live in the
// user's own actor (its SQLite storage, through drizzle's Durable Object driver), not in D1:
// a year of logs is ~3,300 sets, 365 weights and ~1,000 meals a user, which a million users
// would spread over many D1 databases, while each actor's storage scales by itself (issue 21).
// The storage is the user's, so no table has a user_id. The tables are created by the actor's
// frozen migrations (durable-objects/storage/storage-schema.ts, version 9); these objects only
// describe them to drizzle and must name the same columns. `client_id` is the app's own id for
// a record, so a retried request (bad network) never stores it twice.

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;

export const workoutSessions = sqliteTable(
  "workout_sessions",
  {
    id: text("id").primaryKey(),
    clientId: text("client_id"),
    programId: text("program_id"),
    plannedWeek: integer("planned_week"),
    plannedWeekday: text("planned_weekday"),
    // The user's local date of the session (adherence, streaks, summaries). Set at creation
    // and never changed: nothing updates it, so a set's day bucket is fixed.
    localDate: text("local_date").notNull(),
    status: text("status", { enum: ["in_progress", "completed"] })
      .notNull()
      .default("in_progress"),
    startedAt: text("started_at").notNull(),
    finishedAt: text("finished_at"),
    notes: text("notes"),
    perceivedEffort: integer("perceived_effort"),
    createdAt: text("created_at").notNull().default(now),
    updatedAt: text("updated_at").notNull().default(now),
  },
  (t) => [
    uniqueIndex("workout_sessions_client_unique").on(t.clientId),
    index("workout_sessions_date_idx").on(t.localDate),
    index("workout_sessions_started_idx").on(t.startedAt, t.id),
  ],
);

export const workoutSets = sqliteTable(
  "workout_sets",
  {
    id: text("id").primaryKey(),
    sessionId: text("session_id")
      .notNull()
      .references(() => workoutSessions.id, { onDelete: "cascade" }),
    clientId: text("client_id").notNull(),
    exerciseId: text("exercise_id").notNull(),
    reps: integer("reps").notNull(),
    weightKg: real("weight_kg").notNull().default(0),
    rir: integer("rir"),
    restSeconds: integer("rest_seconds"),
    // The program's targets for this exercise that day (sets, rep range, RIR), when planned.
    planned: text("planned", { mode: "json" }).$type<PlannedTargets>(),
    createdAt: text("created_at").notNull().default(now),
    updatedAt: text("updated_at").notNull().default(now),
  },
  (t) => [
    uniqueIndex("workout_sets_client_unique").on(t.clientId),
    index("workout_sets_session_idx").on(t.sessionId, t.createdAt, t.id),
    index("workout_sets_created_idx").on(t.createdAt, t.id),
    index("workout_sets_exercise_idx").on(t.exerciseId),
  ],
);

export const bodyWeights = sqliteTable(
  "body_weights",
  {
    id: text("id").primaryKey(),
    clientId: text("client_id"),
    measuredAt: text("measured_at").notNull(),
    localDate: text("local_date").notNull(),
    weightKg: real("weight_kg").notNull(),
    // Optional measurements: body_fat_pct, waist_cm, hips_cm, chest_cm, arm_cm, thigh_cm.
    measurements: text("measurements", { mode: "json" }).$type<Record<string, number>>(),
    createdAt: text("created_at").notNull().default(now),
  },
  (t) => [
    uniqueIndex("body_weights_client_unique").on(t.clientId),
    index("body_weights_date_idx").on(t.localDate),
    index("body_weights_measured_idx").on(t.measuredAt, t.id),
  ],
);

export const mealLogs = sqliteTable(
  "meal_logs",
  {
    id: text("id").primaryKey(),
    clientId: text("client_id"),
    meal: text("meal").notNull(),
    loggedAt: text("logged_at").notNull(),
    localDate: text("local_date").notNull(),
    foods: text("foods", { mode: "json" }).$type<LoggedFood[]>(),
    calories: real("calories").notNull(),
    proteinG: real("protein_g").notNull(),
    fatG: real("fat_g").notNull(),
    carbsG: real("carbs_g").notNull(),
    createdAt: text("created_at").notNull().default(now),
  },
  (t) => [
    uniqueIndex("meal_logs_client_unique").on(t.clientId),
    index("meal_logs_date_idx").on(t.localDate),
    index("meal_logs_logged_idx").on(t.loggedAt, t.id),
  ],
);

/**
 * One row per (local date, exercise) with logged sets: what progress needs of that day's sets
 * of it (engine/coaching/progress-summary.ts). Recomputed from the bucket's sets in the same
 * transaction as every insert, correction and deletion of one of them, so it is never stale.
 */
export const setDaySummaries = sqliteTable(
  "set_day_summaries",
  {
    localDate: text("local_date").notNull(),
    exerciseId: text("exercise_id").notNull(),
    sets: integer("sets").notNull(),
    hardSets: integer("hard_sets").notNull(),
    // Null when no set of the bucket has load (bodyweight only).
    bestE1rmKg: real("best_e1rm_kg"),
    heaviestKg: real("heaviest_kg"),
    heaviestReps: integer("heaviest_reps"),
  },
  (t) => [primaryKey({ columns: [t.localDate, t.exerciseId] })],
);

export const trackingSchema = {
  workoutSessions,
  workoutSets,
  bodyWeights,
  mealLogs,
  setDaySummaries,
};
