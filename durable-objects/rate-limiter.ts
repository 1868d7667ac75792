import { DurableObject } from "cloudflare:workers";

export interface RateLimitDecision {
  allowed: boolean;
  remaining: number;
  retryAfterSeconds: number;
}

/** The longest window the hits were counted over (they expire after it) and the alarm's time. */
interface Meta {
  windowMs: number;
  alarmAt: number | null;
}

const META = "meta";
const HIT = "hit:";
/** A hit's key: its time, zero-padded so keys sort by time, and a suffix for equal times. */
const hitKey = (at: number) => `${HIT}${String(at).padStart(15, "0")}:${crypto.randomUUID()}`;
const timeOf = (key: string) => Number(key.slice(HIT.length, HIT.length + 15));

/**
 * One limiter per key ("signup:ip:1.2.3.4", "login-fail:email:a@b.c"), a sliding log of hit
 * times kept in the object's storage, so an eviction (or a deploy) forgets nothing: a guesser
 * cannot reset the login guard by waiting for the object to go idle. Each counted hit is one
 * small synchronous write (its own key); reads come from memory. The alarm drops the hits
 * that left their window, and the whole storage once none is left, so a key used once costs
 * nothing for long. A DO serialises calls, so no races.
 */
export class RateLimiter extends DurableObject<Env> {
  #hits: number[] = [];
  #meta: Meta;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    for (const [key] of ctx.storage.kv.list({ prefix: HIT })) this.#hits.push(timeOf(key));
    this.#meta = ctx.storage.kv.get<Meta>(META) ?? { windowMs: 0, alarmAt: null };
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
    if (this.#hits.length > 0 || this.#meta.alarmAt !== null) await this.#erase();
  }

  /** Drops the hits out of their window; the key's whole storage once none is left. */
  override async alarm(): Promise<void> {
    const start = Date.now() - this.#meta.windowMs;
    this.#hits = this.#hits.filter((at) => at > start);
    if (this.#hits.length === 0) return this.#erase();
    const end = `${HIT}${String(start + 1).padStart(15, "0")}`;
    for (const [key] of this.ctx.storage.kv.list({ prefix: HIT, end }))
      this.ctx.storage.kv.delete(key);
    this.#meta = { ...this.#meta, alarmAt: null };
    await this.#arm();
  }

  /** The hits within `windowMs` of now (older ones stay stored until the alarm, harmless). */
  #inWindow(windowMs: number, now: number): number[] {
    return this.#hits.filter((hit) => hit > now - windowMs);
  }

  async #add(now: number, windowMs: number): Promise<void> {
    this.#hits.push(now);
    // Hits come in time order; a test may record one in the past.
    if (now < (this.#hits.at(-2) ?? now)) this.#hits.sort((a, b) => a - b);
    this.ctx.storage.kv.put(hitKey(now), 1);
    if (windowMs > this.#meta.windowMs) {
      this.#meta = { ...this.#meta, windowMs };
      this.ctx.storage.kv.put(META, this.#meta);
    }
    if (this.#meta.alarmAt === null) await this.#arm();
  }

  /** Sets the alarm for when the newest hit leaves its window (it re-arms if more came). */
  async #arm(): Promise<void> {
    const alarmAt = (this.#hits.at(-1) ?? Date.now()) + this.#meta.windowMs;
    this.#meta = { ...this.#meta, alarmAt };
    this.ctx.storage.kv.put(META, this.#meta);
    await this.ctx.storage.setAlarm(alarmAt);
  }

  async #erase(): Promise<void> {
    this.#hits = [];
    this.#meta = { windowMs: 0, alarmAt: null };
    await this.ctx.storage.deleteAlarm();
    await this.ctx.storage.deleteAll();
  }
}
