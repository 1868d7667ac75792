import { z } from "@hono/zod-openapi";
import { REMINDER_TYPES } from "../../engine/reminders/outcomes";
import { reminderPrefsSchema } from "../../engine/reminders/plan";
import { WEEKDAYS } from "../../kernel/dates";

export const ReminderPrefsSchema = reminderPrefsSchema.openapi("ReminderPreferences", {
  example: {
    workout: true,
    meals: true,
    hydration: true,
    checkin: true,
    streak: false,
    quiet_hours: { start: "22:00", end: "07:00" },
    waking_hours: { start: "07:00", end: "22:00" },
    workout_lead_minutes: 60,
    hydration_interval_minutes: 120,
    checkin_weekday: "sun",
    checkin_time: "18:00",
  },
});

export const RemindersResponse = z
  .object({
    preferences: ReminderPrefsSchema,
    schedules: z.array(
      z.object({
        key: z.string().openapi({ example: "reminder:workout" }),
        kind: z.enum(REMINDER_TYPES),
        title: z
          .string()
          .openapi({ description: "its name for a person, as its notification's title" }),
        next_at: z.string().openapi({ description: "the next time it is due (UTC)" }),
        recurrence: z
          .object({
            time: z.string().openapi({
              description:
                'local time "HH:MM": the time asked for moved by the user\'s own spread offset ' +
                "(0-10 minutes, the same every day)",
            }),
            second: z
              .number()
              .int()
              .min(0)
              .max(59)
              .optional()
              .openapi({ description: "the second within that minute (0 when absent)" }),
            timezone: z.string(),
            weekdays: z
              .array(z.enum(WEEKDAYS))
              .optional()
              .openapi({ description: "every day when absent" }),
          })
          .nullable(),
      }),
    ),
  })
  .openapi("Reminders");
