import { WEEKDAYS, type Weekday } from "../../kernel/dates";
import { KG_PER_LB, type UnitPreference } from "../../kernel/units";

// Numbers, weights, days and times as the locale writes them, through Intl alone (workerd and
// Node carry full ICU): "82,5 kg" in German, "lunes" in Spanish, "19:05" in French.

const formats = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat | Intl.ListFormat>();
function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat | Intl.ListFormat>(
  key: string,
  make: () => T,
): T {
  let format = formats.get(key) as T | undefined;
  if (!format) {
    format = make();
    formats.set(key, format);
  }
  return format;
}

/** A load in the user's units: 80 -> "80 kg", or "176.4 lb" for imperial. */
export function formatWeight(locale: string, kg: number, units: UnitPreference): string {
  const unit = units === "imperial" ? "pound" : "kilogram";
  const value = units === "imperial" ? kg / KG_PER_LB : kg;
  return cached(
    `weight:${locale}:${unit}`,
    () => new Intl.NumberFormat(locale, { style: "unit", unit, maximumFractionDigits: 1 }),
  ).format(value);
}

// 2024-01-01 was a Monday: the day names come from a known date of each weekday.
const MONDAY = Date.UTC(2024, 0, 1);

/** The weekday's name in the locale ("Tuesday", "Dienstag", "martes", "mardi"). */
export function weekdayName(locale: string, weekday: Weekday): string {
  const date = new Date(MONDAY + WEEKDAYS.indexOf(weekday) * 86_400_000);
  return cached(
    `weekday:${locale}`,
    () => new Intl.DateTimeFormat(locale, { weekday: "long", timeZone: "UTC" }),
  ).format(date);
}

/** A local date "YYYY-MM-DD" written out ("Tuesday, 3 March" / "Dienstag, 3. März"). */
export function formatDate(locale: string, date: string): string {
  return cached(
    `date:${locale}`,
    () =>
      new Intl.DateTimeFormat(locale, {
        weekday: "long",
        day: "numeric",
        month: "long",
        timeZone: "UTC",
      }),
  ).format(new Date(`${date}T00:00:00Z`));
}

/** A local time "HH:MM" on the locale's clock ("7:05 PM" in English, "19:05" in French). */
export function formatTime(locale: string, hhmm: string): string {
  return cached(
    `time:${locale}`,
    () => new Intl.DateTimeFormat(locale, { hour: "numeric", minute: "2-digit", timeZone: "UTC" }),
  ).format(new Date(`2024-01-01T${hhmm}:00Z`));
}

/** "a, b and c" / "a, b und c". */
export function formatList(locale: string, items: string[]): string {
  return cached(
    `list:${locale}`,
    () => new Intl.ListFormat(locale, { type: "conjunction" }),
  ).format(items);
}
