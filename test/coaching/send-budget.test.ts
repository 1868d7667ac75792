import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { nextBatch, SendBudget, senderBudget } from "../../engine/reminders/send-budget";

interface Send {
  at: number;
  size: number;
  /** When Expo saw it: anywhere between leaving and the answer. */
  arrived: number;
}

/**
 * One sender over arrivals (ms, count), up to `inFlight` requests at once, each taking a round
 * trip from `trips` and reaching Expo at a fraction of it from `reach`.
 */
function run(
  arrivals: Array<[number, number]>,
  limit: number,
  trips: number[],
  reach: number[],
  inFlight: number,
): Send[] {
  const budget = new SendBudget(limit);
  const sends: Send[] = [];
  const pending = [...arrivals].sort((a, b) => a[0] - b[0]);
  const open: Array<{ answerAt: number; entry: ReturnType<SendBudget["take"]> }> = [];
  let queued = 0;
  let now = 0;
  for (let step = 0; pending.length > 0 || queued > 0 || open.length > 0; step++) {
    while (pending.length > 0 && (pending[0] as [number, number])[0] <= now)
      queued += (pending.shift() as [number, number])[1];
    open.sort((a, b) => a.answerAt - b.answerAt);
    while (open.length > 0 && (open[0] as { answerAt: number }).answerAt <= now) {
      const done = open.shift() as (typeof open)[number];
      budget.settle(done.entry, done.answerAt);
    }
    const next = open.length < inFlight ? nextBatch(budget, queued, now) : { waitUntil: null };
    if ("size" in next && next.size > 0) {
      const trip = trips[step % trips.length] as number;
      sends.push({
        at: now,
        size: next.size,
        arrived: now + trip * (reach[step % reach.length] as number),
      });
      open.push({ answerAt: now + trip, entry: budget.take(next.size) });
      queued -= next.size;
      continue;
    }
    // Nothing to send now: move to the next thing that can change that.
    const times = [
      ...(pending.length > 0 ? [(pending[0] as [number, number])[0]] : []),
      ...open.map((o) => o.answerAt),
      ...("waitUntil" in next && next.waitUntil !== null ? [next.waitUntil] : []),
    ].filter((t) => t > now);
    if (times.length === 0) break;
    now = Math.min(...times);
  }
  return sends;
}

/** The most messages Expo saw in any one-second window, checked apart from the budget. */
function busiestSecond(sends: Send[]): number {
  let most = 0;
  for (const start of sends) {
    const inWindow = sends
      .filter((s) => s.arrived >= start.arrived && s.arrived < start.arrived + 1000)
      .reduce((sum, s) => sum + s.size, 0);
    most = Math.max(most, inWindow);
  }
  return most;
}

describe("the bounded sender's budget", () => {
  it("never lets a one-second window at Expo hold more than its share, whatever the network does", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 1, max: 400 })), {
          maxLength: 30,
        }),
        fc.integer({ min: 1, max: 600 }),
        fc.array(fc.integer({ min: 1, max: 3000 }), { minLength: 1, maxLength: 10 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 10 }),
        fc.integer({ min: 1, max: 4 }),
        (arrivals, limit, trips, reach, inFlight) => {
          const sends = run(arrivals, limit, trips, reach, inFlight);
          expect(busiestSecond(sends)).toBeLessThanOrEqual(limit);
          expect(sends.every((s) => s.size <= 100)).toBe(true);
          const total = arrivals.reduce((sum, [, n]) => sum + n, 0);
          expect(sends.reduce((sum, s) => sum + s.size, 0)).toBe(total);
        },
      ),
    );
  });

  it("keeps up its share less a round trip per second under a backlog", () => {
    const sends = run([[0, 6000]], 600, [100], [0.5], 1);
    const last = (sends.at(-1) as Send).at;
    // Each batch holds the budget for its round trip plus a second: ~600 every 1.1 s.
    expect(last).toBeGreaterThanOrEqual(9 * 1100);
    expect(last).toBeLessThan(10 * 1100);
  });

  it("splits Expo's 600 a second between senders", () => {
    expect(senderBudget(1)).toBe(600);
    expect(senderBudget(4)).toBe(150);
    expect(senderBudget(7) * 7).toBeLessThanOrEqual(600);
  });
});
