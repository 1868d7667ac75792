import { describe, expect, it } from "vitest";
import { localParts, nextOccurrence, zonedToUtc } from "../../kernel/zoned";

const utc = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();

describe("zoned wall-clock times", () => {
  it("converts local times in summer and winter (Berlin +02:00 / +01:00)", () => {
    expect(iso(zonedToUtc("2026-07-01", 7 * 60, "Europe/Berlin"))).toBe("2026-07-01T05:00:00.000Z");
    expect(iso(zonedToUtc("2026-12-01", 7 * 60, "Europe/Berlin"))).toBe("2026-12-01T06:00:00.000Z");
  });

  it("moves a time that does not exist (spring forward) to the next valid minute", () => {
    // Berlin 2026-03-29: 02:00 -> 03:00. 02:30 does not exist; it fires at 03:00 (01:00Z).
    expect(iso(zonedToUtc("2026-03-29", 2 * 60 + 30, "Europe/Berlin"))).toBe(
      "2026-03-29T01:00:00.000Z",
    );
    // New York 2026-03-08: 02:00 -> 03:00.
    expect(iso(zonedToUtc("2026-03-08", 2 * 60 + 15, "America/New_York"))).toBe(
      "2026-03-08T07:00:00.000Z",
    );
  });

  it("takes the first of a time that happens twice (fall back)", () => {
    // Berlin 2026-10-25: 03:00 -> 02:00, so 02:30 happens at 00:30Z and 01:30Z.
    expect(iso(zonedToUtc("2026-10-25", 2 * 60 + 30, "Europe/Berlin"))).toBe(
      "2026-10-25T00:30:00.000Z",
    );
  });

  it("reads local date and minutes of an instant", () => {
    expect(localParts(utc("2026-11-23T23:30:00Z"), "Asia/Tokyo")).toEqual({
      date: "2026-11-24",
      minutes: 8 * 60 + 30,
    });
  });
});

describe("nextOccurrence", () => {
  it("keeps a daily 07:00 reminder at 07:00 local across the change, in two timezones", () => {
    for (const [timezone, before, after] of [
      ["Europe/Berlin", "2026-03-28T06:00:00.000Z", "2026-03-29T05:00:00.000Z"],
      ["America/New_York", "2026-03-07T12:00:00.000Z", "2026-03-08T11:00:00.000Z"],
    ] as const) {
      const rule = { time: "07:00", timezone };
      const first = nextOccurrence(rule, utc(before) - 1);
      expect(iso(first)).toBe(before);
      const second = nextOccurrence(rule, first);
      expect(iso(second)).toBe(after);
      expect(localParts(second, timezone).minutes).toBe(7 * 60);
      expect(second - first).toBe(23 * 3_600_000); // the short day
    }
  });

  it("fires a nonexistent time once, at the next valid minute, then back at its time", () => {
    const rule = { time: "02:30", timezone: "Europe/Berlin" };
    const onChange = nextOccurrence(rule, utc("2026-03-28T12:00:00Z"));
    expect(iso(onChange)).toBe("2026-03-29T01:00:00.000Z"); // 03:00 local
    expect(iso(nextOccurrence(rule, onChange))).toBe("2026-03-30T00:30:00.000Z"); // 02:30 local
  });

  it("fires a repeated time once on the fall-back day", () => {
    const rule = { time: "02:30", timezone: "Europe/Berlin" };
    const first = nextOccurrence(rule, utc("2026-10-24T12:00:00Z"));
    expect(iso(first)).toBe("2026-10-25T00:30:00.000Z");
    expect(iso(nextOccurrence(rule, first))).toBe("2026-10-26T01:30:00.000Z");
  });

  it("only fires on the given weekdays", () => {
    const rule = { time: "18:00", timezone: "UTC", weekdays: ["mon" as const, "thu" as const] };
    const monday = nextOccurrence(rule, utc("2026-11-22T00:00:00Z")); // a Sunday
    expect(iso(monday)).toBe("2026-11-23T18:00:00.000Z");
    expect(iso(nextOccurrence(rule, monday))).toBe("2026-11-26T18:00:00.000Z");
  });
});
