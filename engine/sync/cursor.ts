import { DAY_MS } from "./entities";

// The pull cursor: where a client stands in its user's change log. Opaque to clients; inside,
// the log's epoch (a random id given to the log when it was created, so a cursor from another
// log, or from before the log was reset, is never read as one of this log's), the last seq the
// client has, and when the cursor was issued. A cursor older than the tombstones are kept
// (SYNC_TOMBSTONE_DAYS) has expired: deletions it has not seen may be gone, so the client must
// re-read in full (410 cursor_expired).

export interface SyncCursor {
  epoch: string;
  /** The last seq the holder has seen (0: nothing yet). */
  seq: number;
  /** When the server issued it (ms since the epoch). */
  issuedAt: number;
}

/** Where the log stands: what a cursor is checked against. */
export interface LogPosition {
  epoch: string;
  /** The highest seq ever given (never decreases, even when rows are dropped). */
  head: number;
  /** The highest seq of a tombstone dropped for age: a cursor below it may have missed it. */
  prunedThrough: number;
}

export type CursorExpiry = "other_log" | "ahead_of_log" | "too_old" | "pruned";

export type CursorCheck = { ok: true; since: number } | { ok: false; reason: CursorExpiry };

const PREFIX = "sc1.";

const toBase64Url = (text: string) =>
  btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");

function fromBase64Url(text: string): string | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
  try {
    return atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  } catch {
    return null;
  }
}

export function encodeSyncCursor(cursor: SyncCursor): string {
  return `${PREFIX}${toBase64Url(`${cursor.epoch}.${cursor.seq}.${cursor.issuedAt}`)}`;
}

/** The cursor a client sent, or null when it is not one of ours (the route answers 422). */
export function decodeSyncCursor(raw: string): SyncCursor | null {
  if (!raw.startsWith(PREFIX)) return null;
  const parts = fromBase64Url(raw.slice(PREFIX.length))?.split(".");
  if (parts?.length !== 3) return null;
  const [epoch, seq, issuedAt] = parts as [string, string, string];
  const cursor = { epoch, seq: Number(seq), issuedAt: Number(issuedAt) };
  const whole = (n: number, text: string) => /^\d+$/.test(text) && Number.isSafeInteger(n);
  if (
    !/^[a-z0-9]{1,40}$/.test(epoch) ||
    !whole(cursor.seq, seq) ||
    !whole(cursor.issuedAt, issuedAt)
  )
    return null;
  return cursor;
}

/**
 * Whether a pull may continue from `cursor` (null: the client has nothing, start from the
 * beginning), and from which seq. Expired when it belongs to another log, names a seq this log
 * never gave, is older than the tombstones are kept, or stands below a dropped tombstone.
 */
export function checkCursor(
  cursor: SyncCursor | null,
  log: LogPosition,
  now: number,
  tombstoneDays: number,
): CursorCheck {
  if (cursor === null) return { ok: true, since: 0 };
  if (cursor.epoch !== log.epoch) return { ok: false, reason: "other_log" };
  if (cursor.seq > log.head) return { ok: false, reason: "ahead_of_log" };
  if (now - cursor.issuedAt > tombstoneDays * DAY_MS) return { ok: false, reason: "too_old" };
  if (cursor.seq < log.prunedThrough) return { ok: false, reason: "pruned" };
  return { ok: true, since: cursor.seq };
}

/** A new log's epoch: random, lowercase letters and digits. */
export const newLogEpoch = () => crypto.randomUUID().replace(/-/g, "").slice(0, 16);
