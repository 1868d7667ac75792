import { z } from "@hono/zod-openapi";
import { pageQuery } from "./common.schemas";

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

export const NotificationListSchema = z
  .object({
    items: z.array(NotificationSchema),
    next_cursor: z.string().nullable(),
    unread: z.number().int(),
  })
  .openapi("NotificationList");

export const IdParam = z.object({
  id: z
    .string()
    .max(100)
    .openapi({ param: { name: "id", in: "path" } }),
});
