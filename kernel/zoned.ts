import { addDays, type Weekday, weekdayOf } from "./dates";

// Wall-clock times in a user's IANA timezone <-> UTC instants, correct across DST changes,
// with nothing but Intl (no tz database to ship).
//
// - A local time that occurs twice (clocks go back) resolves to the first occurrence.
// - A local time that does not exist (clocks go forward) resolves to the next valid minute:
//   02:30 on a day Berlin jumps from 02:00 to 03:00 fires at 03:00.

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timezone: string): Intl.DateTimeFormat {
  let f = formatters.get(timezone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: timezone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
    });
    formatters.set(timezone, f);
  }
  return f;
}

export interface LocalParts {
  date: string; // YYYY-MM-DD
  minutes: number; // minutes since local midnight
}

export function localParts(instant: number, timezone: string): LocalParts {
  const parts: Record<string, string> = {};
  for (const part of formatter(timezone).formatToParts(new Date(instant)))
    parts[part.type] = part.value;
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

/** Offset (local minus UTC, ms) in force at an instant. */
function offsetAt(instant: number, timezone: string): number {
  const { date, minutes } = localParts(instant, timezone);
  const asUtc = Date.parse(`${date}T00:00:00Z`) + minutes * MINUTE_MS;
  return asUtc - Math.floor(instant / MINUTE_MS) * MINUTE_MS;
}

export const parseHhmm = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** The UTC instant of a local wall-clock time; see the header for DST rules. */
export function zonedToUtc(date: string, minutes: number, timezone: string): number {
  const wall = Date.parse(`${date}T00:00:00Z`) + minutes * MINUTE_MS;
  // Try the offsets in force a day either side: one of them is right unless the time is
  // in a gap. Earliest match first, so an ambiguous time gives its first occurrence.
  const candidates = [
    ...new Set([offsetAt(wall - DAY_MS, timezone), offsetAt(wall + DAY_MS, timezone)]),
  ]
    .map((offset) => wall - offset)
    .sort((a, b) => a - b);
  for (const instant of candidates) {
    const local = localParts(instant, timezone);
    if (local.date === date && local.minutes === minutes) return instant;
  }
  // In a gap: the first instant after it whose local time is later than asked.
  let instant = Math.min(...candidates);
  for (let i = 0; i < 24 * 60; i++, instant += MINUTE_MS) {
    const local = localParts(instant, timezone);
    if (local.date > date || (local.date === date && local.minutes >= minutes)) return instant;
  }
  throw new Error(`cannot place ${date} ${minutes} min in ${timezone}`);
}

export interface Recurrence {
  /** Local time "HH:MM". */
  time: string;
  timezone: string;
  /** Only on these weekdays; every day when absent. */
  weekdays?: Weekday[];
}

/** The first occurrence of a recurrence strictly after an instant. */
export function nextOccurrence(rule: Recurrence, after: number): number {
  const minutes = parseHhmm(rule.time);
  let date = localParts(after, rule.timezone).date;
  // Start a day early: the local date of `after` may already be past its occurrence.
  date = addDays(date, -1);
  for (let i = 0; i < 9; i++, date = addDays(date, 1)) {
    if (rule.weekdays && !rule.weekdays.includes(weekdayOf(date))) continue;
    const instant = zonedToUtc(date, minutes, rule.timezone);
    if (instant > after) return instant;
  }
  throw new Error("recurrence has no weekday");
}

/** The local date (YYYY-MM-DD) in a timezone at an instant. */
export function localDate(timezone: string, now: Date = new Date()): string {
  return localParts(now.getTime(), timezone).date;
}
