import type { Context } from "hono";
import type { AppEnv } from "../app-env";
import { ApiError, tooManyRequests } from "../errors";
import { clientIp } from "../middleware/rate-limit";
import { verifyPassword } from "./passwords";

// Password guessing against one account is slowed without letting anyone lock its owner out:
// - per email and client IP, at most 5 failures in 15 minutes (then that IP waits);
// - per email from any IP, after 10 failures in 15 minutes each further attempt waits a delay
//   that doubles with every failure, up to a minute: a guesser gets about one try a minute,
//   while the owner, even from a new IP, gets in within a minute at worst. Never a lockout.
// Only failures count; a success clears the pair's failures. A password typed to confirm an
// account change (password change, email change, deletion) is guessing too: it counts with the
// login's failures for the account's address, so a stolen access token gives no faster oracle.
// The counts live in the RateLimiter actors' storage: an evicted actor forgets nothing.

const WINDOW_MS = 15 * 60_000;
const PAIR_LIMIT = 5;
const EMAIL_FREE_FAILURES = 10;
const MAX_DELAY_MS = 60_000;

const pairKey = (email: string, ip: string) => `login-fail:pair:${email}|${ip}`;
const emailKey = (email: string) => `login-fail:email:${email}`;

/** Throws 429 with Retry-After when this email may not be tried from this IP right now. */
export async function checkLoginAllowed(c: Context<AppEnv>, email: string, ip: string) {
  const limiter = (key: string) => c.env.RATE_LIMITER.getByName(key);
  const now = Date.now();
  const [pair, perEmail] = await Promise.all([
    limiter(pairKey(email, ip)).recent(WINDOW_MS, now),
    limiter(emailKey(email)).recent(WINDOW_MS, now),
  ]);
  if (pair.count >= PAIR_LIMIT && pair.last !== null) {
    c.get("log").warn("login_throttled", { scope: "email_ip", failures: pair.count });
    throw tooManyRequests(Math.ceil(WINDOW_MS / 1000));
  }
  const excess = perEmail.count - EMAIL_FREE_FAILURES;
  if (excess >= 0 && perEmail.last !== null) {
    const delay = Math.min(MAX_DELAY_MS, 1000 * 2 ** excess);
    const wait = perEmail.last + delay - now;
    if (wait > 0) {
      c.get("log").warn("login_throttled", { scope: "email", failures: perEmail.count });
      throw tooManyRequests(Math.ceil(wait / 1000));
    }
  }
}

export async function recordLoginFailure(c: Context<AppEnv>, email: string, ip: string) {
  await Promise.all([
    c.env.RATE_LIMITER.getByName(pairKey(email, ip)).record(WINDOW_MS),
    c.env.RATE_LIMITER.getByName(emailKey(email)).record(WINDOW_MS),
  ]);
}

export async function recordLoginSuccess(c: Context<AppEnv>, email: string, ip: string) {
  await c.env.RATE_LIMITER.getByName(pairKey(email, ip)).clear();
}

/**
 * The current password, typed to confirm an account change, checked through the guard: 429
 * while this address is throttled from this IP, 403 `wrong_password` (counted) when wrong.
 */
export async function confirmPassword(
  c: Context<AppEnv>,
  account: { email: string; passwordHash: string },
  password: string,
): Promise<void> {
  const ip = clientIp(c);
  await checkLoginAllowed(c, account.email, ip);
  if (await verifyPassword(password, account.passwordHash)) {
    await recordLoginSuccess(c, account.email, ip);
    return;
  }
  await recordLoginFailure(c, account.email, ip);
  c.get("log").info("password_confirmation_failed");
  throw new ApiError("wrong_password", "The current password is not right.");
}
