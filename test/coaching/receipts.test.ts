import { describe, expect, it } from "vitest";
import {
  dueReceiptBatches,
  nextCheckAt,
  type PendingTicket,
  RECEIPT_DELAY_MS,
  RECEIPT_TTL_MS,
  receiptVerdict,
} from "../../engine/reminders/receipts";

const sentAt = Date.parse("2026-03-03T08:00:00Z");
const ticket = (n: number, more: Partial<PendingTicket> = {}): PendingTicket => ({
  ticket_id: `ticket-${n}`,
  device_id: `dev-${n % 3}`,
  sent_at: sentAt,
  checked_at: null,
  ...more,
});

describe("Expo receipts", () => {
  it("are asked for 15 minutes after sending, then every 15 minutes while missing", () => {
    expect(nextCheckAt(ticket(1))).toBe(sentAt + RECEIPT_DELAY_MS);
    expect(nextCheckAt(ticket(1, { checked_at: sentAt + RECEIPT_DELAY_MS }))).toBe(
      sentAt + 2 * RECEIPT_DELAY_MS,
    );
    expect(dueReceiptBatches([ticket(1)], sentAt + RECEIPT_DELAY_MS - 1)).toEqual([]);
    expect(dueReceiptBatches([ticket(1)], sentAt + RECEIPT_DELAY_MS)).toEqual([["ticket-1"]]);
  });

  it("are asked for at most 1,000 ids a request", () => {
    const tickets = Array.from({ length: 2500 }, (_, i) => ticket(i));
    const batches = dueReceiptBatches(tickets, sentAt + RECEIPT_DELAY_MS);
    expect(batches.map((b) => b.length)).toEqual([1000, 1000, 500]);
    expect(new Set(batches.flat()).size).toBe(2500);
  });

  it("remove the device on DeviceNotRegistered and count other errors", () => {
    const now = sentAt + RECEIPT_DELAY_MS;
    expect(receiptVerdict({ status: "ok" }, ticket(1), now)).toEqual({ kind: "delivered" });
    expect(
      receiptVerdict({ status: "error", code: "DeviceNotRegistered" }, ticket(1), now),
    ).toEqual({ kind: "device_gone" });
    expect(receiptVerdict({ status: "error", code: "InvalidCredentials" }, ticket(1), now)).toEqual(
      { kind: "error", code: "InvalidCredentials" },
    );
  });

  it("wait for a missing receipt until Expo's 24 hours are over, then count it lost", () => {
    expect(receiptVerdict(undefined, ticket(1), sentAt + RECEIPT_DELAY_MS)).toEqual({
      kind: "pending",
    });
    expect(receiptVerdict(undefined, ticket(1), sentAt + RECEIPT_TTL_MS)).toEqual({ kind: "lost" });
  });
});
