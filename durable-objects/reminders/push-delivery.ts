import type { Config } from "../../kernel/config";
import type { Logger } from "../../kernel/logger";
import { RetryableError } from "../../kernel/retry";
import type { ScheduleRow, Scheduler } from "../scheduler/scheduler";
import type { Device, Devices } from "./devices";
import type { Inbox } from "./inbox";
import { maskToken } from "./mask-token";
import { sendExpo } from "./push/expo";
import { parseServiceAccount, sendFcm } from "./push/fcm";
import type { PushResult } from "./push/types";
import { PushReceipts } from "./push-receipts";

export const PUSH_SCHEDULE_KIND = "push";
export const pushKey = (notificationId: string) => `push:${notificationId}`;

interface Deps {
  sql: SqlStorage;
  inbox: Inbox;
  devices: Devices;
  scheduler: Scheduler;
  config: () => Config;
  log: () => Logger;
}

/**
 * Delivers one notification to every device of the user, at most once per device: each
 * outcome is recorded before the next device, so a retried (or twice-run) alarm only sends to
 * devices that have none. Transient failures throw, and the scheduler retries with backoff;
 * tokens the provider reports invalid are removed.
 */
export class PushDelivery {
  /** Expo's tickets and their receipts (push:receipts on the alarm). */
  readonly receipts: PushReceipts;

  constructor(private readonly deps: Deps) {
    this.receipts = new PushReceipts(deps);
  }

  #delivered(notificationId: string): Set<string> {
    return new Set(
      this.deps.sql
        .exec<{ device_id: string }>(
          "SELECT device_id FROM push_deliveries WHERE notification_id = ?",
          notificationId,
        )
        .toArray()
        .map((row) => row.device_id),
    );
  }

  #record(notificationId: string, deviceId: string, outcome: string): void {
    this.deps.sql.exec(
      "INSERT OR IGNORE INTO push_deliveries (notification_id, device_id, outcome, at) VALUES (?, ?, ?, ?)",
      notificationId,
      deviceId,
      outcome,
      new Date().toISOString(),
    );
  }

  async #send(
    device: Device,
    message: { title: string; body: string; data: Record<string, unknown> },
  ): Promise<PushResult | { status: "not_sent"; reason: string }> {
    const config = this.deps.config();
    const endpoint = device.provider === "expo" ? "EXPO_PUSH_URL" : "FCM_BASE_URL";
    const url = config[endpoint];
    if (!url) return { status: "not_sent", reason: `${endpoint} is not set` };
    if (device.provider === "expo") {
      const [result] = await sendExpo([{ to: device.token, ...message }], {
        url,
        accessToken: config.EXPO_ACCESS_TOKEN,
      });
      return result ?? { status: "retry", reason: "no_ticket" };
    }
    const account = parseServiceAccount(config.FCM_SERVICE_ACCOUNT ?? null);
    if (!account.ok) return { status: "failed", reason: "fcm_not_configured" };
    const data = Object.fromEntries(
      Object.entries(message.data).map(([key, value]) => [
        key,
        typeof value === "string" ? value : JSON.stringify(value),
      ]),
    );
    return sendFcm(
      { token: device.token, title: message.title, body: message.body, data },
      { serviceAccount: account.serviceAccount, baseUrl: url },
    );
  }

  async run(row: ScheduleRow): Promise<void> {
    const { notification_id: id } = JSON.parse(row.payload) as { notification_id: string };
    const notification = this.deps.inbox.get(id);
    if (!notification) return;
    const delivered = this.#delivered(id);
    const pending = this.deps.devices.list().filter((device) => !delivered.has(device.id));
    const message = {
      title: notification.title,
      body: notification.body,
      data: { ...notification.data, notification_id: id, kind: notification.kind },
    };
    let transient = 0;
    for (const device of pending) {
      const result = await this.#send(device, message);
      const log = this.deps
        .log()
        .with({ notification_id: id, device_id: device.id, provider: device.provider });
      switch (result.status) {
        case "sent":
          this.#record(id, device.id, "sent");
          this.deps.devices.markDelivered(device.id);
          // Expo's ticket: its receipt, later, says whether the device still exists.
          if (device.provider === "expo" && result.providerId)
            this.receipts.track({
              ticketId: result.providerId,
              notificationId: id,
              deviceId: device.id,
            });
          break;
        case "invalid_token":
          this.#record(id, device.id, "invalid_token");
          this.deps.devices.remove(device.id);
          log.info("push_device_removed", {
            reason: result.reason,
            token: maskToken(device.token),
          });
          break;
        case "not_sent":
          // Local development: no push service is configured, so say what would have gone out.
          this.#record(id, device.id, "not_sent");
          log.info("push_not_sent", {
            reason: result.reason,
            token: maskToken(device.token),
            title: message.title,
          });
          break;
        case "failed":
          this.#record(id, device.id, `failed:${result.reason}`);
          log.error("push_failed", { reason: result.reason });
          break;
        case "retry":
          transient += 1;
          log.warn("push_retry", { reason: result.reason, attempt: row.attempts + 1 });
          break;
      }
    }
    if (transient > 0)
      throw new RetryableError(`push to ${transient} device(s) failed transiently`);
  }
}
