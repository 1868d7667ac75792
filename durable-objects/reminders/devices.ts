import type { Logger } from "../../kernel/logger";
import { afterCursorSql, type Cursor, type Page, toPage } from "../../kernel/pages";
import { maskToken } from "./mask-token";

// The user's push devices. A token is unique per user; registering it again returns the
// existing device and marks it seen (apps re-register on every launch). A token registered on
// another account leaves this one (d1/push-tokens.ts finds the previous owner). At most `max` are
// kept: a new one beyond that evicts the device seen least recently (an old phone, a
// reinstalled app), so reminders never fan out to an unbounded list.

export type Device = {
  id: string;
  platform: "ios" | "android" | "web";
  provider: "expo" | "fcm";
  token: string;
  created_at: string;
  last_delivered_at: string | null;
  last_seen_at: string;
};

export class Devices {
  constructor(
    private readonly sql: SqlStorage,
    private readonly log: () => Logger,
    private readonly max: () => number,
  ) {}

  register(input: Pick<Device, "platform" | "provider" | "token">): {
    device: Device;
    created: boolean;
  } {
    const now = new Date().toISOString();
    const existing = this.sql
      .exec<Device>("SELECT * FROM devices WHERE token = ?", input.token)
      .toArray()[0];
    if (existing) {
      this.sql.exec("UPDATE devices SET last_seen_at = ? WHERE id = ?", now, existing.id);
      return { device: { ...existing, last_seen_at: now }, created: false };
    }
    const device: Device = {
      id: `dev_${crypto.randomUUID().replace(/-/g, "")}`,
      ...input,
      created_at: now,
      last_delivered_at: null,
      last_seen_at: now,
    };
    this.#evictBeyond(this.max() - 1);
    this.sql.exec(
      "INSERT INTO devices (id, platform, provider, token, created_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?)",
      device.id,
      device.platform,
      device.provider,
      device.token,
      device.created_at,
      device.last_seen_at,
    );
    this.log().info("device_registered", {
      device_id: device.id,
      provider: device.provider,
      token: maskToken(device.token),
    });
    return { device, created: true };
  }

  /** Removes the least recently seen devices until at most `keep` remain. */
  #evictBeyond(keep: number): void {
    const evicted = this.sql
      .exec<{ id: string }>(
        `DELETE FROM devices WHERE id IN (
           SELECT id FROM devices ORDER BY last_seen_at DESC, id DESC LIMIT -1 OFFSET ?
         ) RETURNING id`,
        Math.max(0, keep),
      )
      .toArray();
    for (const { id } of evicted)
      this.log().info("device_evicted", { device_id: id, reason: "device_limit" });
  }

  list(): Device[] {
    return this.sql.exec<Device>("SELECT * FROM devices ORDER BY created_at").toArray();
  }

  /** A page of devices, oldest first, by (created_at, id). */
  page(options: { limit: number; after?: Cursor }): Page<Device> {
    const after = afterCursorSql(options.after, "created_at", "id", "asc");
    const rows = this.sql
      .exec<Device>(
        `SELECT * FROM devices WHERE ${after.where} ORDER BY created_at, id LIMIT ?`,
        ...after.params,
        options.limit + 1,
      )
      .toArray();
    return toPage(rows, options.limit, (row) => ({ sort: row.created_at, id: row.id }));
  }

  removeAll(): number {
    return this.sql.exec("DELETE FROM devices").rowsWritten;
  }

  /** Removes a device; answers its token, or null when there was none. */
  remove(id: string): string | null {
    return (
      this.sql
        .exec<{ token: string }>("DELETE FROM devices WHERE id = ? RETURNING token", id)
        .toArray()[0]?.token ?? null
    );
  }

  /** The token was registered on another account since: it is that account's now. */
  removeToken(token: string): boolean {
    const removed = this.sql.exec("DELETE FROM devices WHERE token = ?", token).rowsWritten > 0;
    if (removed) this.log().info("device_moved_to_another_account", { token: maskToken(token) });
    return removed;
  }

  markDelivered(id: string): void {
    this.sql.exec(
      "UPDATE devices SET last_delivered_at = ? WHERE id = ?",
      new Date().toISOString(),
      id,
    );
  }
}
