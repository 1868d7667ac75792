import { addDays } from "../../kernel/dates";
import { localParts, zonedToUtc } from "../../kernel/zoned";
import type { HealthSample } from "./samples";

// Which local days a sample belongs to, in the user's IANA timezone. Every daily figure is a
// function of the samples that overlap one window, so a day can be rebuilt from its window
// alone (the actor recomputes only the days an upload touches):
//
// - a calendar day, local midnight to local midnight (23 or 25 hours on a DST change), for
//   steps and active energy (an interval across midnight is split by time) and for the
//   instant measurements and workouts (by their start);
// - a sleep day, 18:00 the evening before to 18:00 (local), for sleep: the night from Monday
//   to Tuesday is Tuesday's sleep, the day you wake up on, as Apple Health and Health Connect
//   apps show it; an evening nap counts towards the next night.

export const SLEEP_DAY_STARTS_AT_MINUTES = 18 * 60;

export interface Window {
  start: number;
  end: number;
}

/** Local midnight to the next local midnight. */
export function calendarWindow(date: string, timezone: string): Window {
  return { start: zonedToUtc(date, 0, timezone), end: zonedToUtc(addDays(date, 1), 0, timezone) };
}

/** 18:00 the day before to 18:00 of the date. */
export function sleepWindow(date: string, timezone: string): Window {
  return {
    start: zonedToUtc(addDays(date, -1), SLEEP_DAY_STARTS_AT_MINUTES, timezone),
    end: zonedToUtc(date, SLEEP_DAY_STARTS_AT_MINUTES, timezone),
  };
}

export const localDateOf = (instant: number, timezone: string) =>
  localParts(instant, timezone).date;

function sleepDateOf(instant: number, timezone: string): string {
  const { date, minutes } = localParts(instant, timezone);
  return minutes >= SLEEP_DAY_STARTS_AT_MINUTES ? addDays(date, 1) : date;
}

/** The dates from `first` to `last`, inclusive. */
function datesBetween(first: string, last: string): string[] {
  const dates: string[] = [];
  for (let date = first; date <= last; date = addDays(date, 1)) dates.push(date);
  return dates;
}

/** The local dates whose figures a sample changes (its windows overlap it). */
export function datesOfSample(
  sample: Pick<HealthSample, "type" | "start" | "end">,
  timezone: string,
): string[] {
  // Intervals are half-open: a sample ending at midnight does not touch the next day.
  const last = sample.end > sample.start ? sample.end - 1 : sample.start;
  if (sample.type === "sleep")
    return datesBetween(sleepDateOf(sample.start, timezone), sleepDateOf(last, timezone));
  if (sample.type === "steps" || sample.type === "active_energy")
    return datesBetween(localDateOf(sample.start, timezone), localDateOf(last, timezone));
  return [localDateOf(sample.start, timezone)];
}

/** Milliseconds of [start, end) inside a window. */
export function overlapMs(start: number, end: number, window: Window): number {
  return Math.max(0, Math.min(end, window.end) - Math.max(start, window.start));
}

/**
 * The instants an actor must read samples between to rebuild a date: the calendar day and its
 * sleep day, widened by the longest interval a sample may have (24 h) on the early side.
 */
export function readWindow(date: string, timezone: string, maxIntervalMs: number): Window {
  const day = calendarWindow(date, timezone);
  const sleep = sleepWindow(date, timezone);
  return { start: Math.min(day.start, sleep.start) - maxIntervalMs, end: day.end };
}
