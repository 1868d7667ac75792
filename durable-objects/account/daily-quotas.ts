import { CachedDocument } from "../storage/cached-document";

// Per-user daily allowances the actor enforces (exports, program jobs, chat tokens, voice...): an
// amount per name for the user's local day, kept in the actor's storage so an eviction forgets
// nothing. A day runs until the midnight of the timezone it started in: moving the timezone
// (east or west) does not start a new one, so no two days ever overlap.
//
// An amount only known afterwards (tokens a model call will use) is held first: `reserve` checks
// and holds in one synchronous step, so concurrent callers cannot all pass the same check, and
// `settle` replaces the hold with what was really used. A hold that is never settled (the Worker
// died half-way) expires and stops counting.

interface Hold {
  id: string;
  name: string;
  amount: number;
  expiresAt: number;
}

interface Counts {
  day: string;
  /** Epoch ms of the local midnight that ends this day (absent in counts stored before it). */
  endsAt?: number;
  used: Record<string, number>;
  holds?: Hold[];
}

type Refusal = { ok: false; retryAfterSeconds: number };

export class DailyQuotas {
  readonly #counts: CachedDocument<Counts>;

  constructor(
    sql: SqlStorage,
    private readonly today: () => Promise<{ date: string; secondsToMidnight: number }>,
  ) {
    this.#counts = new CachedDocument(sql, "daily_quotas");
  }

  /** Takes one of today's `limit`; when none is left, how long until there is. */
  async take(name: string, limit: number): Promise<{ ok: true } | Refusal> {
    const { counts, retryAfterSeconds } = await this.#current();
    const used = counts.used[name] ?? 0;
    if (used >= limit) return { ok: false, retryAfterSeconds };
    this.#counts.store({ ...counts, used: { ...counts.used, [name]: used + 1 } });
    return { ok: true };
  }

  /** Today's count of `name` and the seconds until the next day starts. */
  async used(name: string): Promise<{ used: number; retryAfterSeconds: number }> {
    const { counts, retryAfterSeconds } = await this.#current();
    return { used: counts.used[name] ?? 0, retryAfterSeconds };
  }

  /** Adds measured usage (voice seconds...) to today's count of `name`; returns the new count. */
  async add(name: string, amount: number): Promise<number> {
    const { counts } = await this.#current();
    const used = (counts.used[name] ?? 0) + amount;
    this.#counts.store({ ...counts, used: { ...counts.used, [name]: used } });
    return used;
  }

  /**
   * Holds `amount` of today's `limit` while anything is left (used and held below the limit), so
   * the day's total passes the limit by at most one hold. Refused: how long until a retry can pass.
   */
  async reserve(
    name: string,
    limit: number,
    amount: number,
    ttlMs: number,
  ): Promise<{ ok: true; id: string } | Refusal> {
    const { counts, retryAfterSeconds } = await this.#current();
    const now = Date.now();
    const holds = counts.holds ?? [];
    const mine = holds.filter((hold) => hold.name === name);
    const used = counts.used[name] ?? 0;
    if (used + mine.reduce((sum, hold) => sum + hold.amount, 0) >= limit) {
      // Only holds in the way: they settle (or expire) long before midnight.
      const soonest = Math.min(...mine.map((hold) => hold.expiresAt));
      const held = used < limit ? Math.ceil((soonest - now) / 1000) : retryAfterSeconds;
      return { ok: false, retryAfterSeconds: Math.max(1, Math.min(held, retryAfterSeconds)) };
    }
    const id = crypto.randomUUID();
    this.#counts.store({
      ...counts,
      holds: [...holds, { id, name, amount, expiresAt: now + ttlMs }],
    });
    return { ok: true, id };
  }

  /** Ends a hold (if it has not expired) and counts what was really used, 0 for nothing. */
  async settle(name: string, id: string, amount: number): Promise<void> {
    const { counts } = await this.#current();
    const used = counts.used[name] ?? 0;
    this.#counts.store({
      ...counts,
      used: { ...counts.used, [name]: used + Math.max(0, Math.round(amount)) },
      holds: (counts.holds ?? []).filter((hold) => hold.id !== id),
    });
  }

  /** Today's counts (a new day keeps the holds still running) without expired holds. */
  async #current(): Promise<{ counts: Counts; retryAfterSeconds: number }> {
    const { date, secondsToMidnight } = await this.today();
    const stored = this.#counts.get();
    const now = Date.now();
    const holds = (stored?.holds ?? []).filter((hold) => hold.expiresAt > now);
    // Counts stored before `endsAt` existed last while their day is not behind the local date.
    const endsAt =
      stored?.endsAt ?? (stored && stored.day >= date ? now + secondsToMidnight * 1000 : now);
    const counts =
      stored && now < endsAt
        ? { ...stored, endsAt, holds }
        : { day: date, endsAt: now + secondsToMidnight * 1000, used: {}, holds };
    return {
      counts,
      retryAfterSeconds: Math.max(60, Math.ceil((counts.endsAt - now) / 1000)),
    };
  }
}
