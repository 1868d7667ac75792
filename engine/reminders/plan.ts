import { z } from "zod";
import { WEEKDAYS, type Weekday } from "../../kernel/dates";
import { parseHhmm, type Recurrence } from "../../kernel/zoned";

// Which reminders a user gets and when, from their preferences, profile and active program.
// Every reminder is a recurring schedule at a local time in the user's timezone:
// - workout: on each training weekday, `workout_lead_minutes` before the preferred time of
//   day (morning 07:00, midday 12:00, evening 18:00);
// - meal: one per meal, spread evenly from one hour after waking to three hours before sleep;
// - hydration: every `hydration_interval_minutes` within waking hours;
// - weekly check-in: Sunday 18:00 by default.
// A reminder that falls inside quiet hours is not sent (dropped, not moved).

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time "HH:MM" (24 h)');
const span = z.object({ start: hhmm, end: hhmm }).strict();

export const reminderPrefsSchema = z
  .object({
    workout: z.boolean(),
    meals: z.boolean(),
    hydration: z.boolean(),
    checkin: z.boolean().default(true),
    quiet_hours: span.nullable().default(null),
    waking_hours: span.default({ start: "07:00", end: "22:00" }),
    workout_lead_minutes: z.number().int().min(0).max(240).default(60),
    hydration_interval_minutes: z.number().int().min(60).max(360).default(120),
    checkin_weekday: z.enum(WEEKDAYS).default("sun"),
    checkin_time: hhmm.default("18:00"),
  })
  .strict();
export type ReminderPrefs = z.output<typeof reminderPrefsSchema>;

export const REMINDER_PREFIX = "reminder:";

export interface ReminderSpec {
  key: string;
  recurrence: Recurrence;
  payload: { type: "workout" | "meal" | "hydration" | "checkin"; title: string; body: string };
}

export interface PlanContext {
  timezone: string;
  preferredTimeOfDay: "morning" | "midday" | "evening";
  mealsPerDay: number;
  trainingWeekdays: Weekday[];
}

const SESSION_TIME = { morning: "07:00", midday: "12:00", evening: "18:00" } as const;
const MEAL_NAMES = [
  "Breakfast",
  "Lunch",
  "Afternoon snack",
  "Dinner",
  "Evening snack",
  "Second breakfast",
];

const toHhmm = (minutes: number) => {
  const m = ((minutes % 1440) + 1440) % 1440;
  return `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
};

/** Inside quiet hours; a span whose end is before its start wraps past midnight. */
export function inQuietHours(time: string, quiet: { start: string; end: string } | null): boolean {
  if (!quiet) return false;
  const t = parseHhmm(time);
  const start = parseHhmm(quiet.start);
  const end = parseHhmm(quiet.end);
  return start <= end ? t >= start && t < end : t >= start || t < end;
}

export function planReminders(prefs: ReminderPrefs, context: PlanContext): ReminderSpec[] {
  const specs: ReminderSpec[] = [];
  const add = (
    key: string,
    time: string,
    payload: ReminderSpec["payload"],
    weekdays?: Weekday[],
  ) => {
    if (inQuietHours(time, prefs.quiet_hours)) return;
    specs.push({
      key: `${REMINDER_PREFIX}${key}`,
      recurrence: { time, timezone: context.timezone, ...(weekdays ? { weekdays } : {}) },
      payload,
    });
  };

  if (prefs.workout && context.trainingWeekdays.length > 0) {
    const at = toHhmm(
      parseHhmm(SESSION_TIME[context.preferredTimeOfDay]) - prefs.workout_lead_minutes,
    );
    add(
      "workout",
      at,
      {
        type: "workout",
        title: "Workout today",
        body: "Your session is coming up. Ready when you are!",
      },
      context.trainingWeekdays,
    );
  }

  const wake = parseHhmm(prefs.waking_hours.start);
  const sleep = parseHhmm(prefs.waking_hours.end);
  const awake = sleep > wake ? sleep - wake : sleep + 1440 - wake;
  if (prefs.meals) {
    const first = wake + 60;
    const last = wake + Math.max(60, awake - 180);
    const meals = context.mealsPerDay;
    for (let i = 0; i < meals; i++) {
      const at = toHhmm(Math.round(first + ((last - first) * i) / Math.max(1, meals - 1)));
      const name = MEAL_NAMES[i] ?? `Meal ${i + 1}`;
      add(`meal:${i + 1}`, at, {
        type: "meal",
        title: `${name} time`,
        body: `Time for meal ${i + 1} of ${meals}.`,
      });
    }
  }

  if (prefs.hydration) {
    for (
      let t = wake + prefs.hydration_interval_minutes;
      t < wake + awake;
      t += prefs.hydration_interval_minutes
    ) {
      const at = toHhmm(t);
      add(`hydration:${at}`, at, {
        type: "hydration",
        title: "Drink some water",
        body: "A glass of water now keeps you on track.",
      });
    }
  }

  if (prefs.checkin)
    add(
      "checkin",
      prefs.checkin_time,
      {
        type: "checkin",
        title: "Weekly check-in",
        body: "How did this week go? Log your weight and tell your coach.",
      },
      [prefs.checkin_weekday],
    );
  return specs;
}
