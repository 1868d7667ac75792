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
  {
    version: 9,
    // The user's logs, moved out of D1 (issue 21; durable-objects/tracking/tables.ts describes them to
    // drizzle). No user_id: the storage is the user's. `client_id` is unique per table (a retried
    // create answers the stored row); set_day_summaries holds one row per local date and
    // exercise, rebuilt from that bucket's sets whenever one of them changes.
    sql: `
  CREATE TABLE workout_sessions (
    id TEXT PRIMARY KEY,
    client_id TEXT,
    program_id TEXT,
    planned_week INTEGER,
    planned_weekday TEXT,
    local_date TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'in_progress',
    started_at TEXT NOT NULL,
    finished_at TEXT,
    notes TEXT,
    perceived_effort INTEGER,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
  );
  CREATE UNIQUE INDEX workout_sessions_client_unique ON workout_sessions (client_id);
  CREATE INDEX workout_sessions_date_idx ON workout_sessions (local_date);
  CREATE INDEX workout_sessions_started_idx ON workout_sessions (started_at, id);
  CREATE TABLE workout_sets (
    id TEXT PRIMARY KEY,
    session_id TEXT NOT NULL REFERENCES workout_sessions (id) ON DELETE CASCADE,
    client_id TEXT NOT NULL,
    exercise_id TEXT NOT NULL,
    reps INTEGER NOT NULL,
    weight_kg REAL NOT NULL DEFAULT 0,
    rir INTEGER,
    rest_seconds INTEGER,
    planned TEXT,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
  );
  CREATE UNIQUE INDEX workout_sets_client_unique ON workout_sets (client_id);
  CREATE INDEX workout_sets_session_idx ON workout_sets (session_id, created_at, id);
  CREATE INDEX workout_sets_created_idx ON workout_sets (created_at, id);
  CREATE INDEX workout_sets_exercise_idx ON workout_sets (exercise_id);
  CREATE TABLE body_weights (
    id TEXT PRIMARY KEY,
    client_id TEXT,
    measured_at TEXT NOT NULL,
    local_date TEXT NOT NULL,
    weight_kg REAL NOT NULL,
    measurements TEXT,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
  );
  CREATE UNIQUE INDEX body_weights_client_unique ON body_weights (client_id);
  CREATE INDEX body_weights_date_idx ON body_weights (local_date);
  CREATE INDEX body_weights_measured_idx ON body_weights (measured_at, id);
  CREATE TABLE meal_logs (
    id TEXT PRIMARY KEY,
    client_id TEXT,
    meal TEXT NOT NULL,
    logged_at TEXT NOT NULL,
    local_date TEXT NOT NULL,
    foods TEXT,
    calories REAL NOT NULL,
    protein_g REAL NOT NULL,
    fat_g REAL NOT NULL,
    carbs_g REAL NOT NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
  );
  CREATE UNIQUE INDEX meal_logs_client_unique ON meal_logs (client_id);
  CREATE INDEX meal_logs_date_idx ON meal_logs (local_date);
  CREATE INDEX meal_logs_logged_idx ON meal_logs (logged_at, id);
  CREATE TABLE set_day_summaries (
    local_date TEXT NOT NULL,
    exercise_id TEXT NOT NULL,
    sets INTEGER NOT NULL,
    hard_sets INTEGER NOT NULL,
    best_e1rm_kg REAL,
    heaviest_kg REAL,
    heaviest_reps INTEGER,
    PRIMARY KEY (local_date, exercise_id)
  );
    `,
  },
  // --- issue 30 (sync) ---
  {
    version: 10,
    // The change log (durable-objects/sync/change-log.ts): one row per changed record, at its
    // latest seq; sync_log holds the log's epoch, the highest seq given and the highest seq of
    // a tombstone dropped for age; sync_ops the first result of each pushed op (replays answer
    // it). The records that exist already are logged once, oldest first, so a new device's
    // first pull gets them.
    sql: `
  CREATE TABLE sync_changes (
    seq INTEGER PRIMARY KEY,
    entity TEXT NOT NULL,
    id TEXT NOT NULL,
    op TEXT NOT NULL,
    version INTEGER NOT NULL,
    at TEXT NOT NULL,
    UNIQUE (entity, id)
  );
  CREATE INDEX sync_changes_tombstones_idx ON sync_changes (op, at);
  CREATE TABLE sync_log (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    epoch TEXT NOT NULL,
    head INTEGER NOT NULL,
    pruned_through INTEGER NOT NULL
  );
  CREATE TABLE sync_ops (
    op_id TEXT PRIMARY KEY,
    fingerprint TEXT NOT NULL,
    result TEXT NOT NULL,
    at TEXT NOT NULL
  );
  CREATE INDEX sync_ops_at_idx ON sync_ops (at);
  INSERT INTO sync_changes (entity, id, op, version, at)
    SELECT 'profile', 'me', 'upsert', coalesce(json_extract(value, '$.version'), 1), stored_at
    FROM cached_documents WHERE key = 'profile';
  INSERT INTO sync_changes (entity, id, op, version, at)
    SELECT 'reminders', 'me', 'upsert', 1, stored_at FROM cached_documents WHERE key = 'profile';
  INSERT INTO sync_changes (entity, id, op, version, at)
    SELECT 'session', id, 'upsert', 1, updated_at FROM workout_sessions ORDER BY started_at, id;
  INSERT INTO sync_changes (entity, id, op, version, at)
    SELECT 'set', id, 'upsert', 1, updated_at FROM workout_sets ORDER BY created_at, id;
  INSERT INTO sync_changes (entity, id, op, version, at)
    SELECT 'body_weight', id, 'upsert', 1, created_at FROM body_weights ORDER BY measured_at, id;
  INSERT INTO sync_changes (entity, id, op, version, at)
    SELECT 'meal', id, 'upsert', 1, created_at FROM meal_logs ORDER BY logged_at, id;
  INSERT INTO sync_log (id, epoch, head, pruned_through)
    VALUES (1, lower(hex(randomblob(8))), (SELECT coalesce(max(seq), 0) FROM sync_changes), 0);
`,
  },
  // --- issue 32 (nutrition) ---
  {
    version: 11,
    // The stored meal plan per local date (kept a week), and the plate photos with their
    // drafts: the R2 key, the draft the vision model made, and the meal log it became once
    // the user confirmed it (the photo is deleted from R2 after MEAL_PHOTO_KEEP_DAYS).
    sql: `
  CREATE TABLE meal_plans (
    local_date TEXT PRIMARY KEY,
    plan TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE TABLE meal_photos (
    id TEXT PRIMARY KEY,
    photo_key TEXT NOT NULL,
    draft TEXT NOT NULL,
    created_at TEXT NOT NULL,
    meal_log_id TEXT
  );
  CREATE INDEX meal_photos_created_idx ON meal_photos (created_at);
`,
  },
  // --- issue 33 (health) ---
  {
    version: 12,
    // The phone's health data (issue 33; durable-objects/health/). One row per platform id
    // (HealthKit UUID, Health Connect record id): `data` is the normalised sample as JSON, or
    // NULL for a tombstone (a deleted id is never stored again). start_ms/end_ms find the
    // samples of a local day's window. health_days holds one row per local date, rebuilt from
    // its samples whenever an upload touches it; `timezone` is the zone it was summed in.
    sql: `
  CREATE TABLE health_samples (
    id TEXT PRIMARY KEY,
    type TEXT,
    start_ms INTEGER,
    end_ms INTEGER,
    data TEXT,
    received_at TEXT NOT NULL
  );
  CREATE INDEX health_samples_start_idx ON health_samples (start_ms) WHERE data IS NOT NULL;
  CREATE TABLE health_days (
    local_date TEXT PRIMARY KEY,
    timezone TEXT NOT NULL,
    summary TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
    `,
  },
  // --- issue 34 (reminders that know what you did) ---
  {
    version: 13,
    // Every reminder firing's decision, sent or skipped with its reason (engine/reminders/
    // outcomes.ts), keyed by the occurrence so a repeated alarm records it once; and the Expo
    // tickets whose receipts are still to be asked for (engine/reminders/receipts.ts).
    sql: `
  CREATE TABLE reminder_outcomes (
    id TEXT PRIMARY KEY,
    reminder TEXT NOT NULL,
    type TEXT NOT NULL,
    due_at TEXT NOT NULL,
    local_date TEXT NOT NULL,
    outcome TEXT NOT NULL,
    reason TEXT,
    notification_id TEXT,
    created_at TEXT NOT NULL
  );
  CREATE INDEX reminder_outcomes_created_idx ON reminder_outcomes (created_at, id);
  CREATE INDEX reminder_outcomes_type_idx ON reminder_outcomes (type, local_date);
  CREATE TABLE push_tickets (
    ticket_id TEXT PRIMARY KEY,
    notification_id TEXT NOT NULL,
    device_id TEXT NOT NULL,
    sent_at INTEGER NOT NULL,
    checked_at INTEGER
  );
  CREATE TABLE push_receipt_errors (
    code TEXT PRIMARY KEY,
    count INTEGER NOT NULL,
    last_at TEXT NOT NULL
  );
    `,
  },
];

export const STORAGE_SCHEMA_VERSION = MIGRATIONS.at(-1)?.version ?? 0;

/**
 * Brings the actor's storage up to the latest version (or `target`: a restore rebuilds the
 * tables of its snapshot's version first); a no-op once it is there.
 */
export function migrateStorage(
  storage: DurableObjectStorage,
  target = STORAGE_SCHEMA_VERSION,
): number {
  const sql = storage.sql;
  sql.exec("CREATE TABLE IF NOT EXISTS _schema_version (version INTEGER NOT NULL)");
  const current = sql
    .exec<{ version: number }>("SELECT version FROM _schema_version")
    .toArray()[0]?.version;
  let version = current ?? 0;
  if (current === undefined) sql.exec("INSERT INTO _schema_version (version) VALUES (0)");
  for (const migration of MIGRATIONS) {
    if (migration.version <= version || migration.version > target) continue;
    storage.transactionSync(() => {
      sql.exec(migration.sql);
      sql.exec("UPDATE _schema_version SET version = ?", migration.version);
    });
    version = migration.version;
  }
  return version;
}
