// Expo push receipts: a ticket says Expo took a message; its receipt, later, says whether
// Apple or Google took it, and carries the errors that matter (DeviceNotRegistered: stop
// sending to that token). Expo's rules (docs/reminders.md, "Receipts"): check about 15 minutes
// after sending, ask for at most 1,000 ids a request, receipts are gone after 24 hours; an id
// missing from an answer has no receipt yet.

export const RECEIPT_DELAY_MS = 15 * 60_000;
export const RECEIPT_RETRY_MS = 15 * 60_000;
export const RECEIPT_TTL_MS = 24 * 3_600_000;
export const RECEIPT_IDS_PER_REQUEST = 1000;

export type PendingTicket = {
  ticket_id: string;
  device_id: string;
  /** When Expo accepted the message (ms). */
  sent_at: number;
  /** When the receipt was last asked for, if ever (ms). */
  checked_at: number | null;
};

/** A receipt as the client reads it: ok, or an error with Expo's code (sanitised). */
export type Receipt = { status: "ok" } | { status: "error"; code: string };

export type ReceiptVerdict =
  /** Apple or Google took the message: forget the ticket. */
  | { kind: "delivered" }
  /** The device is gone (uninstalled, notifications revoked): remove it. */
  | { kind: "device_gone" }
  /** Another failure (credentials, payload, rate): count it for operators, forget the ticket. */
  | { kind: "error"; code: string }
  /** No receipt yet: ask again later. */
  | { kind: "pending" }
  /** No receipt within Expo's 24 hours: counted as an error (Expo says it likely failed). */
  | { kind: "lost" };

/** When a ticket's receipt should next be asked for. */
export function nextCheckAt(ticket: PendingTicket): number {
  return ticket.checked_at === null
    ? ticket.sent_at + RECEIPT_DELAY_MS
    : ticket.checked_at + RECEIPT_RETRY_MS;
}

/** The tickets due for a check at `now`, in requests of at most 1,000 ids. */
export function dueReceiptBatches(tickets: readonly PendingTicket[], now: number): string[][] {
  const due = tickets.filter((ticket) => nextCheckAt(ticket) <= now).map((t) => t.ticket_id);
  const batches: string[][] = [];
  for (let i = 0; i < due.length; i += RECEIPT_IDS_PER_REQUEST)
    batches.push(due.slice(i, i + RECEIPT_IDS_PER_REQUEST));
  return batches;
}

/** What a ticket's receipt (or its absence from the answer) means. */
export function receiptVerdict(
  receipt: Receipt | undefined,
  ticket: PendingTicket,
  now: number,
): ReceiptVerdict {
  if (!receipt)
    return now - ticket.sent_at >= RECEIPT_TTL_MS ? { kind: "lost" } : { kind: "pending" };
  if (receipt.status === "ok") return { kind: "delivered" };
  return receipt.code === "DeviceNotRegistered"
    ? { kind: "device_gone" }
    : { kind: "error", code: receipt.code };
}
