import type { PastNudge } from "../../engine/reminders/decide";
import type { ReminderType, SkipReason } from "../../engine/reminders/outcomes";

// What each reminder firing decided, sent or skipped and why, in the actor's SQLite: the
// inbox's `skipped` list and the operator read it, and the nudge's back-off reads its own
// past. Keyed by the occurrence id, so a repeated alarm records a decision once.

export type ReminderOutcomeRow = {
  id: string;
  reminder: string;
  type: ReminderType;
  due_at: string;
  local_date: string;
  outcome: "sent" | "skipped";
  reason: SkipReason | null;
  notification_id: string | null;
  created_at: string;
};

/** A skipped reminder as the API shows it. */
export interface SkippedReminder {
  reminder: string;
  type: ReminderType;
  reason: SkipReason;
  due_at: string;
  local_date: string;
  decided_at: string;
}

/** How many skipped decisions the inbox shows, newest first. */
const SKIPPED_SHOWN = 20;
/** Past nudges the back-off reads: the last two decide it. */
const NUDGES_READ = 2;

export class ReminderOutcomes {
  constructor(private readonly sql: SqlStorage) {}

  /** The decision already recorded for an occurrence (a repeated alarm), if any. */
  get(id: string): ReminderOutcomeRow | null {
    return (
      this.sql
        .exec<ReminderOutcomeRow>("SELECT * FROM reminder_outcomes WHERE id = ?", id)
        .toArray()[0] ?? null
    );
  }

  record(row: Omit<ReminderOutcomeRow, "created_at">): void {
    this.sql.exec(
      `INSERT OR IGNORE INTO reminder_outcomes
         (id, reminder, type, due_at, local_date, outcome, reason, notification_id, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      row.id,
      row.reminder,
      row.type,
      row.due_at,
      row.local_date,
      row.outcome,
      row.reason,
      row.notification_id,
      new Date().toISOString(),
    );
  }

  /** The latest skipped reminders, newest first. */
  skipped(limit = SKIPPED_SHOWN): SkippedReminder[] {
    return this.sql
      .exec<ReminderOutcomeRow>(
        `SELECT * FROM reminder_outcomes WHERE outcome = 'skipped'
         ORDER BY created_at DESC, id DESC LIMIT ?`,
        limit,
      )
      .toArray()
      .map((row) => ({
        reminder: row.reminder,
        type: row.type,
        reason: row.reason as SkipReason,
        due_at: row.due_at,
        local_date: row.local_date,
        decided_at: row.created_at,
      }));
  }

  /** The nudges sent, newest first, with whether the user opened each. */
  sentNudges(): PastNudge[] {
    return this.sql
      .exec<{ created_at: string; local_date: string; read_at: string | null }>(
        `SELECT o.created_at, o.local_date, n.read_at FROM reminder_outcomes o
         LEFT JOIN notifications n ON n.id = o.notification_id
         WHERE o.type = 'nudge' AND o.outcome = 'sent'
         ORDER BY o.created_at DESC LIMIT ?`,
        NUDGES_READ,
      )
      .toArray()
      .map((row) => ({
        sent_at: Date.parse(row.created_at),
        local_date: row.local_date,
        read: row.read_at !== null,
      }));
  }

  /** Counts by outcome and reason for operators: {sent: n, "skipped:meal_logged": n, ...}. */
  counts(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const row of this.sql
      .exec<{ outcome: string; reason: string | null; n: number }>(
        "SELECT outcome, reason, count(*) AS n FROM reminder_outcomes GROUP BY outcome, reason",
      )
      .toArray())
      counts[row.reason ? `${row.outcome}:${row.reason}` : row.outcome] = row.n;
    return counts;
  }
}
