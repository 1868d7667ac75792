import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { nextBatch, SlidingWindowBudget, senderBudget } from "../../engine/reminders/send-budget";

/** Runs one sender over arrivals (ms, count): each send takes `rttMs`, one request at a time. */
function run(arrivals: Array<[number, number]>, limit: number, rttMs: number) {
  const budget = new SlidingWindowBudget(limit);
  const sends: Array<{ at: number; size: number }> = [];
  const pending = [...arrivals].sort((a, b) => a[0] - b[0]);
  let queued = 0;
  let now = 0;
  while (pending.length > 0 || queued > 0) {
    while (pending.length > 0 && (pending[0] as [number, number])[0] <= now)
      queued += (pending.shift() as [number, number])[1];
    const next = nextBatch(budget, queued, now);
    if ("waitUntil" in next) now = next.waitUntil;
    else if (next.size > 0) {
      budget.record(now, next.size);
      sends.push({ at: now, size: next.size });
      queued -= next.size;
      now += rttMs;
    } else now = (pending[0] as [number, number])[0];
  }
  return sends;
}

/** The most messages any window of one second holds, checked independently of the budget. */
function busiestSecond(sends: Array<{ at: number; size: number }>): number {
  let most = 0;
  for (const end of sends) {
    const inWindow = sends
      .filter((s) => s.at > end.at - 1000 && s.at <= end.at)
      .reduce((sum, s) => sum + s.size, 0);
    most = Math.max(most, inWindow);
  }
  return most;
}

describe("the bounded sender's budget", () => {
  it("never lets a one-second window hold more than its share, whatever arrives", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 1, max: 400 })), {
          maxLength: 40,
        }),
        fc.integer({ min: 1, max: 600 }),
        fc.integer({ min: 1, max: 400 }),
        (arrivals, limit, rtt) => {
          const sends = run(arrivals, limit, rtt);
          expect(busiestSecond(sends)).toBeLessThanOrEqual(limit);
          expect(sends.every((s) => s.size <= 100)).toBe(true);
          const total = arrivals.reduce((sum, [, n]) => sum + n, 0);
          expect(sends.reduce((sum, s) => sum + s.size, 0)).toBe(total);
        },
      ),
    );
  });

  it("keeps up its full share under a backlog", () => {
    const sends = run([[0, 5700]], 570, 100);
    const lastAt = (sends.at(-1) as { at: number }).at;
    // 5,700 messages at 570 a second: ten windows, the last one sent within 9-9.5 s.
    expect(lastAt).toBeGreaterThanOrEqual(9000);
    expect(lastAt).toBeLessThanOrEqual(9500);
  });

  it("splits Expo's 600 a second between senders with a margin", () => {
    expect(senderBudget(1)).toBe(570);
    expect(senderBudget(4)).toBe(142);
    expect(senderBudget(4) * 4).toBeLessThanOrEqual(600);
  });
});
