// The bounded sender's pace. Expo accepts 600 notifications a second per project and refuses
// whole requests past that (429 TOO_MANY_REQUESTS) until the rate falls again. Its algorithm is
// not published, so a sender obeys the strictest reading: no window of one second, wherever it
// starts and however the network delays each request, holds more than the budget. Several
// senders share the project's rate by each taking a fixed share of it (docs/reminders.md,
// "The bounded sender").

/** Expo's documented rate per project (https://docs.expo.dev/push-notifications/faq/). */
export const EXPO_NOTIFICATIONS_PER_SECOND = 600;
/** Expo refuses a request with more (PUSH_TOO_MANY_NOTIFICATIONS). */
export const EXPO_MESSAGES_PER_REQUEST = 100;

/** One sender's share of the project's rate. */
export function senderBudget(senders: number): number {
  return Math.floor(EXPO_NOTIFICATIONS_PER_SECOND / Math.max(1, senders));
}

/** A batch counted against the budget; settled when its answer arrives. */
export interface BudgetEntry {
  count: number;
  /** When the batch stops counting: a window after its answer; unknown while in flight. */
  until: number | null;
}

/**
 * Messages that may still fall in one of Expo's windows. A request reaches Expo somewhere
 * between leaving and its answer coming back; so a batch counts from the moment it leaves
 * until a window after its answer. Then every one-second window Expo can see holds only
 * batches counted at its last instant, at most `limit` of them, whatever the network's delays
 * were. The price: each batch holds its share for a round trip longer than a second.
 */
export class SendBudget {
  readonly #entries: BudgetEntry[] = [];

  constructor(
    readonly limit: number,
    readonly windowMs = 1000,
  ) {}

  #counted(now: number): number {
    let counted = 0;
    for (let i = this.#entries.length - 1; i >= 0; i--) {
      const entry = this.#entries[i] as BudgetEntry;
      if (entry.until !== null && entry.until <= now) this.#entries.splice(i, 1);
      else counted += entry.count;
    }
    return counted;
  }

  /** How many messages may leave at `now`. */
  available(now: number): number {
    return Math.max(0, this.limit - this.#counted(now));
  }

  /**
   * The earliest time (>= now) at which `count` messages (at most the limit) fit, counting only
   * answered batches; null when it depends on a batch still in flight (its answer decides).
   */
  readyAt(now: number, count: number): number | null {
    let free = this.limit - this.#counted(now);
    const need = Math.min(count, this.limit);
    if (free >= need) return now;
    const settled = this.#entries
      .filter((entry) => entry.until !== null)
      .sort((a, b) => (a.until as number) - (b.until as number));
    for (const entry of settled) {
      free += entry.count;
      if (free >= need) return entry.until as number;
    }
    return null;
  }

  /** A batch leaves now; settle it with the time its answer (or failure) arrived. */
  take(count: number): BudgetEntry {
    const entry: BudgetEntry = { count, until: null };
    this.#entries.push(entry);
    return entry;
  }

  settle(entry: BudgetEntry, answeredAt: number): void {
    entry.until = answeredAt + this.windowMs;
  }
}

/**
 * What to send next from a queue of `queued` messages: a batch as large as a request and the
 * budget allow; or the time to look again (null: when an answer arrives).
 */
export function nextBatch(
  budget: SendBudget,
  queued: number,
  now: number,
): { size: number } | { waitUntil: number | null } {
  if (queued === 0) return { size: 0 };
  const size = Math.min(queued, EXPO_MESSAGES_PER_REQUEST, budget.available(now));
  return size > 0 ? { size } : { waitUntil: budget.readyAt(now, 1) };
}
