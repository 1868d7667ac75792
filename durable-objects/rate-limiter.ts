import { DurableObject } from "cloudflare:workers";

export interface RateLimitDecision {
  allowed: boolean;
  remaining: number;
  retryAfterSeconds: number;
}

interface Hits {
  /** Epoch ms of each hit in the window, oldest first. */
  at: number[];
  /** The longest window these hits were counted over: they expire after it. */
  windowMs: number;
  /** When the alarm that erases expired hits is set for, if it is. */
  alarmAt: number | null;
}

const KEY = "hits";

/**
 * One limiter per key ("signup:ip:1.2.3.4", "login-fail:email:a@b.c"), a sliding log of hit
 * times kept in the object's storage, so an eviction (or a deploy) forgets nothing: a guesser
 * cannot reset the login guard by waiting for the object to go idle. Each counted hit is one
 * small synchronous write; reads come from memory. Expired hits are dropped as they are read,
 * and the alarm erases the key's storage once its last hit is out of its window, so a key
 * used once costs nothing for long. A DO serialises calls, so no races.
 */
export class RateLimiter extends DurableObject<Env> {
  #hits: Hits;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.#hits = ctx.storage.kv.get<Hits>(KEY) ?? { at: [], windowMs: 0, alarmAt: null };
  }

  async hit(limit: number, windowMs: number, now: number = Date.now()): Promise<RateLimitDecision> {
    const hits = this.#inWindow(windowMs, now);
    if (hits.length >= limit) {
      const oldest = hits[0] ?? now;
      return {
        allowed: false,
        remaining: 0,
        retryAfterSeconds: Math.max(1, Math.ceil((oldest + windowMs - now) / 1000)),
      };
    }
    await this.#add(now, windowMs);
    return { allowed: true, remaining: limit - hits.length - 1, retryAfterSeconds: 0 };
  }

  /** The hits in the window and the latest one, without counting a new hit. */
  recent(windowMs: number, now: number = Date.now()): { count: number; last: number | null } {
    const hits = this.#inWindow(windowMs, now);
    return { count: hits.length, last: hits.at(-1) ?? null };
  }

  /** Counts one hit without deciding anything (a failed login, counted after the fact). */
  async record(windowMs: number, now: number = Date.now()): Promise<void> {
    await this.#add(now, windowMs);
  }

  /** Forgets every hit (a successful login clears its failures). */
  async clear(): Promise<void> {
    if (this.#hits.at.length > 0 || this.#hits.alarmAt !== null) await this.#erase();
  }

  /** Erases what has expired; the key's whole storage once nothing is left in its window. */
  override async alarm(): Promise<void> {
    const now = Date.now();
    const at = this.#hits.at.filter((hit) => hit > now - this.#hits.windowMs);
    if (at.length === 0) return this.#erase();
    this.#hits = { ...this.#hits, at, alarmAt: null };
    await this.#arm();
    this.ctx.storage.kv.put(KEY, this.#hits);
  }

  async #erase(): Promise<void> {
    this.#hits = { at: [], windowMs: 0, alarmAt: null };
    await this.ctx.storage.deleteAlarm();
    await this.ctx.storage.deleteAll();
  }

  /** The hits within `windowMs` of now (older ones stay stored until the alarm, harmless). */
  #inWindow(windowMs: number, now: number): number[] {
    return this.#hits.at.filter((hit) => hit > now - windowMs);
  }

  async #add(now: number, windowMs: number): Promise<void> {
    const longest = Math.max(windowMs, this.#hits.windowMs);
    const at = [...this.#hits.at.filter((hit) => hit > now - longest), now].sort((a, b) => a - b);
    this.#hits = { ...this.#hits, at, windowMs: longest };
    if (this.#hits.alarmAt === null) await this.#arm();
    this.ctx.storage.kv.put(KEY, this.#hits);
  }

  /** Sets the alarm for when the newest hit leaves its window (it re-arms if more came). */
  async #arm(): Promise<void> {
    const alarmAt = (this.#hits.at.at(-1) ?? Date.now()) + this.#hits.windowMs;
    this.#hits = { ...this.#hits, alarmAt };
    await this.ctx.storage.setAlarm(alarmAt);
  }
}
