// One retry policy for the Worker, its actors and the agent host: which failures are worth
// another attempt, and how long to wait before it.

/** A failure its thrower knows to be transient (a push service asking to be retried...). */
export class RetryableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RetryableError";
  }
}

/**
 * Transient failures: errors the platform marks retryable (Durable Object and storage errors
 * carry `retryable`), timeouts, 429 and 5xx answers of outside services, lost connections.
 * Programming errors, constraint violations and validation failures are not: trying again
 * would fail the same way.
 */
export function isRetryable(error: unknown): boolean {
  if (error instanceof RetryableError) return true;
  if (!(error instanceof Error)) return false;
  const marked = error as Error & { retryable?: unknown; overloaded?: unknown; status?: unknown };
  // An overloaded object is not helped by being called again at once; a later attempt is.
  if (marked.retryable === true) return true;
  if (error.name === "TimeoutError" || error.name === "AbortError") return true;
  if (typeof marked.status === "number") return marked.status === 429 || marked.status >= 500;
  return /network connection lost|fetch failed|socket hang up|ECONNRESET|ECONNREFUSED|connection (?:reset|closed)/i.test(
    error.message,
  );
}

/**
 * The wait before attempt `attempt + 1`: exponential from `baseMs`, capped at `maxMs`, with
 * "equal jitter" (half fixed, half random) so many clients failing together do not retry
 * together, yet never retry sooner than half the nominal delay.
 */
export function backoffDelay(
  attempt: number,
  options: { baseMs: number; maxMs?: number; random?: () => number },
): number {
  const nominal = Math.min(options.maxMs ?? 3_600_000, options.baseMs * 2 ** (attempt - 1));
  return Math.round(nominal / 2 + (options.random ?? Math.random)() * (nominal / 2));
}
