import { and, eq, gt, lt, or, type SQL } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";

// Keyset pagination for every list: rows ordered by (a sort column, id), the cursor is the
// last item's pair. Stable under inserts and ties, and one indexed range read per page.

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface Cursor {
  sort: string;
  id: string;
}

/** "sort|id"; ids and the ISO timestamps we sort by contain no "|". */
export const encodeCursor = (cursor: Cursor) => `${cursor.sort}|${cursor.id}`;

/** The cursor a client sent, or null when it is not one of ours (the route answers 422). */
export function decodeCursor(raw: string): Cursor | null {
  const parts = raw.split("|");
  if (parts.length !== 2 || !parts[0] || !parts[1]) return null;
  return { sort: parts[0], id: parts[1] };
}

/** Rows after the cursor in (sort, id) order, ascending or descending. */
export function afterCursor(
  cursor: Cursor | undefined,
  sort: SQLiteColumn,
  id: SQLiteColumn,
  direction: "asc" | "desc",
): SQL | undefined {
  if (!cursor) return undefined;
  const beyond = direction === "asc" ? gt : lt;
  return or(beyond(sort, cursor.sort), and(eq(sort, cursor.sort), beyond(id, cursor.id)));
}

/** Cuts the `limit + 1` rows a query read into a page and the next cursor. */
export function toPage<T>(rows: T[], limit: number, key: (row: T) => Cursor): Page<T> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(key(last)) : null };
}

/** The same keyset condition for the actor's SQLite: a WHERE fragment and its bindings. */
export function afterCursorSql(
  cursor: Cursor | undefined,
  sort: string,
  id: string,
  direction: "asc" | "desc",
): { where: string; params: string[] } {
  if (!cursor) return { where: "1 = 1", params: [] };
  const op = direction === "asc" ? ">" : "<";
  return {
    where: `(${sort} ${op} ? OR (${sort} = ? AND ${id} ${op} ?))`,
    params: [cursor.sort, cursor.sort, cursor.id],
  };
}

/** A page as the API answers it. */
export interface PageJson<J> {
  items: J[];
  next_cursor: string | null;
}

export const pageJson = <T, J>(page: Page<T>, present: (item: T) => J): PageJson<J> => ({
  items: page.items.map(present),
  next_cursor: page.nextCursor,
});
