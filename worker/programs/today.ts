import type { ProgramDay, ProgramWeek } from "../coaching/program-schema";
import type { Weekday } from "../coaching/vocabulary";

// Which planned session falls on a local date. Program weeks follow calendar weeks
// (Monday to Sunday): week 1 is the week that contains the start date, so a program started
// on a Thursday begins with that week's remaining sessions.

const WEEKDAYS: Weekday[] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
const DAY_MS = 86_400_000;

export interface TodayPlan {
  date: string;
  weekday: Weekday;
  status: "session" | "rest" | "not_started" | "finished" | "no_program";
  program_id: string | null;
  week: number | null;
  deload: boolean;
  session: ProgramDay | null;
  /** A completed workout session is logged for this planned day. */
  completed: boolean;
}

const utcDays = (isoDate: string) => Date.parse(`${isoDate}T00:00:00Z`) / DAY_MS;

export function weekdayOf(isoDate: string): Weekday {
  // 1970-01-01 was a Thursday (index 3 when Monday is 0).
  return WEEKDAYS[(((utcDays(isoDate) + 3) % 7) + 7) % 7] as Weekday;
}

export function planForDate(
  program: { id: string; starts_on: string | null; weeks: ProgramWeek[] } | null,
  date: string,
): TodayPlan {
  const weekday = weekdayOf(date);
  const base = {
    date,
    weekday,
    program_id: program?.id ?? null,
    week: null,
    deload: false,
    session: null,
    completed: false,
  };
  if (!program?.starts_on) return { ...base, status: "no_program" };
  const startMonday = utcDays(program.starts_on) - WEEKDAYS.indexOf(weekdayOf(program.starts_on));
  const days = utcDays(date) - startMonday;
  if (utcDays(date) < utcDays(program.starts_on)) return { ...base, status: "not_started" };
  const weekNumber = Math.floor(days / 7) + 1;
  const week = program.weeks.find((w) => w.week === weekNumber);
  if (!week) return { ...base, status: "finished" };
  const session = week.days.find((day) => day.weekday === weekday) ?? null;
  return {
    ...base,
    week: weekNumber,
    deload: week.deload,
    status: session ? "session" : "rest",
    session,
  };
}
