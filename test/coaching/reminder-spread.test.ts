import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  nextSpreadOccurrence,
  SPREAD_WINDOW_SECONDS,
  spreadOffsetSeconds,
  spreadTime,
} from "../../engine/reminders/spread";
import { addDays } from "../../kernel/dates";
import { localParts, zonedToUtc } from "../../kernel/zoned";

/** The local wall-clock time of an instant, "HH:MM:SS". */
function localClock(instant: number, timezone: string): string {
  const { minutes } = localParts(instant, timezone);
  const seconds = Math.floor(instant / 1000) % 60;
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}:${String(seconds).padStart(2, "0")}`;
}

describe("the per-user offset", () => {
  it("is the same for a user every time and within the window", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 64 }), (userId) => {
        const offset = spreadOffsetSeconds(userId);
        expect(offset).toBe(spreadOffsetSeconds(userId));
        expect(offset).toBeGreaterThanOrEqual(0);
        expect(offset).toBeLessThan(SPREAD_WINDOW_SECONDS);
      }),
    );
  });

  it("spreads 300,000 users of one minute under Expo's 600 a second", () => {
    const perSecond = new Array<number>(SPREAD_WINDOW_SECONDS).fill(0);
    for (let i = 0; i < 300_000; i++) {
      const second = spreadOffsetSeconds(randomUUID());
      perSecond[second] = (perSecond[second] ?? 0) + 1;
    }
    // 500 a second on average; a binomial spread keeps the busiest second well under 600.
    expect(Math.max(...perSecond)).toBeLessThan(600);
    expect(Math.min(...perSecond)).toBeGreaterThan(400);
  });

  it("spreads ids that differ in one character as widely", () => {
    const perMinute = new Array<number>(10).fill(0);
    for (let i = 0; i < 10_000; i++) {
      const minute = Math.floor(spreadOffsetSeconds(`user-${i}`) / 60);
      perMinute[minute] = (perMinute[minute] ?? 0) + 1;
    }
    for (const count of perMinute) expect(count).toBeGreaterThan(850);
  });
});

describe("a spread time", () => {
  it("moves a time later by the offset, with its seconds", () => {
    expect(spreadTime("08:00", 437)).toEqual({ time: "08:07", second: 17 });
  });

  it("moves earlier instead of crossing midnight", () => {
    expect(spreadTime("23:55", 437)).toEqual({ time: "23:47", second: 43 });
  });

  it("moves earlier instead of entering quiet hours, and stays put when both ways would", () => {
    const quiet = { start: "22:00", end: "07:00" };
    expect(spreadTime("21:55", 437, quiet)).toEqual({ time: "21:47", second: 43 });
    // Quiet all day but 21:59: two minutes either way is quiet.
    expect(spreadTime("21:59", 120, { start: "22:00", end: "21:59" })).toEqual({
      time: "21:59",
      second: 0,
    });
  });
});

describe("a spread reminder across days and DST", () => {
  const zones = ["Europe/Berlin", "America/New_York", "Australia/Sydney", "Asia/Kolkata"];

  it("fires at the same local minute and second every day of a year", () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 40 }),
        fc.constantFrom(...zones),
        fc.constantFrom("06:30", "08:00", "12:15", "18:00", "21:45"),
        (userId, timezone, time) => {
          const spread = spreadTime(time, spreadOffsetSeconds(userId));
          const rule = { ...spread, timezone };
          const expected = `${spread.time}:${String(spread.second).padStart(2, "0")}`;
          let after = zonedToUtc("2026-01-01", 0, timezone);
          for (let day = 0; day < 366; day++) {
            const at = nextSpreadOccurrence(rule, after);
            // 02:xx and 03:xx never fall in these rules' times, so no day is in a DST gap.
            expect(localClock(at, timezone)).toBe(expected);
            expect(localParts(at, timezone).date).toBe(addDays("2026-01-01", day));
            after = at;
          }
        },
      ),
      { numRuns: 20 },
    );
  });

  it("keeps weekdays and fires strictly after the last occurrence", () => {
    const rule = {
      time: "07:04",
      second: 59,
      timezone: "Europe/Berlin",
      weekdays: ["mon" as const],
    };
    // Sunday 29 March 2026: Berlin moves to summer time; the next Monday is 30 March.
    const first = nextSpreadOccurrence(rule, Date.parse("2026-03-28T12:00:00Z"));
    expect(new Date(first).toISOString()).toBe("2026-03-30T05:04:59.000Z");
    expect(nextSpreadOccurrence(rule, first)).toBe(first + 7 * 86_400_000);
    expect(nextSpreadOccurrence(rule, first - 1)).toBe(first);
  });
});
