import { getTableColumns, getTableName, type Table } from "drizzle-orm";
import type { Conversation } from "../chat/conversations";
import type { MealPhotoRow } from "../nutrition/meal-photos";
import type { MealPlanRow } from "../nutrition/meal-plans";
import type { JobRow } from "../programs/program-jobs";
import type { Device } from "../reminders/devices";
import type { NotificationRow } from "../reminders/inbox";
import type { ReminderOutcomeRow } from "../reminders/reminder-outcomes";
import type { ScheduleRow } from "../scheduler/scheduler";
import { trackingSchema } from "../tracking/tables";
import type { VoiceRoom } from "../voice/voice-rooms";
import type { VoiceTurnRow } from "../voice/voice-transcripts";

// The columns each table of the actor's storage has, as the code reads them. Where a module
// declares a row type, its list must name every field of that type (a missing or unknown one
// does not compile); test/worker/storage-schema.test.ts checks the migrations produce exactly
// these tables and columns.

/** Every key of a row type, no more and no less. */
function columnsOf<Row>() {
  return <const K extends readonly (keyof Row & string)[]>(
    names: K,
    ..._complete: Exclude<keyof Row, K[number]> extends never
      ? []
      : [missing: Exclude<keyof Row, K[number]>]
  ) => names;
}

/** A drizzle table's column names: the tracking tables are read through drizzle. */
const columnsOfTable = (table: Table) =>
  Object.values(getTableColumns(table)).map((column) => column.name);

export const STORAGE_TABLES: Record<string, readonly string[]> = {
  _schema_version: ["version"],
  actor_meta: ["key", "value"],
  cached_documents: ["key", "value", "stored_at"],
  onboarding_steps: ["name", "data", "saved_at"],
  schedules: columnsOf<ScheduleRow>()([
    "id",
    "kind",
    "key",
    "run_at",
    "payload",
    "attempts",
    "status",
    "last_error",
    "created_at",
    "updated_at",
    "recurrence",
  ]),
  meal_plans: columnsOf<MealPlanRow>()(["local_date", "plan", "updated_at"]),
  meal_photos: columnsOf<MealPhotoRow>()(["id", "photo_key", "draft", "created_at", "meal_log_id"]),
  program_jobs: columnsOf<JobRow>()([
    "id",
    "idempotency_key",
    "request_hash",
    "request",
    "input",
    "status",
    "stage",
    "progress",
    "attempts",
    "work",
    "stages_done",
    "created_at",
    "started_at",
    "completed_at",
    "program_id",
    "error_message",
  ]),
  notifications: columnsOf<NotificationRow>()([
    "id",
    "kind",
    "title",
    "body",
    "data",
    "created_at",
    "read_at",
  ]),
  devices: columnsOf<Device>()([
    "id",
    "platform",
    "provider",
    "token",
    "created_at",
    "last_delivered_at",
    "last_seen_at",
  ]),
  push_deliveries: ["notification_id", "device_id", "outcome", "at"],
  reminder_outcomes: columnsOf<ReminderOutcomeRow>()([
    "id",
    "reminder",
    "type",
    "due_at",
    "local_date",
    "outcome",
    "reason",
    "notification_id",
    "created_at",
  ]),
  push_tickets: ["ticket_id", "notification_id", "device_id", "sent_at", "checked_at"],
  push_receipt_errors: ["code", "count", "last_at"],
  voice_rooms: columnsOf<VoiceRoom>()([
    "room_name",
    "agent_type",
    "mode",
    "created_at",
    "expires_at",
    "status",
    "ended_at",
    "coaches",
    "duration_seconds",
    "summary",
    "transcript_kept",
  ]),
  voice_turns: columnsOf<VoiceTurnRow>()([
    "seq",
    "room_name",
    "turn_id",
    "role",
    "agent_type",
    "text",
    "spoken_at",
  ]),
  conversations: columnsOf<Conversation>()([
    "id",
    "agent_type",
    "summary",
    "created_at",
    "updated_at",
  ]),
  chat_messages: ["seq", "conversation_id", "role", "agent_type", "content", "created_at"],
  chat_events: ["seq", "conversation_id", "kind", "data", "created_at"],
  token_usage: ["day", "input_tokens", "output_tokens"],
  sync_changes: ["seq", "entity", "id", "op", "version", "at"],
  sync_log: ["id", "epoch", "head", "pruned_through"],
  sync_ops: ["op_id", "fingerprint", "result", "at"],
  health_samples: ["id", "type", "start_ms", "end_ms", "data", "received_at"],
  health_days: ["local_date", "timezone", "summary", "updated_at"],
  ...Object.fromEntries(
    Object.values(trackingSchema).map((table) => [getTableName(table), columnsOfTable(table)]),
  ),
};
