import { z } from "@hono/zod-openapi";
import { userActor } from "../actor";
import { notFound } from "../errors";
import { requireUser } from "../middleware/auth";
import { bearerSecurity, jsonResponse } from "./common.schemas";
import { defineRoute } from "./define-route";
import { AT } from "./examples";
import {
  IdParam,
  NotificationListQuery,
  NotificationListSchema,
  NotificationSchema,
} from "./notifications.schemas";
import { parseCursor } from "./pagination";
import { routeGroup } from "./route-group";

// /v1/notifications: the inbox.

const secured = { security: bearerSecurity, middleware: [requireUser()] };

const NOTIFICATION = {
  id: "ntf_3c2b1a0f9e8d7c6b5a4f3e2d1c0b9a8f",
  kind: "reminder.workout",
  title: "Today: lower body",
  body: "Barbell Back Squat 80 kg × 5–8 to start. Ready when you are!",
  data: {
    type: "reminder.workout",
    deep_link: "app://workout/today",
    reminder: "reminder:workout",
    due_at: "2026-11-23T16:04:37.000Z",
  },
  created_at: "2026-11-23T16:00:00.000Z",
  read_at: null,
};

const routes = {
  listNotifications: defineRoute({
    method: "get",
    path: "/",
    operationId: "listNotifications",
    tags: ["notifications"],
    summary: "The inbox, newest first",
    description:
      "Every notification sent to the user (also pushed to devices); `unread` counts all unread.",
    ...secured,
    request: { query: NotificationListQuery },
    responses: {
      200: jsonResponse(NotificationListSchema, "A page.", {
        items: [NOTIFICATION],
        next_cursor: null,
        unread: 1,
        skipped: [
          {
            reminder: "reminder:meal:2",
            type: "meal",
            reason: "meal_logged",
            due_at: "2026-11-23T11:44:37.000Z",
            local_date: "2026-11-23",
            decided_at: "2026-11-23T11:44:38.000Z",
          },
        ],
      }),
    },
  }),
  readAll: defineRoute({
    method: "post",
    path: "/read-all",
    operationId: "markAllNotificationsRead",
    tags: ["notifications"],
    summary: "Mark every notification read",
    description: "Answers how many were unread.",
    ...secured,
    responses: {
      200: jsonResponse(
        z.object({ updated: z.number().int() }).openapi("NotificationsMarkedRead"),
        "How many were unread.",
        { updated: 3 },
      ),
    },
  }),
  readOne: defineRoute({
    method: "post",
    path: "/{id}/read",
    operationId: "markNotificationRead",
    tags: ["notifications"],
    summary: "Mark one notification read",
    description: "Idempotent: a read notification stays read with its first read time.",
    ...secured,
    request: { params: IdParam },
    responses: {
      200: jsonResponse(NotificationSchema, "Marked read.", { ...NOTIFICATION, read_at: AT }),
    },
    errors: { 404: ["notification_not_found"] },
  }),
};

export const notificationRoutes = routeGroup()
  .openapi(routes.listNotifications, async (c) => {
    const { unread, cursor, limit } = c.req.valid("query");
    const page = await userActor(c).notifications.list({
      limit,
      unreadOnly: unread,
      after: parseCursor(cursor),
    });
    return c.json(page, 200);
  })
  .openapi(routes.readAll, async (c) => {
    return c.json(await userActor(c).notifications.markAllRead(), 200);
  })
  .openapi(routes.readOne, async (c) => {
    const notification = await userActor(c).notifications.markRead(c.req.valid("param").id);
    if (!notification) throw notFound("No such notification.", "notification_not_found");
    return c.json(notification, 200);
  });
