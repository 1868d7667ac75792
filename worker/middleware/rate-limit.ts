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

/** The `period` of the USER_RATE_LIMIT binding in wrangler.toml: the wait after a refusal. */
export const USER_RATE_LIMIT_PERIOD_SECONDS = 10;

/**
 * The per-user request limit of every authenticated route (the USER_RATE_LIMIT binding: a
 * counter at the Cloudflare location, no round trip to an actor). A stolen token, or a client
 * stuck in a loop, is slowed to the limit; a real app never reaches it.
 */
export async function enforceUserRequestLimit(c: Context<AppEnv>, userId: string): Promise<void> {
  const { success } = await c.env.USER_RATE_LIMIT.limit({ key: userId });
  if (success) return;
  c.get("log").warn("rate_limited", {
    keys: ["user"],
    user_id: userId,
    retry_after: USER_RATE_LIMIT_PERIOD_SECONDS,
  });
  throw tooManyRequests(USER_RATE_LIMIT_PERIOD_SECONDS);
}
