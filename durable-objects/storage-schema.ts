import { CONVERSATIONS_SCHEMA } from "./conversations";
import { PROGRAM_JOBS_SCHEMA } from "./program-jobs";
import { SCHEDULER_SCHEMA } from "./scheduler";
import { VOICE_ROOMS_SCHEMA } from "./voice-rooms";

// The UserActor's SQLite schema, created and migrated in one place on first use.
// Append a migration to change it; never edit one that has shipped (actors keep their storage).

const MIGRATIONS: ReadonlyArray<{ version: number; sql: string }> = [
  {
    version: 1,
    sql: `
      CREATE TABLE actor_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE cached_user (
        id TEXT PRIMARY KEY,
        record TEXT NOT NULL,
        loaded_at TEXT NOT NULL
      );
    `,
  },
  {
    version: 2,
    sql: `
      DROP TABLE cached_user;
      CREATE TABLE cached_documents (key TEXT PRIMARY KEY, value TEXT NOT NULL, stored_at TEXT NOT NULL);
      CREATE TABLE onboarding_steps (name TEXT PRIMARY KEY, data TEXT NOT NULL, saved_at TEXT NOT NULL);
    `,
  },
  { version: 3, sql: SCHEDULER_SCHEMA + PROGRAM_JOBS_SCHEMA },
  {
    version: 4,
    sql: `
      ALTER TABLE schedules ADD COLUMN recurrence TEXT;
      CREATE TABLE notifications (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        title TEXT NOT NULL,
        body TEXT NOT NULL,
        data TEXT NOT NULL DEFAULT '{}',
        created_at TEXT NOT NULL,
        read_at TEXT
      );
      CREATE INDEX notifications_created ON notifications (created_at DESC, id DESC);
      CREATE TABLE devices (
        id TEXT PRIMARY KEY,
        platform TEXT NOT NULL,
        provider TEXT NOT NULL,
        token TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL,
        last_delivered_at TEXT
      );
      CREATE TABLE push_deliveries (
        notification_id TEXT NOT NULL,
        device_id TEXT NOT NULL,
        outcome TEXT NOT NULL,
        at TEXT NOT NULL,
        PRIMARY KEY (notification_id, device_id)
      );
    `,
  },
  { version: 5, sql: VOICE_ROOMS_SCHEMA },
  { version: 6, sql: CONVERSATIONS_SCHEMA },
];

export const STORAGE_SCHEMA_VERSION = MIGRATIONS.at(-1)?.version ?? 0;

/** Brings the actor's storage up to the latest version; a no-op once it is there. */
export function migrateStorage(storage: DurableObjectStorage): number {
  const sql = storage.sql;
  sql.exec("CREATE TABLE IF NOT EXISTS _schema_version (version INTEGER NOT NULL)");
  const current = sql
    .exec<{ version: number }>("SELECT version FROM _schema_version")
    .toArray()[0]?.version;
  let version = current ?? 0;
  if (current === undefined) sql.exec("INSERT INTO _schema_version (version) VALUES (0)");
  for (const migration of MIGRATIONS) {
    if (migration.version <= version) continue;
    storage.transactionSync(() => {
      sql.exec(migration.sql);
      sql.exec("UPDATE _schema_version SET version = ?", migration.version);
    });
    version = migration.version;
  }
  return version;
}
