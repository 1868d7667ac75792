import { CachedDocument } from "./cached-document";

// Per-user daily allowances the actor enforces (data exports, program jobs...): a count per
// name for the user's local day, kept in the actor's storage so an eviction forgets nothing.
// The day is the one the count started on: moving the timezone does not start a new day.

interface Counts {
  day: string;
  used: Record<string, number>;
}

export class DailyQuotas {
  readonly #counts: CachedDocument<Counts>;

  constructor(
    sql: SqlStorage,
    private readonly today: () => Promise<{ date: string; secondsToMidnight: number }>,
  ) {
    this.#counts = new CachedDocument(sql, "daily_quotas");
  }

  /** Takes one of today's `limit`; when none is left, how long until there is. */
  async take(
    name: string,
    limit: number,
  ): Promise<{ ok: true } | { ok: false; retryAfterSeconds: number }> {
    const { counts, secondsToMidnight } = await this.#today();
    const used = counts.used[name] ?? 0;
    if (used >= limit) return { ok: false, retryAfterSeconds: Math.max(60, secondsToMidnight) };
    this.#counts.store({ day: counts.day, used: { ...counts.used, [name]: used + 1 } });
    return { ok: true };
  }

  /** Today's count of `name` and the seconds until the next day starts. */
  async used(name: string): Promise<{ used: number; retryAfterSeconds: number }> {
    const { counts, secondsToMidnight } = await this.#today();
    return { used: counts.used[name] ?? 0, retryAfterSeconds: Math.max(60, secondsToMidnight) };
  }

  /** Adds measured usage (voice seconds...) to today's count of `name`; returns the new count. */
  async add(name: string, amount: number): Promise<number> {
    const { counts } = await this.#today();
    const used = (counts.used[name] ?? 0) + amount;
    this.#counts.store({ day: counts.day, used: { ...counts.used, [name]: used } });
    return used;
  }

  // Read after the await, so a caller's read-modify-write has no I/O between read and write.
  async #today(): Promise<{ counts: Counts; secondsToMidnight: number }> {
    const { date, secondsToMidnight } = await this.today();
    const current = this.#counts.get();
    const counts = current && current.day >= date ? current : { day: date, used: {} };
    return { counts, secondsToMidnight };
  }
}
