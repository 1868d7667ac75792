import type { DayFocus } from "../coaching/vocabulary";
import type { MealSlot } from "./meal-slots";

// What a reminder says when it fires, or why it stayed silent. Both are decided when the alarm
// fires (not when the reminder was planned) and recorded: the inbox shows what was sent, the
// user and operators see what was skipped and why (GET /v1/notifications).

export const REMINDER_TYPES = [
  "workout",
  "meal",
  "hydration",
  "checkin",
  "nudge",
  "streak",
] as const;
export type ReminderType = (typeof REMINDER_TYPES)[number];

/** Why a reminder was not sent; stable codes (the API documents them). */
export const SKIP_REASONS = [
  // workout, streak: no program today (none, not started yet, or finished)
  "no_active_program",
  // workout, streak: today has no planned session (a training day moved away, or a rest day)
  "rest_day",
  // workout, streak: today's planned session is logged as completed
  "session_completed",
  // workout, streak: a session is being logged today right now
  "session_in_progress",
  // meal: a meal was logged in this meal's window today
  "meal_logged",
  // nudge: yesterday had no planned session, or it was done
  "nothing_missed",
  // nudge: one was already sent today (at most one a day)
  "already_nudged_today",
  // nudge: the last two nudges went unanswered (not opened, no workout since): back off
  "backed_off",
  // streak: no streak worth keeping (fewer than STREAK_MIN planned sessions in a row)
  "no_streak",
  // any: the alarm fired too long after the reminder's time (the actor was unavailable)
  "too_late",
] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

/** The first exercise of today's session, with the load the user last lifted on it. */
export interface FirstLift {
  name: string;
  sets: number;
  rep_min: number;
  rep_max: number;
  /** The heaviest working load of the exercise's latest logged day; null if never logged. */
  last_load_kg: number | null;
}

/** What a sent reminder is about: everything its texts and deep link are made from. */
export type ReminderContent =
  | { type: "workout"; focus: DayFocus; deload: boolean; first: FirstLift | null }
  | { type: "meal"; slot: MealSlot; number: number; of: number }
  | { type: "hydration" }
  | { type: "checkin" }
  | { type: "nudge"; focus: DayFocus; missed_date: string }
  | { type: "streak"; focus: DayFocus; streak: number };

export type Decision =
  | { send: true; content: ReminderContent }
  | { send: false; type: ReminderType; reason: SkipReason };

export const skip = (type: ReminderType, reason: SkipReason): Decision => ({
  send: false,
  type,
  reason,
});
export const send = (content: ReminderContent): Decision => ({ send: true, content });

/**
 * Where a notification takes the user: the same screen in the app and in the console
 * (`app://` is the app's scheme; the console maps each path to its route).
 */
export function deepLink(content: ReminderContent): string {
  switch (content.type) {
    case "workout":
    case "nudge":
    case "streak":
      return "app://workout/today";
    case "meal":
      return `app://meals/log?meal=${content.slot}`;
    case "hydration":
      return "app://today";
    case "checkin":
      return "app://body/weight/log";
  }
}

/** The deep link of a program adaptation's notification. */
export const PROGRAM_ADAPTED_LINK = "app://program";
