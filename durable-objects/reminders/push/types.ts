/**
 * What a push provider made of one message. The caller acts on the status alone:
 * - sent: accepted by the provider (delivery to the device is not confirmed);
 * - invalid_token: the device token is dead; delete it and stop sending to it;
 * - retry: a transient failure; send again later, no sooner than retryAfterSeconds;
 * - failed: permanent and not the device's fault (credentials, payload); log it, do not retry.
 * Reasons are short codes (the provider's error code or ours), never provider free text,
 * so they are safe to log and to store.
 */
export type PushResult =
  | { status: "sent"; providerId?: string }
  | { status: "invalid_token"; reason: string }
  | { status: "retry"; reason: string; retryAfterSeconds?: number }
  | { status: "failed"; reason: string };

/** Statuses both providers ask clients to back off on and send again. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/** A Retry-After header in either of its forms (delta seconds or an HTTP date). */
export function retryAfterSeconds(header: string | null, nowMs: number): number | undefined {
  if (header === null) return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - nowMs) / 1000));
}

/** A retry result carrying the provider's Retry-After when it sent one. */
export function retryResult(reason: string, response: Response, nowMs: number): PushResult {
  const after = retryAfterSeconds(response.headers.get("retry-after"), nowMs);
  return after === undefined
    ? { status: "retry", reason }
    : { status: "retry", reason, retryAfterSeconds: after };
}

/** Keeps a provider's error code only if it looks like one, so no free text leaks out. */
export function errorCode(value: unknown, fallback: string): string {
  return typeof value === "string" && /^[A-Za-z0-9_.-]{1,64}$/.test(value) ? value : fallback;
}

/** The result of a fetch that threw: the network failed or the request timed out. */
export function networkFailure(error: unknown): PushResult {
  const name = error instanceof Error ? error.name : "";
  const reason = name === "TimeoutError" || name === "AbortError" ? "timeout" : "network_error";
  return { status: "retry", reason };
}

/** Parses a JSON body, or undefined when it is not JSON (proxies answer 502s in HTML). */
export async function readJson(response: Response): Promise<unknown> {
  try {
    return JSON.parse(await response.text());
  } catch {
    return undefined;
  }
}

export const DEFAULT_TIMEOUT_MS = 10_000;
