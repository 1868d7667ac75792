import type { Weekday } from "../../../kernel/dates";

// Times as the user's locale writes them, one format everywhere (minutes, no seconds): the
// browser's time inputs follow the same locale, so "6:00 PM" in an input reads "6:00 PM" in
// a list beside it.

const CLOCK: Intl.DateTimeFormatOptions = { hour: "numeric", minute: "2-digit" };

/** A moment, e.g. "Sun, Dec 13, 6:00 PM", in a timezone (the browser's by default). */
export function formatMoment(iso: string, timeZone?: string): string {
  return new Intl.DateTimeFormat(undefined, {
    weekday: "short",
    month: "short",
    day: "numeric",
    ...CLOCK,
    ...(timeZone && { timeZone }),
  }).format(new Date(iso));
}

/** A wall-clock time "18:00" as the locale writes it: "6:00 PM" or "18:00". */
export function formatClock(hhmm: string): string {
  const [hours = 0, minutes = 0] = hhmm.split(":").map(Number);
  return new Intl.DateTimeFormat(undefined, { ...CLOCK, timeZone: "UTC" }).format(
    Date.UTC(2024, 0, 1, hours, minutes),
  );
}

// 2024-01-01 was a Monday.
const WEEKDAY_INDEX: Record<Weekday, number> = {
  mon: 0,
  tue: 1,
  wed: 2,
  thu: 3,
  fri: 4,
  sat: 5,
  sun: 6,
};

/** "mon" as the locale names it: "Mon". */
export function weekdayName(day: Weekday): string {
  return new Intl.DateTimeFormat(undefined, { weekday: "short", timeZone: "UTC" }).format(
    Date.UTC(2024, 0, 1 + WEEKDAY_INDEX[day]),
  );
}

/** A <time> element for an ISO moment, in the locale's format. */
export function Moment({ iso, timeZone }: { iso: string; timeZone?: string }) {
  return <time dateTime={iso}>{formatMoment(iso, timeZone)}</time>;
}
