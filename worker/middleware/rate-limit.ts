import type { Context } from "hono";
import type { AppEnv } from "../app-env";
import { tooManyRequests } from "../errors";

const MINUTE_MS = 60_000;

/** The caller's IP as Cloudflare reports it; "unknown" only outside Cloudflare's edge. */
export function clientIp(c: Context<AppEnv>): string {
  return c.req.header("cf-connecting-ip") ?? "unknown";
}

/**
 * Counts one hit against every key (e.g. "login:ip:1.2.3.4" and "login:email:a@b.c") in the
 * RateLimiter actors and throws 429 with Retry-After when any of them is over its limit.
 */
export async function enforceRateLimit(
  c: Context<AppEnv>,
  keys: string[],
  limit: number,
  windowMs: number = MINUTE_MS,
): Promise<void> {
  const decisions = await Promise.all(
    keys.map((key) => c.env.RATE_LIMITER.getByName(key).hit(limit, windowMs)),
  );
  const blocked = decisions.filter((decision) => !decision.allowed);
  if (blocked.length === 0) return;
  const retryAfter = Math.max(...blocked.map((decision) => decision.retryAfterSeconds));
  c.get("log").warn("rate_limited", {
    keys: keys.map((key) => key.split(":")[0]),
    retry_after: retryAfter,
  });
  throw tooManyRequests(retryAfter);
}
