import {
  dueReceiptBatches,
  nextCheckAt,
  type PendingTicket,
  RECEIPT_DELAY_MS,
  receiptVerdict,
} from "../../engine/reminders/receipts";
import type { Config } from "../../kernel/config";
import type { Logger } from "../../kernel/logger";
import { RetryableError } from "../../kernel/retry";
import type { HandlerResult, Scheduler } from "../scheduler/scheduler";
import type { Devices } from "./devices";
import { fetchExpoReceipts } from "./push/expo-receipts";

// Expo's tickets, kept until their receipts say what Apple or Google made of the message
// (engine/reminders/receipts.ts has the rules). One schedule, `push:receipts`, runs on the
// actor's alarm when the oldest ticket is due: 15 minutes after sending, again every 15
// minutes while a receipt is missing, up to Expo's 24 hours. DeviceNotRegistered removes the
// device; other errors are counted for operators.

export const RECEIPTS_SCHEDULE_KIND = "push_receipts";
const RECEIPTS_KEY = "push:receipts";
/** Tickets read a run: a few requests of 1,000 ids at most. */
const TICKETS_PER_RUN = 3000;

interface Deps {
  sql: SqlStorage;
  scheduler: Scheduler;
  devices: Devices;
  config: () => Config;
  log: () => Logger;
  now?: () => number;
}

export class PushReceipts {
  constructor(private readonly deps: Deps) {}

  #now(): number {
    return this.deps.now?.() ?? Date.now();
  }

  /** Keeps a ticket Expo gave for a message; its receipt is asked for on a later alarm. */
  track(ticket: { ticketId: string; notificationId: string; deviceId: string }) {
    const sentAt = this.#now();
    this.deps.sql.exec(
      "INSERT OR IGNORE INTO push_tickets (ticket_id, notification_id, device_id, sent_at) VALUES (?, ?, ?, ?)",
      ticket.ticketId,
      ticket.notificationId,
      ticket.deviceId,
      sentAt,
    );
    // An existing check comes sooner than this ticket's: leave it, it re-arms for the rest.
    if (!this.deps.scheduler.get(RECEIPTS_KEY))
      this.deps.scheduler.addFromHandler({
        kind: RECEIPTS_SCHEDULE_KIND,
        key: RECEIPTS_KEY,
        runAt: sentAt + RECEIPT_DELAY_MS,
      });
  }

  /** Counts of receipt errors by Expo's code ("lost": no receipt in 24 hours), for operators. */
  errors(): Record<string, number> {
    return Object.fromEntries(
      this.deps.sql
        .exec<{ code: string; count: number }>("SELECT code, count FROM push_receipt_errors")
        .toArray()
        .map((row) => [row.code, row.count]),
    );
  }

  #count(code: string): void {
    this.deps.sql.exec(
      `INSERT INTO push_receipt_errors (code, count, last_at) VALUES (?, 1, ?)
       ON CONFLICT(code) DO UPDATE SET count = count + 1, last_at = excluded.last_at`,
      code,
      new Date(this.#now()).toISOString(),
    );
  }

  /** The alarm's handler: asks for the due receipts and acts on each. */
  async run(): Promise<HandlerResult> {
    const now = this.#now();
    const tickets = this.deps.sql
      .exec<PendingTicket>(
        "SELECT ticket_id, device_id, sent_at, checked_at FROM push_tickets ORDER BY sent_at LIMIT ?",
        TICKETS_PER_RUN,
      )
      .toArray();
    const byId = new Map(tickets.map((ticket) => [ticket.ticket_id, ticket]));
    const config = this.deps.config();
    // No push service named (local development): nothing was sent, so no ticket to ask for.
    const url = config.EXPO_PUSH_URL;
    if (!url) return undefined;
    for (const ids of dueReceiptBatches(tickets, now)) {
      const receipts = await fetchExpoReceipts(ids, {
        url,
        accessToken: config.EXPO_ACCESS_TOKEN,
      });
      // Tickets answered so far are settled; the scheduler retries the rest with backoff.
      if (!receipts) throw new RetryableError("expo receipts request failed");
      for (const id of ids) this.#settle(byId.get(id) as PendingTicket, receipts.get(id), now);
    }
    const next = this.deps.sql
      .exec<PendingTicket>("SELECT ticket_id, device_id, sent_at, checked_at FROM push_tickets")
      .toArray()
      .reduce((soonest, ticket) => Math.min(soonest, nextCheckAt(ticket)), Infinity);
    return Number.isFinite(next) ? { rescheduleAt: Math.max(next, now + 1) } : undefined;
  }

  #settle(ticket: PendingTicket, receipt: Parameters<typeof receiptVerdict>[0], now: number) {
    const verdict = receiptVerdict(receipt, ticket, now);
    const log = this.deps.log().with({ ticket_id: ticket.ticket_id, device_id: ticket.device_id });
    if (verdict.kind === "pending") {
      this.deps.sql.exec(
        "UPDATE push_tickets SET checked_at = ? WHERE ticket_id = ?",
        now,
        ticket.ticket_id,
      );
      return;
    }
    this.deps.sql.exec("DELETE FROM push_tickets WHERE ticket_id = ?", ticket.ticket_id);
    if (verdict.kind === "device_gone") {
      if (this.deps.devices.remove(ticket.device_id))
        log.info("push_device_removed", { reason: "DeviceNotRegistered", source: "receipt" });
    } else if (verdict.kind === "error" || verdict.kind === "lost") {
      const code = verdict.kind === "lost" ? "lost" : verdict.code;
      this.#count(code);
      log.warn("push_receipt_error", { code });
    }
  }
}
