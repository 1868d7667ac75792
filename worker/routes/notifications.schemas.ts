import { z } from "@hono/zod-openapi";
import { MEAL_SLOTS } from "../../engine/reminders/meal-slots";
import { REMINDER_TYPES, SKIP_REASONS } from "../../engine/reminders/outcomes";
import { pageQuery } from "./common.schemas";

const NOTIFICATION_TYPES = [
  ...REMINDER_TYPES.map((type) => `reminder.${type}` as const),
  "program.adapted",
] as const;

const DEEP_LINKS =
  "`app://workout/today` (reminder.workout, reminder.nudge, reminder.streak), " +
  `\`app://meals/log?meal=<slot>\` (reminder.meal; slot one of ${MEAL_SLOTS.join(", ")}), ` +
  "`app://today` (reminder.hydration), `app://body/weight/log` (reminder.checkin), " +
  "`app://program` (program.adapted)";

export const NotificationSchema = z
  .object({
    id: z.string(),
    kind: z.string().openapi({
      example: "reminder.workout",
      description: `one of ${NOTIFICATION_TYPES.join(", ")}`,
    }),
    title: z.string().openapi({ description: "in the user's language (profile.locale)" }),
    body: z.string().openapi({ description: "in the user's language (profile.locale)" }),
    data: z
      .object({
        type: z.string().openapi({ description: "the same as kind; push payloads carry it too" }),
        deep_link: z
          .string()
          .nullable()
          .openapi({
            description: `the screen the app and the console open for it: ${DEEP_LINKS}; null on notifications older than deep links`,
            example: "app://workout/today",
          }),
      })
      .catchall(z.unknown())
      .openapi({
        description:
          "what the notification is about; every push carries the same `{type, deep_link}`",
      }),
    created_at: z.string(),
    read_at: z.string().nullable(),
  })
  .openapi("Notification");

export const SkippedReminderSchema = z
  .object({
    reminder: z.string().openapi({ example: "reminder:meal:2" }),
    type: z.enum(REMINDER_TYPES),
    reason: z.enum(SKIP_REASONS).openapi({
      description:
        "no_active_program, rest_day (today's session moved away), session_completed, " +
        "session_in_progress, meal_logged (a meal logged in this meal's window), " +
        "nothing_missed (nudge: yesterday's session was done or there was none), " +
        "already_nudged_today, backed_off (the last two nudges went unanswered), no_streak, " +
        "too_late (the alarm fired long after its time)",
    }),
    due_at: z.string().openapi({ description: "when it was due (UTC)" }),
    local_date: z.string().openapi({ description: "its day in the user's timezone" }),
    decided_at: z.string(),
  })
  .openapi("SkippedReminder");

export const NotificationListQuery = z
  .object({
    unread: z
      .enum(["true", "false"])
      .optional()
      .transform((value) => value === "true")
      .openapi({ description: "only unread ones" }),
    ...pageQuery,
  })
  .strict();

export const NotificationListSchema = z
  .object({
    items: z.array(NotificationSchema),
    next_cursor: z.string().nullable(),
    unread: z.number().int(),
    skipped: z.array(SkippedReminderSchema).openapi({
      description:
        "the latest reminders (at most 20, newest first) that were not sent, and why: each " +
        "reminder's rule decides when it fires, from what the user did",
    }),
  })
  .openapi("NotificationList");

export const IdParam = z.object({
  id: z
    .string()
    .max(100)
    .openapi({ param: { name: "id", in: "path" } }),
});
