import type { BackupKind } from "../../kernel/backup-ids";
import type { Config } from "../../kernel/config";
import { weekdayOf } from "../../kernel/dates";
import { errorFields, type Logger } from "../../kernel/logger";
import { fail, ok, type Result } from "../../kernel/result";
import { localParts } from "../../kernel/zoned";
import type { ScheduleRow, Scheduler } from "../scheduler/scheduler";
import { STORAGE_SCHEMA_VERSION } from "../storage/storage-schema";
import type { BackupInfo, BackupStore } from "./backup-store";
import { changeLogHead, continueChangeLog, writeSnapshot } from "./restore";
import { checksums, readSnapshot, rowCounts, type Snapshot } from "./snapshot";

export const BACKUP_SCHEDULE_KIND = "backup";
const DAILY_KEY = "backup:daily";
const CHANGE_KEY = "backup:change";
/** The storage size at the last snapshot (actor_meta), to tell when enough has changed. */
const SIZE_KEY = "backup_size_at_last";
/** Copies of D1 rows (cached_documents): a restore drops them, so they reload from D1. */
export const D1_CACHED_DOCUMENTS = ["user", "profile", "active_program"] as const;

type Settings = Pick<
  Config,
  | "BACKUP_DAILY_KEEP"
  | "BACKUP_WEEKLY_KEEP"
  | "BACKUP_LOCAL_TIME"
  | "BACKUP_CHANGE_BYTES"
  | "BACKUP_CHANGE_DELAY_SECONDS"
>;

interface Deps {
  /** Its storage; `blockConcurrencyWhile` for restores; `abort` to restart after PITR. */
  ctx: Pick<DurableObjectState, "storage" | "blockConcurrencyWhile" | "abort">;
  store: BackupStore;
  userId: () => string;
  scheduler: Pick<Scheduler, "schedule" | "get" | "arm">;
  timezone: () => Promise<string>;
  config: () => Settings;
  /** After a restore: the actor's modules rebuilt from the restored storage. */
  restored: () => void;
  log: () => Logger;
}

export interface RestoreOutcome {
  backup_id: string;
  /** The schema version the snapshot was taken under; migrated forward when older. */
  from_schema_version: number;
  schema_version: number;
  rows: Record<string, number>;
  /** A snapshot of the state the restore replaced: restoring it undoes the restore. */
  undo_backup_id: string;
}

/**
 * Backups of the user's actor: snapshots of every table to R2 on the actor's own alarm (daily
 * at a quiet local hour, weekly on Sundays, and soon after the storage grew by
 * `changeBytes`), kept by kind, restored on an operator's request; and the platform's
 * point-in-time recovery wrapped as the same kind of request. Nothing scans users: each
 * actor schedules its own snapshots the first time it serves its user.
 */
export class Backups {
  #scheduled = false;
  #sizeAtLast: number | null = null;

  readonly #storage: DurableObjectStorage;

  constructor(private readonly deps: Deps) {
    this.#storage = deps.ctx.storage;
  }

  /**
   * On every call for an open account: the daily snapshot put on the schedule (once per actor
   * instance), and a snapshot scheduled soon when the storage grew by `changeBytes` since the
   * last one. A memory check and a size read; the snapshots run on the alarm, never here.
   */
  async watch(): Promise<void> {
    if (!this.#scheduled) {
      this.#scheduled = true;
      if (!this.deps.scheduler.get(DAILY_KEY)) await this.scheduleDaily();
    }
    await this.#noteGrowth();
  }

  /** (Re)plans the daily snapshot in the user's timezone (it may have changed). */
  async scheduleDaily(): Promise<void> {
    const timezone = await this.deps.timezone();
    await this.deps.scheduler.schedule({
      kind: BACKUP_SCHEDULE_KIND,
      key: DAILY_KEY,
      recurrence: { time: this.deps.config().BACKUP_LOCAL_TIME, timezone },
    });
  }

  async #noteGrowth(): Promise<void> {
    const size = this.#storage.sql.databaseSize;
    this.#sizeAtLast ??= this.#storedSize() ?? size;
    const config = this.deps.config();
    if (size - this.#sizeAtLast < config.BACKUP_CHANGE_BYTES || this.deps.scheduler.get(CHANGE_KEY))
      return;
    await this.deps.scheduler.schedule({
      kind: BACKUP_SCHEDULE_KIND,
      key: CHANGE_KEY,
      runAt: Date.now() + config.BACKUP_CHANGE_DELAY_SECONDS * 1000,
    });
  }

  /** The alarm's handler for both the daily and the after-change snapshot. */
  async runScheduled(row: ScheduleRow): Promise<void> {
    if (row.key === CHANGE_KEY) {
      await this.take("change");
      return;
    }
    const sunday = weekdayOf(localParts(Date.now(), await this.deps.timezone()).date) === "sun";
    await this.take(sunday ? "weekly" : "daily");
  }

  /** Takes a snapshot now, stores it and drops the oldest of its kind beyond what is kept. */
  async take(kind: BackupKind): Promise<BackupInfo> {
    const started = Date.now();
    const userId = this.deps.userId();
    const snapshot = readSnapshot(this.#storage.sql, userId);
    const size = this.#storage.sql.databaseSize;
    const info = await this.deps.store.put(snapshot, kind);
    const config = this.deps.config();
    const pruned = await this.deps.store.prune(
      userId,
      kind,
      kind === "weekly" ? config.BACKUP_WEEKLY_KEEP : config.BACKUP_DAILY_KEEP,
    );
    this.#storage.sql.exec(
      "INSERT OR REPLACE INTO actor_meta (key, value) VALUES (?, ?)",
      SIZE_KEY,
      String(size),
    );
    this.#sizeAtLast = size;
    this.deps.log().info("backup_taken", {
      backup_id: info.id,
      kind,
      size_bytes: info.size_bytes,
      rows: Object.values(info.rows).reduce((sum, n) => sum + n, 0),
      duration_ms: Date.now() - started,
      pruned,
    });
    return info;
  }

  list(): Promise<BackupInfo[]> {
    return this.deps.store.list(this.deps.userId());
  }

  /**
   * Replaces the actor's storage with a snapshot, after taking one of the current state (the
   * undo). Nothing else runs in the actor meanwhile; a failure leaves the storage as it was.
   */
  async restore(backupId: string): Promise<Result<RestoreOutcome>> {
    const userId = this.deps.userId();
    const snapshot = await this.fetch(userId, backupId);
    if (!snapshot) return fail("backup_not_found", "The user has no snapshot with this id.");
    if (snapshot.schema_version > STORAGE_SCHEMA_VERSION)
      return fail(
        "backup_incompatible",
        `The snapshot was taken under storage schema ${snapshot.schema_version}, newer than this version's ${STORAGE_SCHEMA_VERSION}: deploy that version first.`,
      );
    // Every other event of the actor waits until the restore is done.
    return this.deps.ctx.blockConcurrencyWhile(async () => {
      const started = Date.now();
      const undo = await this.take("pre_restore");
      const syncHead = changeLogHead(this.#storage.sql);
      try {
        writeSnapshot(this.#storage, snapshot);
      } catch (error) {
        // The transaction rolled back: the storage is as it was. Answered, not thrown (a throw
        // out of blockConcurrencyWhile resets the actor).
        this.deps
          .log()
          .error("backup_restore_failed", { backup_id: backupId, ...errorFields(error) });
        return fail<RestoreOutcome>(
          "backup_incompatible",
          "The snapshot does not fit this version's storage (the log has why); nothing was changed.",
        );
      }
      continueChangeLog(this.#storage.sql, syncHead);
      this.#storage.sql.exec(
        `DELETE FROM cached_documents WHERE key IN (${D1_CACHED_DOCUMENTS.map(() => "?").join(", ")})`,
        ...D1_CACHED_DOCUMENTS,
      );
      this.deps.restored();
      await this.deps.scheduler.arm(); // for the restored schedules
      const rows = rowCounts(readSnapshot(this.#storage.sql, userId));
      this.deps.log().info("backup_restored", {
        backup_id: backupId,
        from_schema_version: snapshot.schema_version,
        undo_backup_id: undo.id,
        duration_ms: Date.now() - started,
      });
      return ok({
        backup_id: backupId,
        from_schema_version: snapshot.schema_version,
        schema_version: STORAGE_SCHEMA_VERSION,
        rows,
        undo_backup_id: undo.id,
      });
    });
  }

  /**
   * The platform's point-in-time recovery (SQLite-backed Durable Objects keep 30 days): the
   * storage is set to come back as it was at `at` on the actor's next start, and the actor
   * restarts once it has answered. A snapshot of the current state is taken first, and the
   * platform answers a bookmark of the moment before the restore: either undoes it.
   */
  async restoreToTime(
    at: number,
  ): Promise<Result<{ bookmark: string; undo_bookmark: string; undo_backup_id: string }>> {
    let bookmark: string;
    try {
      bookmark = await this.#storage.getBookmarkForTime(at);
    } catch (error) {
      // Miniflare's storage has no history: "does not implement point-in-time recovery".
      this.deps.log().warn("point_in_time_unavailable", errorFields(error));
      return fail(
        "point_in_time_unavailable",
        "This runtime's storage keeps no history to restore from (local development): restore from a snapshot instead.",
      );
    }
    const undo = await this.take("pre_restore");
    const undoBookmark = await this.#storage.onNextSessionRestoreBookmark(bookmark);
    this.deps.log().info("point_in_time_restore_armed", {
      at: new Date(at).toISOString(),
      bookmark,
      undo_bookmark: undoBookmark,
      undo_backup_id: undo.id,
    });
    // After the answer: the runtime restores the bookmark when the actor starts again.
    setTimeout(() => this.deps.ctx.abort("point-in-time restore"), 10);
    return ok({ bookmark, undo_bookmark: undoBookmark, undo_backup_id: undo.id });
  }

  /** One of a user's snapshots, by id (null when there is none). */
  async fetch(userId: string, backupId: string): Promise<Snapshot | null> {
    const snapshot = await this.deps.store.get(userId, backupId);
    return snapshot?.user_id === userId ? snapshot : null;
  }

  /**
   * Restores a snapshot into this (scratch) actor's storage and compares what reads back with
   * the snapshot, table by table: rows, and checksums when no migration ran in between (one
   * that did changes the data on purpose). The scratch storage is the caller's to erase.
   */
  async verifyInto(snapshot: Snapshot) {
    const started = Date.now();
    writeSnapshot(this.#storage, snapshot);
    const restored = readSnapshot(this.#storage.sql, snapshot.user_id);
    const migrated = snapshot.schema_version !== STORAGE_SCHEMA_VERSION;
    const [sums, restoredSums] = await Promise.all([checksums(snapshot), checksums(restored)]);
    const rows = rowCounts(snapshot);
    const restoredRows = rowCounts(restored);
    const tables = Object.keys(rows).map((table) => ({
      table,
      rows: rows[table] ?? 0,
      restored_rows: restoredRows[table] ?? 0,
      checksum_equal: sums[table] === restoredSums[table],
    }));
    const equal = tables.every((t) => t.rows === t.restored_rows && (migrated || t.checksum_equal));
    return { equal, migrated, tables, duration_ms: Date.now() - started };
  }

  /** Every snapshot of the user (the account's deletion). */
  async eraseAll(): Promise<number> {
    return this.deps.store.eraseAll(this.deps.userId());
  }

  #storedSize(): number | null {
    const row = this.#storage.sql
      .exec<{ value: string }>("SELECT value FROM actor_meta WHERE key = ?", SIZE_KEY)
      .toArray()[0];
    return row ? Number(row.value) : null;
  }
}
