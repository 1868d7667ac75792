// The UserActor's SQLite schema, created and migrated in one place on first use. Each
// migration is literal SQL frozen here: append a migration to change the schema, never edit
// one that has shipped (actors keep their storage, and an edit would rewrite history for new
// actors only). test/worker/storage-schema.test.ts checks the tables they produce against the
// row types the modules read (storage-tables.ts).

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
  {
    version: 3,
    sql: `
  CREATE TABLE schedules (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    key TEXT NOT NULL UNIQUE,
    run_at INTEGER NOT NULL,
    payload TEXT NOT NULL DEFAULT '{}',
    attempts INTEGER NOT NULL DEFAULT 0,
    status TEXT NOT NULL DEFAULT 'pending',
    last_error TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );
  CREATE INDEX schedules_due ON schedules (status, run_at);
  CREATE TABLE program_jobs (
    id TEXT PRIMARY KEY,
    idempotency_key TEXT UNIQUE,
    request_hash TEXT NOT NULL,
    request TEXT NOT NULL,
    input TEXT,
    status TEXT NOT NULL,
    stage TEXT NOT NULL,
    progress INTEGER NOT NULL DEFAULT 0,
    attempts INTEGER NOT NULL DEFAULT 0,
    work TEXT,
    stages_done TEXT NOT NULL DEFAULT '[]',
    created_at TEXT NOT NULL,
    started_at TEXT,
    completed_at TEXT,
    program_id TEXT,
    error_message TEXT
  );
  CREATE INDEX program_jobs_queue ON program_jobs (status, created_at);
    `,
  },
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
  {
    version: 5,
    sql: `
  CREATE TABLE voice_rooms (
    room_name TEXT PRIMARY KEY,
    agent_type TEXT NOT NULL,
    mode TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'active',
    ended_at TEXT
  );
    `,
  },
  {
    version: 6,
    sql: `
  CREATE TABLE conversations (
    id TEXT PRIMARY KEY,
    agent_type TEXT NOT NULL,
    summary TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE TABLE chat_messages (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    conversation_id TEXT NOT NULL,
    role TEXT NOT NULL,
    agent_type TEXT NOT NULL,
    content TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE INDEX chat_messages_conversation ON chat_messages (conversation_id, seq);
  CREATE TABLE chat_events (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    conversation_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    data TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE TABLE token_usage (day TEXT PRIMARY KEY, input_tokens INTEGER NOT NULL, output_tokens INTEGER NOT NULL);
    `,
  },
  {
    version: 7,
    // When the app last registered the device (every launch does): the least recently seen
    // one is evicted when a user goes over MAX_DEVICES_PER_USER.
    sql: `
  ALTER TABLE devices ADD COLUMN last_seen_at TEXT;
  UPDATE devices SET last_seen_at = created_at;
    `,
  },
  {
    version: 8,
    // Call memory: the coaches of each call, its length and summary once it ended, and the
    // transcript turns the agent host posts (kept for the last VOICE_TRANSCRIPTS_KEPT calls).
    // Calls that ended before this version get their first coach and a length, no summary.
    sql: `
  ALTER TABLE voice_rooms ADD COLUMN coaches TEXT NOT NULL DEFAULT '[]';
  ALTER TABLE voice_rooms ADD COLUMN duration_seconds INTEGER;
  ALTER TABLE voice_rooms ADD COLUMN summary TEXT;
  ALTER TABLE voice_rooms ADD COLUMN transcript_kept INTEGER NOT NULL DEFAULT 1;
  UPDATE voice_rooms SET coaches = json_array(agent_type);
  UPDATE voice_rooms SET duration_seconds =
    CAST(round((julianday(ended_at) - julianday(created_at)) * 86400) AS INTEGER)
    WHERE ended_at IS NOT NULL;
  CREATE INDEX voice_rooms_ended ON voice_rooms (status, ended_at);
  CREATE TABLE voice_turns (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    room_name TEXT NOT NULL,
    turn_id TEXT NOT NULL,
    role TEXT NOT NULL,
    agent_type TEXT NOT NULL,
    text TEXT NOT NULL,
    spoken_at TEXT NOT NULL,
    UNIQUE (room_name, turn_id)
  );
    `,
  },
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
