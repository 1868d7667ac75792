import { afterCursorSql, type Cursor, type Page, toPage } from "../worker/db/pages";
import type { Logger } from "../worker/logger";
import { maskToken } from "../worker/presenters/device";

// The user's push devices. A token is unique per user; registering it again returns the
// existing device (apps re-register on every launch).

export type Device = {
  id: string;
  platform: "ios" | "android" | "web";
  provider: "expo" | "fcm";
  token: string;
  created_at: string;
  last_delivered_at: string | null;
};

export class Devices {
  constructor(
    private readonly sql: SqlStorage,
    private readonly log: () => Logger,
  ) {}

  register(input: Pick<Device, "platform" | "provider" | "token">): {
    device: Device;
    created: boolean;
  } {
    const existing = this.sql
      .exec<Device>("SELECT * FROM devices WHERE token = ?", input.token)
      .toArray()[0];
    if (existing) return { device: existing, created: false };
    const device: Device = {
      id: `dev_${crypto.randomUUID().replace(/-/g, "")}`,
      ...input,
      created_at: new Date().toISOString(),
      last_delivered_at: null,
    };
    this.sql.exec(
      "INSERT INTO devices (id, platform, provider, token, created_at) VALUES (?, ?, ?, ?, ?)",
      device.id,
      device.platform,
      device.provider,
      device.token,
      device.created_at,
    );
    this.log().info("device_registered", {
      device_id: device.id,
      provider: device.provider,
      token: maskToken(device.token),
    });
    return { device, created: true };
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

  remove(id: string): boolean {
    return this.sql.exec("DELETE FROM devices WHERE id = ?", id).rowsWritten > 0;
  }

  markDelivered(id: string): void {
    this.sql.exec(
      "UPDATE devices SET last_delivered_at = ? WHERE id = ?",
      new Date().toISOString(),
      id,
    );
  }
}
