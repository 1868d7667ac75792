import type { DayFocus } from "../coaching/vocabulary";
import { type MealLogFact, mealAlreadyLogged, type PlannedMeal } from "./meal-slots";
import { type Decision, type FirstLift, type ReminderType, send, skip } from "./outcomes";

// The rules a reminder follows when its alarm fires. Pure: the actor gathers the facts (today's
// plan after swaps and moves, the logs, the past nudges), these decide. Every outcome is
// either a message to send or a reason to stay silent.

/** Today's planned session as the actor sees it at fire time. */
export interface TodayFacts {
  /** planForDate's status for today's local date, on the program as it is now. */
  status: "session" | "rest" | "not_started" | "finished" | "no_program";
  focus: DayFocus | null;
  deload: boolean;
  /** A completed workout session is logged for today's planned day. */
  completed: boolean;
  /** A workout session for today is started and not finished. */
  in_progress: boolean;
  first: FirstLift | null;
}

/** A streak shorter than this is not announced as "at risk". */
export const STREAK_MIN = 2;

/** How late an alarm may fire and still send: past this a reminder would mislead. */
export const MAX_LATENESS_MINUTES: Readonly<Record<ReminderType, number>> = {
  workout: 60,
  meal: 45,
  hydration: 30,
  checkin: 360,
  nudge: 240,
  streak: 60,
};

/** Silent when the alarm fires long after the reminder's own time (an unavailable actor). */
export function tooLate(type: ReminderType, dueAt: number, now: number): boolean {
  return now - dueAt > MAX_LATENESS_MINUTES[type] * 60_000;
}

/** Why there is no session to train today, or null when there is one still to do. */
function noSessionToDo(type: ReminderType, today: TodayFacts): Decision | null {
  if (today.status === "rest") return skip(type, "rest_day");
  if (today.status !== "session" || !today.focus) return skip(type, "no_active_program");
  if (today.completed) return skip(type, "session_completed");
  if (today.in_progress) return skip(type, "session_in_progress");
  return null;
}

/** The workout reminder: today's focus and first lift, unless there is nothing left to do. */
export function decideWorkout(today: TodayFacts): Decision {
  return (
    noSessionToDo("workout", today) ??
    send({
      type: "workout",
      focus: today.focus as DayFocus,
      deload: today.deload,
      first: today.first,
    })
  );
}

/** A meal's reminder: silent once that meal is logged. */
export function decideMeal(input: {
  meal: PlannedMeal;
  /** When this meal's window opened (its unspread local time minus its window). */
  windowStart: number;
  now: number;
  today: string;
  logs: readonly MealLogFact[];
}): Decision {
  const { meal } = input;
  if (
    mealAlreadyLogged(meal.slot, input.logs, {
      start: input.windowStart,
      now: input.now,
      today: input.today,
    })
  )
    return skip("meal", "meal_logged");
  return send({ type: "meal", slot: meal.slot, number: meal.number, of: meal.of });
}

/** A nudge sent earlier, as the back-off rule reads it. */
export interface PastNudge {
  sent_at: number;
  local_date: string;
  /** The user opened it (marked it read). */
  read: boolean;
}

/**
 * The morning after a missed planned session: one nudge, at most one a day, and none after
 * two unanswered in a row. A nudge is answered when it was read or a workout was started
 * after it; answering resets the back-off.
 */
export function decideNudge(input: {
  /** Yesterday's planned session that was not done, as it was planned yesterday. */
  missed: { date: string; focus: DayFocus } | null;
  today: string;
  /** Nudges sent, newest first. */
  nudges: readonly PastNudge[];
  /** When the latest workout session was started, if any. */
  lastWorkoutStartedAt: number | null;
}): Decision {
  if (!input.missed) return skip("nudge", "nothing_missed");
  if (input.nudges.some((nudge) => nudge.local_date === input.today))
    return skip("nudge", "already_nudged_today");
  const answered = (nudge: PastNudge) =>
    nudge.read ||
    (input.lastWorkoutStartedAt !== null && input.lastWorkoutStartedAt > nudge.sent_at);
  const lastTwo = input.nudges.slice(0, 2);
  if (lastTwo.length === 2 && lastTwo.every((nudge) => !answered(nudge)))
    return skip("nudge", "backed_off");
  return send({ type: "nudge", focus: input.missed.focus, missed_date: input.missed.date });
}

/** The evening streak reminder (opt-in): only when today's session would keep a real streak. */
export function decideStreak(today: TodayFacts, streak: number): Decision {
  return (
    noSessionToDo("streak", today) ??
    (streak < STREAK_MIN
      ? skip("streak", "no_streak")
      : send({ type: "streak", focus: today.focus as DayFocus, streak }))
  );
}
