import { parseHhmm } from "../../kernel/zoned";

// The meals a day's reminders name, and when: one reminder per meal, spread evenly from one
// hour after waking to three hours before sleep (engine/reminders/plan.ts places them), named
// by how many meals the day has, so a third meal is dinner, never an "afternoon snack" at 19:00.

export const MEAL_SLOTS = [
  "breakfast",
  "morning_snack",
  "lunch",
  "afternoon_snack",
  "dinner",
  "evening_snack",
] as const;
export type MealSlot = (typeof MEAL_SLOTS)[number];

const SLOTS_BY_COUNT: Readonly<Record<number, readonly MealSlot[]>> = {
  1: ["breakfast"],
  2: ["breakfast", "dinner"],
  3: ["breakfast", "lunch", "dinner"],
  4: ["breakfast", "lunch", "afternoon_snack", "dinner"],
  5: ["breakfast", "morning_snack", "lunch", "afternoon_snack", "dinner"],
  6: ["breakfast", "morning_snack", "lunch", "afternoon_snack", "dinner", "evening_snack"],
};

/** Before the first meal, its window reaches back this far (a late breakfast still counts). */
const FIRST_WINDOW_MINUTES = 120;

export interface PlannedMeal {
  slot: MealSlot;
  /** 1-based, in the day's order. */
  number: number;
  of: number;
  /** Local time "HH:MM". */
  time: string;
  /**
   * How far before its time the meal's window opens: halfway back to the previous meal (a
   * meal logged after that is this meal, not the last one), two hours for the first.
   */
  window_minutes: number;
}

const toHhmm = (minutes: number) => {
  const m = ((Math.round(minutes) % 1440) + 1440) % 1440;
  return `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
};

/** The day's meals for waking hours (a span may wrap past midnight) and a meal count (1-6). */
export function plannedMeals(waking: { start: string; end: string }, count: number): PlannedMeal[] {
  const slots = SLOTS_BY_COUNT[Math.min(6, Math.max(1, Math.round(count)))] ?? [];
  const wake = parseHhmm(waking.start);
  const sleep = parseHhmm(waking.end);
  const awake = sleep > wake ? sleep - wake : sleep + 1440 - wake;
  const first = wake + 60;
  const last = wake + Math.max(60, awake - 180);
  // Minutes since the waking day's midnight, unwrapped: a night shift's meals stay in order.
  const times = slots.map((_, i) =>
    Math.round(first + ((last - first) * i) / Math.max(1, slots.length - 1)),
  );
  return slots.map((slot, i) => ({
    slot,
    number: i + 1,
    of: slots.length,
    time: toHhmm(times[i] as number),
    window_minutes:
      i === 0 ? FIRST_WINDOW_MINUTES : ((times[i] as number) - (times[i - 1] as number)) / 2,
  }));
}

/** A logged meal, as the meal rule reads it. */
export interface MealLogFact {
  /** What the user called it ("lunch", "Mittagessen"); the app's meal links send the slot. */
  meal: string;
  /** When it was logged (ms since the epoch). */
  logged_at: number;
  /** Its local date in the user's timezone. */
  local_date: string;
}

/**
 * Whether a meal is already logged: a log inside its window (from `windowStart` to now), or
 * a log today named after the slot itself (logged early from the reminder's own link).
 */
export function mealAlreadyLogged(
  slot: MealSlot,
  logs: readonly MealLogFact[],
  window: { start: number; now: number; today: string },
): boolean {
  return logs.some(
    (log) =>
      (log.logged_at >= window.start && log.logged_at <= window.now) ||
      (log.local_date === window.today && log.meal.trim().toLowerCase() === slot),
  );
}
