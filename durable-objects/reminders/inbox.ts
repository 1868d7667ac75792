import { afterCursorSql, type Cursor, toPage } from "../../kernel/pages";
import type { ChangeLog } from "../sync/change-log";

// The user's notification inbox in the actor's SQLite. A notification's id is derived from
// what caused it (a reminder's key and due time), so an alarm that runs twice stores it once.

export interface Notification {
  id: string;
  kind: string;
  title: string;
  body: string;
  data: { type: string; deep_link: string | null } & Record<string, unknown>;
  created_at: string;
  read_at: string | null;
}

export type NotificationRow = Omit<Notification, "data"> & { data: string };
// Notifications stored before deep links get their type and a null link.
const toNotification = (row: NotificationRow): Notification => ({
  ...row,
  data: { type: row.kind, deep_link: null, ...JSON.parse(row.data) },
});

export class Inbox {
  constructor(
    private readonly sql: SqlStorage,
    /** The change log: a new notification and its read state are synced (docs/sync.md). */
    private readonly changes: Pick<ChangeLog, "upsert">,
  ) {}

  /** Stores a notification unless one with this id exists; true when it is new. */
  add(
    input: Omit<Notification, "created_at" | "read_at" | "data"> & {
      data: Record<string, unknown>;
    },
    at = new Date(),
  ): boolean {
    const cursor = this.sql.exec(
      "INSERT OR IGNORE INTO notifications (id, kind, title, body, data, created_at) VALUES (?, ?, ?, ?, ?, ?)",
      input.id,
      input.kind,
      input.title,
      input.body,
      JSON.stringify(input.data),
      at.toISOString(),
    );
    if (cursor.rowsWritten === 0) return false;
    this.changes.upsert("notification", input.id);
    return true;
  }

  get(id: string): Notification | null {
    const row = this.sql
      .exec<NotificationRow>("SELECT * FROM notifications WHERE id = ?", id)
      .toArray()[0];
    return row ? toNotification(row) : null;
  }

  /** Newest first, by (created_at, id). */
  list(options: { limit: number; unreadOnly: boolean; after?: Cursor }): {
    items: Notification[];
    next_cursor: string | null;
    unread: number;
  } {
    const after = afterCursorSql(options.after, "created_at", "id", "desc");
    const rows = this.sql
      .exec<NotificationRow>(
        `SELECT * FROM notifications
         WHERE (? = 0 OR read_at IS NULL) AND ${after.where}
         ORDER BY created_at DESC, id DESC LIMIT ?`,
        options.unreadOnly ? 1 : 0,
        ...after.params,
        options.limit + 1,
      )
      .toArray();
    const page = toPage(rows.map(toNotification), options.limit, (item) => ({
      sort: item.created_at,
      id: item.id,
    }));
    const unread = this.sql
      .exec<{ n: number }>("SELECT count(*) AS n FROM notifications WHERE read_at IS NULL")
      .one().n;
    return { items: page.items, next_cursor: page.nextCursor, unread };
  }

  markRead(id: string): Notification | null {
    const read = this.sql.exec(
      "UPDATE notifications SET read_at = ? WHERE id = ? AND read_at IS NULL",
      new Date().toISOString(),
      id,
    ).rowsWritten;
    if (read > 0) this.changes.upsert("notification", id);
    return this.get(id);
  }

  markAllRead(): number {
    const read = this.sql
      .exec<{ id: string }>(
        "UPDATE notifications SET read_at = ? WHERE read_at IS NULL RETURNING id",
        new Date().toISOString(),
      )
      .toArray();
    for (const { id } of read) this.changes.upsert("notification", id);
    return read.length;
  }
}

/** A stable id for the notification of one occurrence of a schedule. */
export async function occurrenceId(key: string, runAt: number): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(`${key}@${runAt}`));
  return `ntf_${[...new Uint8Array(digest)]
    .slice(0, 12)
    .map((b) => b.toString(16).padStart(2, "0"))
    .join("")}`;
}
