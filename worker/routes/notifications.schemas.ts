import { z } from "@hono/zod-openapi";
import { WEEKDAYS } from "../coaching/vocabulary";
import { reminderPrefsSchema } from "../reminders/plan";
import { pageOf, pageQuery } from "./common.schemas";

export const ReminderPrefsSchema = reminderPrefsSchema.openapi("ReminderPreferences", {
  example: {
    workout: true,
    meals: true,
    hydration: true,
    checkin: true,
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
        next_at: z.string().openapi({ description: "the next time it is due (UTC)" }),
        recurrence: z
          .object({
            time: z.string().openapi({ description: 'local time "HH:MM"' }),
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

export const NotificationSchema = z
  .object({
    id: z.string(),
    kind: z.string().openapi({ example: "reminder.workout" }),
    title: z.string(),
    body: z.string(),
    data: z
      .record(z.string(), z.unknown())
      .openapi({ description: "what the notification is about (e.g. `{type, date}`)" }),
    created_at: z.string(),
    read_at: z.string().nullable(),
  })
  .openapi("Notification");

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

export const DeviceListQuery = z.object(pageQuery).strict();

export const NotificationListSchema = z
  .object({
    items: z.array(NotificationSchema),
    next_cursor: z.string().nullable(),
    unread: z.number().int(),
  })
  .openapi("NotificationList");

export const DeviceBody = z
  .object({
    platform: z.enum(["ios", "android", "web"]),
    provider: z.enum(["expo", "fcm"]),
    token: z.string().trim().min(10).max(4096),
  })
  .strict()
  .superRefine((body, ctx) => {
    if (body.provider === "expo" && !/^Expo(nent)?PushToken\[.+\]$/.test(body.token))
      ctx.addIssue({
        code: "custom",
        path: ["token"],
        message: "must be an Expo push token (ExponentPushToken[...])",
      });
  })
  .openapi("DeviceRegistration", {
    example: {
      platform: "ios",
      provider: "expo",
      token: "ExponentPushToken[xxxxxxxxxxxxxxxxxxxxxx]",
    },
  });

export const DeviceSchema = z
  .object({
    id: z.string(),
    platform: z.enum(["ios", "android", "web"]),
    provider: z.enum(["expo", "fcm"]),
    token: z.string().openapi({ description: "masked" }),
    created_at: z.string(),
    last_delivered_at: z.string().nullable(),
  })
  .openapi("Device");

export const DeviceListSchema = pageOf(DeviceSchema, "DeviceList");

export const IdParam = z.object({
  id: z
    .string()
    .max(100)
    .openapi({ param: { name: "id", in: "path" } }),
});
