import { migrateStorage, STORAGE_SCHEMA_VERSION } from "../storage/storage-schema";
import { dataTables, fromCell, readSequences, type Snapshot } from "./snapshot";

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * Replaces the actor's whole storage with a snapshot, in one transaction: either every table
 * is the snapshot's or nothing changed. The tables of the snapshot's schema version are built
 * by the frozen migrations, filled, then migrated to the current version like any actor's
 * storage, so a snapshot from an older version comes back in today's shape. AUTOINCREMENT
 * counters never go back: a restored table continues after the highest number it ever gave.
 * The alarm and what the modules hold in memory are the caller's to refresh.
 */
export function writeSnapshot(storage: DurableObjectStorage, snapshot: Snapshot): void {
  if (snapshot.schema_version > STORAGE_SCHEMA_VERSION)
    throw new Error(
      `snapshot schema ${snapshot.schema_version} is newer than this code's ${STORAGE_SCHEMA_VERSION}`,
    );
  const sql = storage.sql;
  storage.transactionSync(() => {
    const issued = readSequences(sql);
    // Foreign keys hold again at commit; children are dropped before the tables they name.
    sql.exec("PRAGMA defer_foreign_keys = ON");
    for (const table of dataTables(sql).reverse()) sql.exec(`DROP TABLE ${quote(table)}`);
    sql.exec("DROP TABLE IF EXISTS _schema_version");
    migrateStorage(storage, snapshot.schema_version);
    // Some migrations seed rows from the data before them (the sync log's first entries): the
    // snapshot holds every row of its version, so the tables start empty.
    for (const table of dataTables(sql)) sql.exec(`DELETE FROM ${quote(table)}`);
    for (const [table, { columns, rows }] of Object.entries(snapshot.tables)) {
      const insert = `INSERT INTO ${quote(table)} (${columns.map(quote).join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`;
      for (const row of rows) sql.exec(insert, ...row.map(fromCell));
    }
    const restored = readSequences(sql);
    for (const name of Object.keys(restored)) {
      const seq = Math.max(restored[name] ?? 0, snapshot.sequences[name] ?? 0, issued[name] ?? 0);
      sql.exec("UPDATE sqlite_sequence SET seq = ? WHERE name = ?", seq, name);
    }
    for (const name of Object.keys({ ...snapshot.sequences, ...issued }))
      if (!(name in restored) && dataTables(sql).includes(name))
        sql.exec(
          "INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)",
          name,
          Math.max(snapshot.sequences[name] ?? 0, issued[name] ?? 0),
        );
    migrateStorage(storage);
  });
}

/** The sync change log's highest seq given (sync/change-log.ts), or null before its migration. */
export function changeLogHead(sql: SqlStorage): number | null {
  if (!dataTables(sql).includes("sync_log")) return null;
  return (
    sql.exec<{ head: number }>("SELECT head FROM sync_log WHERE id = 1").toArray()[0]?.head ?? null
  );
}

/**
 * After a restore, the sync change log continues after the highest seq ever given (it numbers
 * changes from sync_log.head, not an AUTOINCREMENT) and takes a new epoch, so every device's
 * cursor is refused (410 cursor_expired) and it pulls the restored state whole.
 */
export function continueChangeLog(sql: SqlStorage, headBefore: number | null): void {
  if (changeLogHead(sql) === null) return;
  sql.exec(
    "UPDATE sync_log SET head = max(head, ?), epoch = lower(hex(randomblob(8))) WHERE id = 1",
    headBefore ?? 0,
  );
}
