import { z } from "zod";

// Calendar arithmetic on plain "YYYY-MM-DD" dates in UTC, so results never depend on the
// runtime's time zone. Week 1 of a program starts on the Monday on or before its start date.

export const isoDateSchema = z.iso.date();

export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export const weekdaySchema = z.enum(WEEKDAYS);
export type Weekday = z.infer<typeof weekdaySchema>;

/** A weekday's English name, for the sentences the engine writes. */
export const WEEKDAY_NAMES: Readonly<Record<Weekday, string>> = {
  mon: "Monday",
  tue: "Tuesday",
  wed: "Wednesday",
  thu: "Thursday",
  fri: "Friday",
  sat: "Saturday",
  sun: "Sunday",
};

const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 for a "YYYY-MM-DD" date. */
export function dayNumber(isoDate: string): number {
  const [year, month, day] = isoDate.split("-").map(Number);
  return Math.round(Date.UTC(year as number, (month as number) - 1, day as number) / MS_PER_DAY);
}

/** The date `days` days after (or before) a "YYYY-MM-DD" date. */
export function addDays(isoDate: string, days: number): string {
  return new Date((dayNumber(isoDate) + days) * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Monday = 0 ... Sunday = 6 (1970-01-01 was a Thursday). */
export function weekdayOfDayNumber(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

export function weekdayOf(isoDate: string): Weekday {
  return WEEKDAYS[weekdayOfDayNumber(dayNumber(isoDate))] as Weekday;
}

/** Program week (1-based) a date falls in; 0 or less before the program starts. */
export function programWeekOf(programStart: string, isoDate: string): number {
  const start = dayNumber(programStart);
  const firstMonday = start - weekdayOfDayNumber(start);
  return Math.floor((dayNumber(isoDate) - firstMonday) / 7) + 1;
}
