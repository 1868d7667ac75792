import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { generateProgram } from "../../engine/coaching/program-generator";
import { consecutiveTriples, pickWeekdays, weekdayIndex } from "../../engine/coaching/schedule";
import { WEEKDAYS, type Weekday } from "../../kernel/dates";
import { programInputArb, RUNS } from "./support";

function subsets<T>(items: readonly T[], size: number): T[][] {
  if (size === 0) return [[]];
  if (items.length < size) return [];
  const [head, ...tail] = items as [T, ...T[]];
  return [...subsets(tail, size - 1).map((s) => [head, ...s]), ...subsets(tail, size)];
}

const triples = (days: readonly Weekday[]) => consecutiveTriples(new Set(days.map(weekdayIndex)));

describe("training weekdays", () => {
  it("spreads sessions out when there are no preferences", () => {
    expect(pickWeekdays(2, [])).toEqual(["mon", "thu"]);
    expect(pickWeekdays(3, [])).toEqual(["mon", "wed", "fri"]);
    expect(pickWeekdays(4, [])).toEqual(["mon", "tue", "thu", "sat"]);
    expect(pickWeekdays(6, [])).toEqual(["mon", "tue", "wed", "thu", "fri", "sat"]);
  });

  it("picks spread-out days from more preferred days than sessions", () => {
    expect(pickWeekdays(2, ["mon", "tue", "wed", "thu"])).toEqual(["mon", "thu"]);
    expect(pickWeekdays(3, ["sat", "sun", "mon", "tue", "wed"])).toEqual(["mon", "wed", "sat"]);
  });

  it("keeps every preferred day and avoids three days in a row when filling", () => {
    expect(pickWeekdays(3, ["mon", "tue"])).toEqual(["mon", "tue", "fri"]);
  });

  it("respects preferences and never creates more three-day runs than the best choice", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 6 }), fc.subarray([...WEEKDAYS]), (days, preferred) => {
        const picked = pickWeekdays(days, preferred);
        expect(new Set(picked).size).toBe(days);
        expect([...picked].sort((a, b) => weekdayIndex(a) - weekdayIndex(b))).toEqual(picked);
        const candidates =
          preferred.length >= days
            ? subsets(preferred, days)
            : subsets(
                WEEKDAYS.filter((d) => !preferred.includes(d)),
                days - preferred.length,
              ).map((fill) => [...preferred, ...fill]);
        if (preferred.length >= days) for (const day of picked) expect(preferred).toContain(day);
        else for (const day of preferred) expect(picked).toContain(day);
        expect(triples(picked)).toBe(Math.min(...candidates.map(triples)));
      }),
      { numRuns: RUNS },
    );
  });

  it("trains on the same weekdays every week of a program", () => {
    fc.assert(
      fc.property(programInputArb, (input) => {
        const program = generateProgram(input);
        const expected = pickWeekdays(program.days_per_week, input.preferred_weekdays ?? []);
        for (const week of program.weeks) expect(week.days.map((d) => d.weekday)).toEqual(expected);
      }),
      { numRuns: RUNS },
    );
  });
});
