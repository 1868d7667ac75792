// The bounded sender's pace. Expo accepts 600 notifications a second per project and refuses
// whole requests past that (429 TOO_MANY_REQUESTS) until the rate falls again. Its algorithm is
// not published, so a sender obeys the strictest reading: no window of one second, wherever it
// starts, holds more than the budget. Several senders share the project's rate by each taking
// a fixed share of it (docs/reminders.md, "The bounded sender").

/** Expo's documented rate per project (https://docs.expo.dev/push-notifications/faq/). */
export const EXPO_NOTIFICATIONS_PER_SECOND = 600;
/** Expo refuses a request with more (PUSH_TOO_MANY_NOTIFICATIONS). */
export const EXPO_MESSAGES_PER_REQUEST = 100;

/**
 * One sender's share of the project rate: `senders` shares of the rate less a margin for the
 * network (a send that leaves at t reaches Expo a little later, by a varying amount).
 */
export function senderBudget(senders: number, margin = 0.05): number {
  return Math.floor((EXPO_NOTIFICATIONS_PER_SECOND * (1 - margin)) / Math.max(1, senders));
}

/** Messages sent in the last `windowMs`, and when the next ones fit. */
export class SlidingWindowBudget {
  readonly #sent: Array<{ at: number; count: number }> = [];
  #inWindow = 0;

  constructor(
    readonly limit: number,
    readonly windowMs = 1000,
  ) {}

  #expire(now: number): void {
    while (this.#sent.length > 0 && (this.#sent[0] as { at: number }).at <= now - this.windowMs) {
      this.#inWindow -= (this.#sent.shift() as { count: number }).count;
    }
  }

  /** How many messages may leave at `now`. */
  available(now: number): number {
    this.#expire(now);
    return Math.max(0, this.limit - this.#inWindow);
  }

  /** The earliest time (>= now) at which `count` messages (at most the limit) fit. */
  readyAt(now: number, count: number): number {
    this.#expire(now);
    let free = this.limit - this.#inWindow;
    if (free >= count) return now;
    for (const entry of this.#sent) {
      free += entry.count;
      if (free >= Math.min(count, this.limit)) return entry.at + this.windowMs;
    }
    return now + this.windowMs;
  }

  record(now: number, count: number): void {
    this.#expire(now);
    this.#sent.push({ at: now, count });
    this.#inWindow += count;
  }
}

/**
 * What to send next from a queue of `queued` messages: a batch as large as the request and
 * the budget allow, or the time to wait until at least one fits.
 */
export function nextBatch(
  budget: SlidingWindowBudget,
  queued: number,
  now: number,
): { size: number } | { waitUntil: number } {
  if (queued === 0) return { size: 0 };
  const size = Math.min(queued, EXPO_MESSAGES_PER_REQUEST, budget.available(now));
  return size > 0 ? { size } : { waitUntil: budget.readyAt(now, 1) };
}
