import { CachedDocument } from "../storage/cached-document";

// Per-user daily allowances the actor enforces (exports, program jobs, voice rooms, chat tokens,
// voice seconds): what was used of each name in the last 24 hours, kept in the actor's storage so
// an eviction forgets nothing. A rolling window, not a local day: no timezone move and no
// midnight opens a new allowance, and "Retry-After" is the moment enough usage leaves the window.
//
// An amount only known afterwards (tokens a model call will use) is held first: `reserve` checks
// and holds in one synchronous step, so concurrent callers cannot all pass the same check, and
// `settle` replaces the hold with what was really used. A hold that is never settled (the Worker
// died half-way) expires and stops counting.
//
// The first time an actor counts anything, it adds what a deleted account with the same address
// used in the window (`carriedOver`, durable-objects/account/deleted-account-usage.ts), so deleting the
// account and signing up again refills nothing.

export const QUOTA_WINDOW_MS = 24 * 3600_000;
/** Uses this close together are kept as one, at the later time: the list stays short (<= 1440). */
const MERGE_MS = 60_000;

/** Used `amount` at `at` (epoch ms). */
export type Use = [at: number, amount: number];
/** Each quota's uses in the window, oldest first. */
export type QuotaUses = Record<string, Use[]>;

interface Hold {
  id: string;
  name: string;
  amount: number;
  expiresAt: number;
}

interface Window {
  version: 2;
  uses: QuotaUses;
  holds: Hold[];
  /** The deleted account's uses (if any) were added. */
  carriedIn: boolean;
}

/** What the per-day counts of the previous release looked like (read once, then replaced). */
interface DayCounts {
  endsAt?: number;
  used: Record<string, number>;
  holds?: Hold[];
}

type Refusal = { ok: false; used: number; retryAfterSeconds: number };

/** The uses still in the window at `now`. */
export function inWindow(uses: QuotaUses, now: number): QuotaUses {
  const kept: QuotaUses = {};
  for (const [name, list] of Object.entries(uses)) {
    const recent = list.filter(([at]) => at + QUOTA_WINDOW_MS > now);
    if (recent.length > 0) kept[name] = recent;
  }
  return kept;
}

const total = (items: Array<{ amount: number } | Use>) =>
  items.reduce((sum, item) => sum + (Array.isArray(item) ? item[1] : item.amount), 0);

/**
 * Seconds until the uses leaving the window and the holds expiring bring what counts below
 * `limit`: when a retry can pass (if nothing new is used meanwhile); 0 when it is below now.
 */
function secondsUntilBelow(uses: Use[], holds: Hold[], limit: number, now: number): number {
  const releases = [
    ...uses.map(([at, amount]) => ({ at: at + QUOTA_WINDOW_MS, amount })),
    ...holds.map((hold) => ({ at: hold.expiresAt, amount: hold.amount })),
  ].sort((a, b) => a.at - b.at);
  let counted = total(uses) + total(holds);
  if (counted < limit) return 0;
  for (const release of releases) {
    counted -= release.amount;
    if (counted < limit) return Math.max(1, Math.ceil((release.at - now) / 1000));
  }
  return QUOTA_WINDOW_MS / 1000;
}

export class DailyQuotas {
  readonly #window: CachedDocument<Window | DayCounts>;
  #carrying: Promise<void> | null = null;

  constructor(
    sql: SqlStorage,
    /** The uses a deleted account with this account's address left in the window. */
    private readonly carriedOver: () => Promise<QuotaUses>,
  ) {
    this.#window = new CachedDocument(sql, "daily_quotas");
  }

  /**
   * Loads the window, adding the deleted account's uses the first time. Every method awaits it
   * and then checks and stores with no await between, so concurrent callers cannot both pass
   * the same check; a caller that must check something of its own in the same step (voice.ts)
   * awaits it and then calls `takeNow`.
   */
  async ready(): Promise<void> {
    if (this.#read().carriedIn) return;
    this.#carrying ??= this.#carryIn().finally(() => {
      this.#carrying = null;
    });
    await this.#carrying;
  }

  /** Takes one of `limit` a window; when none is left, how long until there is. */
  async take(name: string, limit: number): Promise<{ ok: true } | Refusal> {
    await this.ready();
    return this.takeNow(name, limit);
  }

  /** `take` in the caller's synchronous step, once `ready()` has resolved. */
  takeNow(name: string, limit: number): { ok: true } | Refusal {
    const { window, now } = this.#current();
    const uses = window.uses[name] ?? [];
    if (total(uses) >= limit)
      return {
        ok: false,
        used: total(uses),
        retryAfterSeconds: secondsUntilBelow(uses, [], limit, now),
      };
    this.#store(window, name, now, 1);
    return { ok: true };
  }

  /** The window's usage of `name` and the seconds until it is below `limit`. */
  async used(name: string, limit: number): Promise<{ used: number; retryAfterSeconds: number }> {
    await this.ready();
    const { window, now } = this.#current();
    const uses = window.uses[name] ?? [];
    return { used: total(uses), retryAfterSeconds: secondsUntilBelow(uses, [], limit, now) };
  }

  /** Adds measured usage (voice seconds...) to `name`; returns the window's new total. */
  async add(name: string, amount: number): Promise<number> {
    await this.ready();
    const { window, now } = this.#current();
    return total(this.#store(window, name, now, amount).uses[name] ?? []);
  }

  /**
   * Holds `amount` of `limit` while anything is left (used and held below the limit), so the
   * window's total passes the limit by at most one hold. Refused: how long until a retry can pass.
   */
  async reserve(
    name: string,
    limit: number,
    amount: number,
    ttlMs: number,
  ): Promise<{ ok: true; id: string } | Refusal> {
    await this.ready();
    const { window, now } = this.#current();
    const uses = window.uses[name] ?? [];
    const mine = window.holds.filter((hold) => hold.name === name);
    if (total(uses) + total(mine) >= limit)
      return {
        ok: false,
        used: total(uses),
        retryAfterSeconds: secondsUntilBelow(uses, mine, limit, now),
      };
    const id = crypto.randomUUID();
    this.#window.store({
      ...window,
      holds: [...window.holds, { id, name, amount, expiresAt: now + ttlMs }],
    });
    return { ok: true, id };
  }

  /** Ends a hold (if it has not expired) and counts what was really used, 0 for nothing. */
  async settle(name: string, id: string, amount: number): Promise<void> {
    await this.ready();
    const { window, now } = this.#current();
    const holds = window.holds.filter((hold) => hold.id !== id);
    this.#store({ ...window, holds }, name, now, Math.max(0, Math.round(amount)));
  }

  /**
   * Every use in the window, open holds counted as used now (the account is going away while
   * they run): what a deleted account leaves behind for its address.
   */
  async snapshot(): Promise<QuotaUses> {
    await this.ready();
    const { window, now } = this.#current();
    const uses: QuotaUses = structuredClone(window.uses);
    for (const hold of window.holds)
      uses[hold.name] = [...(uses[hold.name] ?? []), [now, hold.amount]];
    return uses;
  }

  /** Stores the window with `amount` more of `name` at `now` (merged into a use just before). */
  #store(window: Window, name: string, now: number, amount: number): Window {
    const uses = [...(window.uses[name] ?? [])];
    const last = uses.at(-1);
    if (amount > 0) {
      if (last && last[0] > now - MERGE_MS)
        uses[uses.length - 1] = [Math.max(now, last[0]), last[1] + amount];
      else uses.push([now, amount]);
    }
    const next = { ...window, uses: { ...window.uses, [name]: uses } };
    this.#window.store(next);
    return next;
  }

  /** The window without what left it (call after `ready()`). */
  #current(): { window: Window; now: number } {
    const window = this.#read();
    if (!window.carriedIn) throw new Error("DailyQuotas used before ready()");
    const now = Date.now();
    const holds = window.holds.filter((hold) => hold.expiresAt > now);
    return { window: { ...window, uses: inWindow(window.uses, now), holds }, now };
  }

  async #carryIn(): Promise<void> {
    const carried = await this.carriedOver();
    const window = this.#read();
    if (window.carriedIn) return;
    const uses: QuotaUses = { ...window.uses };
    for (const [name, list] of Object.entries(carried))
      uses[name] = [...(uses[name] ?? []), ...list].sort((a, b) => a[0] - b[0]);
    this.#window.store({ ...window, uses, carriedIn: true });
  }

  /** The stored window; per-day counts of the previous release count until their day's end. */
  #read(): Window {
    const stored = this.#window.get();
    if (stored && "version" in stored) return stored;
    const window: Window = { version: 2, uses: {}, holds: stored?.holds ?? [], carriedIn: false };
    const endsAt = stored?.endsAt;
    if (stored && endsAt)
      for (const [name, amount] of Object.entries(stored.used))
        if (amount > 0) window.uses[name] = [[endsAt - QUOTA_WINDOW_MS, amount]];
    return window;
  }
}
