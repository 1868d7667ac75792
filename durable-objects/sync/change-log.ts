import type { LogPosition } from "../../engine/sync/cursor";
import type { ChangeOp, LoggedChange, SyncEntity } from "../../engine/sync/entities";

// The user's change log (docs/sync.md): every write to the user's records calls `upsert` or
// `delete` here inside the storage transaction of the write itself, so a change is visible
// together with its seq or not at all. One row per record, at its latest seq: a pull returns
// each changed record once, at its latest state. `seq` comes from sync_log.head, never from
// SQLite's rowid, so a record re-logged at the top of the log never takes back a seq a client
// has already read.

type ChangeRow = {
  seq: number;
  entity: SyncEntity;
  id: string;
  op: ChangeOp;
  version: number;
  at: string;
};

export class ChangeLog {
  /** The highest seq appended since the last `takeAppended` (what `sync.changed` announces). */
  #appended = 0;

  constructor(
    private readonly sql: SqlStorage,
    /** Called after a change was appended, outside any transaction (the realtime nudge). */
    private readonly onAppend: () => void,
  ) {}

  /** The record was created or changed: its new version (an explicit one for the profile). */
  upsert(entity: SyncEntity, id: string, version?: number): number {
    return this.#append(entity, id, "upsert", version);
  }

  /** The record was deleted: a tombstone, kept for SYNC_TOMBSTONE_DAYS. */
  delete(entity: SyncEntity, id: string): number {
    return this.#append(entity, id, "delete");
  }

  #append(entity: SyncEntity, id: string, op: ChangeOp, version?: number): number {
    const previous = this.sql
      .exec<{ version: number }>(
        "SELECT version FROM sync_changes WHERE entity = ? AND id = ?",
        entity,
        id,
      )
      .toArray()[0];
    const next = version ?? (previous?.version ?? 0) + 1;
    const seq = this.sql
      .exec<{ head: number }>("UPDATE sync_log SET head = head + 1 WHERE id = 1 RETURNING head")
      .one().head;
    this.sql.exec(
      `INSERT INTO sync_changes (seq, entity, id, op, version, at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (entity, id) DO UPDATE SET
         seq = excluded.seq, op = excluded.op, version = excluded.version, at = excluded.at`,
      seq,
      entity,
      id,
      op,
      next,
      new Date().toISOString(),
    );
    if (this.#appended === 0) queueMicrotask(() => this.onAppend());
    this.#appended = seq;
    return next;
  }

  /** The last seq appended since the previous call (0: none), and forgets it. */
  takeAppended(): number {
    const seq = this.#appended;
    this.#appended = 0;
    return seq;
  }

  /** The version a record is at, or null when it is deleted or was never logged. */
  current(entity: SyncEntity, id: string): { version: number } | null {
    const row = this.sql
      .exec<{ version: number; op: ChangeOp }>(
        "SELECT version, op FROM sync_changes WHERE entity = ? AND id = ?",
        entity,
        id,
      )
      .toArray()[0];
    return row && row.op === "upsert" ? { version: row.version } : null;
  }

  position(): LogPosition {
    const row = this.sql
      .exec<{ epoch: string; head: number; pruned_through: number }>(
        "SELECT epoch, head, pruned_through FROM sync_log WHERE id = 1",
      )
      .one();
    return { epoch: row.epoch, head: row.head, prunedThrough: row.pruned_through };
  }

  /** Up to `limit` changes after `since`, in seq order. */
  after(since: number, limit: number): LoggedChange[] {
    return this.sql
      .exec<ChangeRow>(
        "SELECT seq, entity, id, op, version, at FROM sync_changes WHERE seq > ? ORDER BY seq LIMIT ?",
        since,
        limit,
      )
      .toArray()
      .map((row) => ({ ...row }));
  }

  /**
   * Drops tombstones (and stored op results) written before `cutoff`; a cursor below the
   * highest dropped seq has expired. Answers how many tombstones went.
   */
  prune(cutoff: string): number {
    const dropped = this.sql
      .exec<{ seq: number }>(
        "DELETE FROM sync_changes WHERE op = 'delete' AND at < ? RETURNING seq",
        cutoff,
      )
      .toArray();
    if (dropped.length > 0)
      this.sql.exec(
        "UPDATE sync_log SET pruned_through = max(pruned_through, ?) WHERE id = 1",
        dropped.reduce((top, row) => Math.max(top, row.seq), 0),
      );
    this.sql.exec("DELETE FROM sync_ops WHERE at < ?", cutoff);
    return dropped.length;
  }

  /** A pushed op's stored first result, with the fingerprint of what it asked. */
  opResult(opId: string): { fingerprint: string; result: string } | null {
    return (
      this.sql
        .exec<{ fingerprint: string; result: string }>(
          "SELECT fingerprint, result FROM sync_ops WHERE op_id = ?",
          opId,
        )
        .toArray()[0] ?? null
    );
  }

  storeOpResult(opId: string, fingerprint: string, result: unknown): void {
    this.sql.exec(
      "INSERT OR IGNORE INTO sync_ops (op_id, fingerprint, result, at) VALUES (?, ?, ?, ?)",
      opId,
      fingerprint,
      JSON.stringify(result),
      new Date().toISOString(),
    );
  }
}
