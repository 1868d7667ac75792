import type { Context } from "hono";
import type { AppEnv } from "../app-env";
import { ApiError } from "../errors";
import { clientIp } from "../middleware/rate-limit";

// Optional Cloudflare Turnstile on the forms bots like (signup, login, forgot-password): with
// TURNSTILE_SECRET set, each needs a `turnstile_token` the server verifies with Cloudflare.

export async function requireTurnstile(
  c: Context<AppEnv>,
  token: string | undefined,
): Promise<void> {
  const config = c.get("config");
  if (!config.TURNSTILE_SECRET) return;
  if (!token) throw new ApiError("turnstile_failed", "Complete the human check and try again.");
  const form = new URLSearchParams({
    secret: config.TURNSTILE_SECRET,
    response: token,
    remoteip: clientIp(c),
  });
  const response = await fetch(config.TURNSTILE_VERIFY_URL, { method: "POST", body: form });
  const result = (await response.json().catch(() => ({}))) as {
    success?: boolean;
    "error-codes"?: string[];
  };
  if (!result.success) {
    c.get("log").warn("turnstile_rejected", { codes: result["error-codes"] ?? [] });
    throw new ApiError("turnstile_failed", "Complete the human check and try again.");
  }
}
