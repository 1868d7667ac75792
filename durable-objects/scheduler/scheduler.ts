import { nextSpreadOccurrence, type SpreadRecurrence } from "../../engine/reminders/spread";
import type { Logger } from "../../kernel/logger";
import { backoffDelay, isRetryable } from "../../kernel/retry";

// Schedules over the actor's single alarm: one row per pending piece of work (a job step, a
// reminder, the daily adaptation), the alarm always armed for the earliest row.
//
// Alarms are at-least-once: a handler may run twice for one due time (the alarm can fire
// again after a crash before we recorded the outcome). Handlers must be idempotent; the
// scheduler records each outcome before re-arming so a finished run is not repeated.

export type ScheduleRow = {
  /** New on every schedule() of the key, so a run can tell its row was replaced meanwhile. */
  id: string;
  kind: string;
  /** Idempotency key: scheduling the same key again updates the row instead of adding one. */
  key: string;
  run_at: number;
  payload: string;
  attempts: number;
  status: "pending" | "parked";
  last_error: string | null;
  /** JSON Recurrence for repeating work (local time in a timezone), else null. */
  recurrence: string | null;
  created_at: number;
  updated_at: number;
};

export interface ScheduleInput {
  kind: string;
  key: string;
  /** When to run first; a recurrence's next occurrence (or now) when omitted. */
  runAt?: number;
  payload?: unknown;
  /** A local time in a timezone, with an optional second (a reminder's spread). */
  recurrence?: SpreadRecurrence;
}

// biome-ignore lint/suspicious/noConfusingVoidType: handlers that finish return nothing
export type HandlerResult = void | { rescheduleAt: number };
export type Handler = (row: ScheduleRow) => Promise<HandlerResult> | HandlerResult;

/** How a kind of work is retried: the scheduler applies it to every row of that kind. */
export interface RetryPolicy {
  maxAttempts: () => number;
  /** Backoff base: attempt n waits about base * 2^(n-1), with jitter. */
  baseMs: () => number;
  /** What stays of work given up on: a parked row (an operator can retry it) or nothing. */
  onGiveUp: "park" | "drop";
  /** Called once when the work is given up (after the row is parked or dropped). */
  gaveUp?: (row: ScheduleRow, error: string, attempts: number) => Promise<void> | void;
}

export interface SchedulerOptions {
  /** The retry policy of each kind of work. */
  policy: (kind: string) => RetryPolicy;
  now?: () => number;
  random?: () => number;
  log?: () => Logger;
}

export class Scheduler {
  readonly #now: () => number;

  constructor(
    private readonly storage: DurableObjectStorage,
    private readonly options: SchedulerOptions,
  ) {
    this.#now = options.now ?? Date.now;
  }

  /** Adds or replaces (by key) a pending schedule and re-arms the alarm. */
  async schedule(input: ScheduleInput): Promise<void> {
    this.#upsert(input);
    await this.arm();
  }

  /**
   * Replaces every schedule under a key prefix with the given set in one go (used to re-plan
   * a user's reminders): unchanged keys keep their row, so nothing due is lost or doubled.
   */
  async replace(prefix: string, inputs: ScheduleInput[]): Promise<void> {
    const keep = new Set(inputs.map((input) => input.key));
    const existingKeys = this.storage.sql
      .exec<{ key: string }>(
        "SELECT key FROM schedules WHERE substr(key, 1, ?) = ?",
        prefix.length,
        prefix,
      )
      .toArray();
    for (const row of existingKeys)
      if (!keep.has(row.key)) this.storage.sql.exec("DELETE FROM schedules WHERE key = ?", row.key);
    for (const input of inputs) {
      const existing = this.get(input.key);
      const same =
        existing?.status === "pending" &&
        existing.kind === input.kind &&
        existing.payload === JSON.stringify(input.payload ?? {}) &&
        existing.recurrence === (input.recurrence ? JSON.stringify(input.recurrence) : null);
      if (!same) this.#upsert(input);
    }
    await this.arm();
  }

  /**
   * Schedules without arming, for a handler inside runDue (which arms once when it is done):
   * arming mid-run for a row still due would start a second alarm beside this one.
   */
  addFromHandler(input: ScheduleInput): void {
    this.#upsert(input);
  }

  #upsert(input: ScheduleInput): void {
    const now = this.#now();
    const runAt =
      input.runAt ?? (input.recurrence ? nextSpreadOccurrence(input.recurrence, now) : now);
    this.storage.sql.exec(
      `INSERT INTO schedules (id, kind, key, run_at, payload, recurrence, attempts, status, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, 0, 'pending', ?, ?)
       ON CONFLICT(key) DO UPDATE SET id = excluded.id, kind = excluded.kind, run_at = excluded.run_at,
         payload = excluded.payload, recurrence = excluded.recurrence, attempts = 0, status = 'pending',
         last_error = NULL, updated_at = excluded.updated_at`,
      crypto.randomUUID(),
      input.kind,
      input.key,
      runAt,
      JSON.stringify(input.payload ?? {}),
      input.recurrence ? JSON.stringify(input.recurrence) : null,
      now,
      now,
    );
  }

  async cancel(key: string): Promise<void> {
    this.storage.sql.exec("DELETE FROM schedules WHERE key = ?", key);
    await this.arm();
  }

  /** Cancels everything scheduled but one key (an account being deleted keeps its own). */
  async cancelAllExcept(key: string): Promise<void> {
    this.storage.sql.exec("DELETE FROM schedules WHERE key != ?", key);
    await this.arm();
  }

  /** Cancels every schedule whose key starts with the prefix (e.g. all reminders). */
  async cancelPrefix(prefix: string): Promise<void> {
    this.storage.sql.exec(
      "DELETE FROM schedules WHERE substr(key, 1, ?) = ?",
      prefix.length,
      prefix,
    );
    await this.arm();
  }

  get(key: string): ScheduleRow | null {
    return (
      this.storage.sql
        .exec<ScheduleRow>("SELECT * FROM schedules WHERE key = ?", key)
        .toArray()[0] ?? null
    );
  }

  list(status: ScheduleRow["status"] = "pending"): ScheduleRow[] {
    return this.storage.sql
      .exec<ScheduleRow>("SELECT * FROM schedules WHERE status = ? ORDER BY run_at, key", status)
      .toArray();
  }

  /** A parked row runs again now with fresh attempts (an operator's retry); false if none. */
  async retryParked(key: string): Promise<boolean> {
    const now = this.#now();
    const updated = this.storage.sql.exec(
      `UPDATE schedules SET status = 'pending', attempts = 0, last_error = NULL, run_at = ?,
         updated_at = ? WHERE key = ? AND status = 'parked'`,
      now,
      now,
      key,
    ).rowsWritten;
    await this.arm();
    return updated > 0;
  }

  /** Drops a parked row (an operator gave up on it); false if there was none. */
  dropParked(key: string): boolean {
    return (
      this.storage.sql.exec("DELETE FROM schedules WHERE key = ? AND status = 'parked'", key)
        .rowsWritten > 0
    );
  }

  /** Arms the alarm for the earliest pending row, or clears it when there is none. */
  async arm(): Promise<void> {
    const next = this.storage.sql
      .exec<{ run_at: number }>(
        "SELECT min(run_at) AS run_at FROM schedules WHERE status = 'pending'",
      )
      .toArray()[0]?.run_at;
    if (next === null || next === undefined) {
      await this.storage.deleteAlarm();
      return;
    }
    // Never arm for "now" from inside alarm(): workerd may not fire it again; 1 ms later does.
    const at = Math.max(next, this.#now() + 1);
    const current = await this.storage.getAlarm();
    if (current !== at) await this.storage.setAlarm(at);
  }

  /**
   * Runs every due row once (the alarm handler). A handler's success deletes its row, or
   * moves it to `rescheduleAt` (recurring work, next job stage). A throw is retried with
   * backoff when it is transient (kernel/retry.ts) and attempts remain; otherwise the work is
   * given up at once, as its kind's policy says.
   */
  async runDue(handlers: Record<string, Handler>): Promise<{ ran: number; failed: number }> {
    let ran = 0;
    let failed = 0;
    const due = this.storage.sql
      .exec<ScheduleRow>(
        "SELECT * FROM schedules WHERE status = 'pending' AND run_at <= ? ORDER BY run_at, key",
        this.#now(),
      )
      .toArray();
    for (const row of due) {
      // A handler earlier in this loop may have replaced or cancelled this row.
      const current = this.get(row.key);
      if (!current || current.id !== row.id || current.status !== "pending") continue;
      const handler = handlers[row.kind];
      try {
        if (!handler) throw new Error(`no handler for schedule kind ${row.kind}`);
        const result = await handler(row);
        ran += 1;
        this.#finish(row, result);
      } catch (error) {
        failed += 1;
        await this.#fail(row, error);
      }
    }
    await this.arm();
    return { ran, failed };
  }

  #finish(row: ScheduleRow, result: HandlerResult): void {
    const latest = this.get(row.key);
    // The handler itself may have rescheduled or cancelled its own key: keep what it wrote.
    if (!latest || latest.id !== row.id) return;
    if (!result && row.recurrence) {
      // Next occurrence after both the one that ran and now: an actor asleep for days fires
      // once, not once per missed occurrence.
      const next = nextSpreadOccurrence(
        JSON.parse(row.recurrence) as SpreadRecurrence,
        Math.max(row.run_at, this.#now()),
      );
      this.storage.sql.exec(
        "UPDATE schedules SET run_at = ?, attempts = 0, last_error = NULL, updated_at = ? WHERE id = ?",
        next,
        this.#now(),
        row.id,
      );
    } else if (result && "rescheduleAt" in result) {
      this.storage.sql.exec(
        "UPDATE schedules SET run_at = ?, attempts = 0, last_error = NULL, updated_at = ? WHERE id = ?",
        result.rescheduleAt,
        this.#now(),
        row.id,
      );
    } else {
      this.storage.sql.exec("DELETE FROM schedules WHERE id = ?", row.id);
    }
  }

  async #fail(row: ScheduleRow, error: unknown): Promise<void> {
    const message = error instanceof Error ? error.message : String(error);
    const latest = this.get(row.key);
    if (!latest || latest.id !== row.id) return;
    const policy = this.options.policy(row.kind);
    const attempts = row.attempts + 1;
    const retryable = isRetryable(error);
    if (retryable && attempts < policy.maxAttempts()) {
      const delay = backoffDelay(attempts, {
        baseMs: policy.baseMs(),
        ...(this.options.random ? { random: this.options.random } : {}),
      });
      this.storage.sql.exec(
        "UPDATE schedules SET attempts = ?, last_error = ?, run_at = ?, updated_at = ? WHERE id = ?",
        attempts,
        message,
        this.#now() + delay,
        this.#now(),
        row.id,
      );
      this.options.log?.().warn("schedule_retry", {
        kind: row.kind,
        key: row.key,
        attempt: attempts,
        retry_in_ms: delay,
        error: message,
      });
      return;
    }
    if (policy.onGiveUp === "park")
      this.storage.sql.exec(
        "UPDATE schedules SET status = 'parked', attempts = ?, last_error = ?, updated_at = ? WHERE id = ?",
        attempts,
        message,
        this.#now(),
        row.id,
      );
    else this.storage.sql.exec("DELETE FROM schedules WHERE id = ?", row.id);
    this.options.log?.().error("schedule_given_up", {
      kind: row.kind,
      key: row.key,
      attempts,
      retryable,
      outcome: policy.onGiveUp === "park" ? "parked" : "dropped",
      error: message,
    });
    await policy.gaveUp?.({ ...row, attempts, last_error: message }, message, attempts);
  }
}
