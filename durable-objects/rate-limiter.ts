import { DurableObject } from "cloudflare:workers";

export interface RateLimitDecision {
  allowed: boolean;
  remaining: number;
  retryAfterSeconds: number;
}

/**
 * One limiter per key ("ip:1.2.3.4", "email:a@b.c", "user:<id>"), a sliding log of hit times.
 * Memory only on purpose: losing counts when the object is evicted errs towards letting a
 * user in, and keeps every hit free of storage writes. A DO serialises calls, so no races.
 */
export class RateLimiter extends DurableObject<Env> {
  #hits: number[] = [];

  hit(limit: number, windowMs: number, now: number = Date.now()): RateLimitDecision {
    const windowStart = now - windowMs;
    this.#hits = this.#hits.filter((at) => at > windowStart);
    if (this.#hits.length >= limit) {
      const oldest = this.#hits[0] ?? now;
      return {
        allowed: false,
        remaining: 0,
        retryAfterSeconds: Math.max(1, Math.ceil((oldest + windowMs - now) / 1000)),
      };
    }
    this.#hits.push(now);
    return { allowed: true, remaining: limit - this.#hits.length, retryAfterSeconds: 0 };
  }

  /** The hits in the window and the latest one, without counting a new hit. */
  recent(windowMs: number, now: number = Date.now()): { count: number; last: number | null } {
    this.#hits = this.#hits.filter((at) => at > now - windowMs);
    return { count: this.#hits.length, last: this.#hits.at(-1) ?? null };
  }

  /** Counts one hit without deciding anything (a failed login, counted after the fact). */
  record(now: number = Date.now()): void {
    this.#hits.push(now);
  }

  /** Forgets every hit (a successful login clears its failures). */
  clear(): void {
    this.#hits = [];
  }
}
