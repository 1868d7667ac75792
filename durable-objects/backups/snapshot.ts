import { fromBase64Url, sha256Hex, toBase64Url } from "../../kernel/encoding";
import { STORAGE_SCHEMA_VERSION } from "../storage/storage-schema";

// A snapshot: every table of the actor's SQLite as rows, with the storage schema version they
// were written under, so a restore can rebuild the tables of that version and migrate forward.
// Read in one synchronous pass (nothing else runs in the actor meanwhile), gzip-compressed JSON.

export const SNAPSHOT_FORMAT = 1;

/** A cell as JSON carries it: SQLite's BLOBs (none today) as `{"$blob": base64url}`. */
type Cell = string | number | null | { $blob: string };

export interface TableRows {
  columns: string[];
  rows: Cell[][];
}

export interface Snapshot {
  format: number;
  user_id: string;
  schema_version: number;
  taken_at: string;
  /** Every table in creation order (parents before the tables that reference them). */
  tables: Record<string, TableRows>;
  /** AUTOINCREMENT counters, so a restore never hands out a sequence number twice. */
  sequences: Record<string, number>;
}

/**
 * The tables a snapshot holds: all but SQLite's own, the runtime's (`_cf_*`, unreadable) and
 * the schema version (carried as `schema_version`).
 */
export function dataTables(sql: SqlStorage): string[] {
  return sql
    .exec<{ name: string }>(
      `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'
         AND name NOT LIKE '\\_cf\\_%' ESCAPE '\\' AND name != '_schema_version' ORDER BY rowid`,
    )
    .toArray()
    .map((row) => row.name);
}

export function readSequences(sql: SqlStorage): Record<string, number> {
  const exists = sql
    .exec("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_sequence'")
    .toArray().length;
  if (!exists) return {};
  return Object.fromEntries(
    sql
      .exec<{ name: string; seq: number }>("SELECT name, seq FROM sqlite_sequence")
      .toArray()
      .map((row) => [row.name, row.seq]),
  );
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

function toCell(value: SqlStorageValue): Cell {
  return value instanceof ArrayBuffer ? { $blob: toBase64Url(new Uint8Array(value)) } : value;
}

export function fromCell(cell: Cell): SqlStorageValue {
  return cell !== null && typeof cell === "object"
    ? (fromBase64Url(cell.$blob).buffer as ArrayBuffer)
    : cell;
}

/** One table's rows in insertion order (rowid), so a restored copy reads back identically. */
export function readTable(sql: SqlStorage, table: string): TableRows {
  const cursor = sql.exec(`SELECT * FROM ${quote(table)} ORDER BY rowid`);
  const rows = [...cursor.raw()].map((row) => row.map(toCell));
  return { columns: cursor.columnNames, rows };
}

export function readSnapshot(sql: SqlStorage, userId: string, now = new Date()): Snapshot {
  const tables: Record<string, TableRows> = {};
  for (const table of dataTables(sql)) tables[table] = readTable(sql, table);
  return {
    format: SNAPSHOT_FORMAT,
    user_id: userId,
    schema_version: STORAGE_SCHEMA_VERSION,
    taken_at: now.toISOString(),
    tables,
    sequences: readSequences(sql),
  };
}

export const rowCounts = (snapshot: Pick<Snapshot, "tables">): Record<string, number> =>
  Object.fromEntries(Object.entries(snapshot.tables).map(([name, t]) => [name, t.rows.length]));

/** Per table, a SHA-256 of its columns and rows in order: equal exactly when the data is. */
export async function checksums(snapshot: Pick<Snapshot, "tables">) {
  const sums: Record<string, string> = {};
  for (const [name, table] of Object.entries(snapshot.tables))
    sums[name] = await sha256Hex(JSON.stringify([table.columns, table.rows]));
  return sums;
}

export async function compress(snapshot: Snapshot): Promise<Uint8Array> {
  const stream = new Blob([JSON.stringify(snapshot)])
    .stream()
    .pipeThrough(new CompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

export async function decompress(body: ReadableStream<Uint8Array>): Promise<Snapshot> {
  const text = await new Response(body.pipeThrough(new DecompressionStream("gzip"))).text();
  const snapshot = JSON.parse(text) as Snapshot;
  if (snapshot.format !== SNAPSHOT_FORMAT)
    throw new Error(`snapshot format ${snapshot.format} is not ${SNAPSHOT_FORMAT}`);
  return snapshot;
}
