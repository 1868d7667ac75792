import { z } from "zod";
import { WEEKDAYS, type Weekday } from "../../kernel/dates";
import { parseHhmm } from "../../kernel/zoned";
import { type MealSlot, plannedMeals } from "./meal-slots";
import { inQuietHours } from "./quiet-hours";
import { type SpreadRecurrence, spreadOffsetSeconds, spreadTime } from "./spread";

// Which reminders a user gets and when, from their preferences, profile and active program.
// Every reminder is a recurring schedule at a local time in the user's timezone:
// - workout: on each training weekday, `workout_lead_minutes` before the preferred time of
//   day (morning 07:00, midday 12:00, evening 18:00);
// - meal: one per meal, spread evenly from one hour after waking to three hours before sleep;
// - hydration: every `hydration_interval_minutes` within waking hours;
// - weekly check-in: Sunday 18:00 by default;
// - nudge: every morning at waking time plus an hour, with workout reminders (it speaks only
//   the morning after a missed session: decided when it fires, engine/reminders/decide.ts);
// - streak (opt-in): 20:00 on training days.
// A reminder that falls inside quiet hours is not sent (dropped, not moved). Each is then moved
// by the user's own spread offset (0-10 minutes, spread.ts), so 300,000 users at 08:00 do not
// all fire in the same second.

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time "HH:MM" (24 h)');
const span = z.object({ start: hhmm, end: hhmm }).strict();

export const reminderPrefsSchema = z
  .object({
    workout: z.boolean(),
    meals: z.boolean(),
    hydration: z.boolean(),
    checkin: z.boolean().default(true),
    streak: z.boolean().default(false),
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

/** What a planned reminder carries to its firing: enough to decide and to name it. */
export type ReminderPayload = { title: string; body: string } & (
  | { type: "workout" | "hydration" | "checkin" | "nudge" | "streak" }
  | {
      type: "meal";
      slot: MealSlot;
      number: number;
      of: number;
      /** How far before its (unspread) time the meal's window opens. */
      window_minutes: number;
      /** The meal's unspread local time "HH:MM". */
      time: string;
    }
);

export interface ReminderSpec {
  key: string;
  recurrence: SpreadRecurrence;
  payload: ReminderPayload;
}

export interface PlanContext {
  /** The user's id: their spread offset comes from it. */
  userId: string;
  timezone: string;
  preferredTimeOfDay: "morning" | "midday" | "evening";
  mealsPerDay: number;
  trainingWeekdays: Weekday[];
}

const SESSION_TIME = { morning: "07:00", midday: "12:00", evening: "18:00" } as const;
const MEAL_NAMES: Readonly<Record<MealSlot, string>> = {
  breakfast: "Breakfast",
  morning_snack: "Morning snack",
  lunch: "Lunch",
  afternoon_snack: "Afternoon snack",
  dinner: "Dinner",
  evening_snack: "Evening snack",
};
/** The evening streak reminder's local time. */
const STREAK_TIME = "20:00";

const toHhmm = (minutes: number) => {
  const m = ((minutes % 1440) + 1440) % 1440;
  return `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
};

export function planReminders(prefs: ReminderPrefs, context: PlanContext): ReminderSpec[] {
  const specs: ReminderSpec[] = [];
  const offset = spreadOffsetSeconds(context.userId);
  const add = (key: string, time: string, payload: ReminderPayload, weekdays?: Weekday[]) => {
    if (inQuietHours(time, prefs.quiet_hours)) return;
    const spread = spreadTime(time, offset, prefs.quiet_hours);
    specs.push({
      key: `${REMINDER_PREFIX}${key}`,
      recurrence: {
        time: spread.time,
        timezone: context.timezone,
        ...(weekdays ? { weekdays } : {}),
        ...(spread.second ? { second: spread.second } : {}),
      },
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

  if (prefs.workout && context.trainingWeekdays.length > 0) {
    add("nudge", toHhmm(parseHhmm(prefs.waking_hours.start) + 60), {
      type: "nudge",
      title: "Missed workout nudge",
      body: "The morning after a missed session.",
    });
    if (prefs.streak)
      add(
        "streak",
        STREAK_TIME,
        { type: "streak", title: "Streak at risk", body: "Today's session keeps your streak." },
        context.trainingWeekdays,
      );
  }

  const wake = parseHhmm(prefs.waking_hours.start);
  const sleep = parseHhmm(prefs.waking_hours.end);
  const awake = sleep > wake ? sleep - wake : sleep + 1440 - wake;
  if (prefs.meals)
    for (const meal of plannedMeals(prefs.waking_hours, context.mealsPerDay))
      add(`meal:${meal.number}`, meal.time, {
        type: "meal",
        title: `${MEAL_NAMES[meal.slot]} time`,
        body: `Time for meal ${meal.number} of ${meal.of}.`,
        slot: meal.slot,
        number: meal.number,
        of: meal.of,
        window_minutes: meal.window_minutes,
        time: meal.time,
      });

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
