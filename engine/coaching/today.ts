import { dayNumber, programWeekOf, type Weekday, weekdayOf } from "../../kernel/dates";
import type { ProgramDay, ProgramWeek } from "./program-schema";

// Which planned session falls on a local date. Program weeks follow calendar weeks
// (Monday to Sunday): week 1 is the week that contains the start date, so a program started
// on a Thursday begins with that week's remaining sessions.

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
  if (dayNumber(date) < dayNumber(program.starts_on)) return { ...base, status: "not_started" };
  const weekNumber = programWeekOf(program.starts_on, date);
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
