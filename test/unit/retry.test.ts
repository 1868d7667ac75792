import { describe, expect, it } from "vitest";
import { backoffDelay, isRetryable, RetryableError } from "../../kernel/retry";

describe("the retry policy", () => {
  it("retries transient failures and nothing else", () => {
    const withProps = (message: string, props: Record<string, unknown>) =>
      Object.assign(new Error(message), props);
    const timeout = Object.assign(new Error("took too long"), { name: "TimeoutError" });
    for (const transient of [
      new RetryableError("push to 2 device(s) failed transiently"),
      withProps("Durable Object reset", { retryable: true }),
      timeout,
      withProps("upstream", { status: 503 }),
      withProps("slow down", { status: 429 }),
      new TypeError("fetch failed"),
      new Error("Network connection lost."),
    ])
      expect(isRetryable(transient), transient.message).toBe(true);
    for (const permanent of [
      new Error("D1_ERROR: FOREIGN KEY constraint failed: SQLITE_CONSTRAINT"),
      new Error("UNIQUE constraint failed: programs.job_id"),
      new TypeError("Cannot read properties of undefined (reading 'weeks')"),
      withProps("bad request", { status: 400 }),
      "a string",
    ])
      expect(isRetryable(permanent), String(permanent)).toBe(false);
  });

  it("backs off exponentially with jitter between half and all of the nominal delay, capped", () => {
    const at = (random: number) => (attempt: number) =>
      backoffDelay(attempt, { baseMs: 1000, maxMs: 10_000, random: () => random });
    expect([1, 2, 3, 4, 5].map(at(0))).toEqual([500, 1000, 2000, 4000, 5000]);
    expect([1, 2, 3, 4, 5].map(at(1))).toEqual([1000, 2000, 4000, 8000, 10_000]);
    expect(backoffDelay(3, { baseMs: 0 })).toBe(0);
  });
});
