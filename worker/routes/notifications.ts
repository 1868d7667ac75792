import { z } from "@hono/zod-openapi";
import { maskToken } from "../../durable-objects/devices";
import { userActor } from "../actor";
import { notFound } from "../errors";
import { requireUser } from "../middleware/auth";
import { bearerSecurity, jsonBody, jsonResponse } from "./common.schemas";
import { defineRoute } from "./define-route";
import { AT } from "./examples";
import {
  DeviceBody,
  DeviceListQuery,
  DeviceListSchema,
  DeviceSchema,
  IdParam,
  NotificationListQuery,
  NotificationListSchema,
  NotificationSchema,
  ReminderPrefsSchema,
  RemindersResponse,
} from "./notifications.schemas";
import { parseCursor } from "./pagination";
import { routeGroup } from "./route-group";

const secured = { security: bearerSecurity, middleware: [requireUser()] };

const PREFERENCES = {
  workout: true,
  meals: true,
  hydration: false,
  checkin: true,
  quiet_hours: { start: "22:00", end: "07:00" },
  waking_hours: { start: "07:00", end: "22:00" },
  workout_lead_minutes: 60,
  hydration_interval_minutes: 120,
  checkin_weekday: "sun" as const,
  checkin_time: "18:00",
};
const REMINDERS = {
  preferences: PREFERENCES,
  schedules: [
    {
      key: "reminder:workout",
      next_at: "2026-11-24T17:00:00.000Z",
      recurrence: {
        time: "18:00",
        timezone: "Europe/Berlin",
        weekdays: ["mon" as const, "thu" as const],
      },
    },
  ],
};
const NOTIFICATION = {
  id: "ntf_3c2b1a0f9e8d7c6b5a4f3e2d1c0b9a8f",
  kind: "reminder.workout",
  title: "Workout today",
  body: "Lower body at 18:00: 5 exercises, about 58 minutes.",
  data: { type: "workout", date: "2026-11-23" },
  created_at: "2026-11-23T16:00:00.000Z",
  read_at: null,
};
const DEVICE = {
  id: "dev_8f7e6d5c4b3a29180f7e6d5c4b3a2918",
  platform: "ios" as const,
  provider: "expo" as const,
  token: "Expone…xxx]",
  created_at: "2026-11-23T09:10:00.000Z",
  last_delivered_at: null,
};

const routes = {
  getReminders: defineRoute({
    method: "get",
    path: "/v1/reminders",
    operationId: "getReminders",
    tags: ["reminders"],
    summary: "Reminder preferences and the schedules they produce",
    description: "The preferences and, for each reminder they turn on, its next due time.",
    ...secured,
    responses: {
      200: jsonResponse(RemindersResponse, "Preferences and next due times.", REMINDERS),
    },
  }),
  putReminders: defineRoute({
    method: "put",
    path: "/v1/reminders",
    operationId: "updateReminders",
    tags: ["reminders"],
    summary: "Replace reminder preferences; re-plans the user's reminders",
    description:
      "Fields left out take their defaults. Reminders are re-planned at once in the user's " +
      "timezone; none falls in quiet hours.",
    ...secured,
    request: {
      body: jsonBody(ReminderPrefsSchema, { workout: true, meals: true, hydration: false }),
    },
    responses: { 200: jsonResponse(RemindersResponse, "Saved and re-planned.", REMINDERS) },
  }),
  listNotifications: defineRoute({
    method: "get",
    path: "/v1/notifications",
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
      }),
    },
  }),
  readOne: defineRoute({
    method: "post",
    path: "/v1/notifications/{id}/read",
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
  readAll: defineRoute({
    method: "post",
    path: "/v1/notifications/read-all",
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
  addDevice: defineRoute({
    method: "post",
    path: "/v1/devices",
    operationId: "registerDevice",
    tags: ["notifications"],
    summary: "Register a device for push (Expo or FCM)",
    description:
      "Apps register on every launch: a token already registered answers 200 with its device. " +
      "Tokens are masked in every answer.",
    ...secured,
    request: {
      body: jsonBody(DeviceBody, {
        platform: "ios",
        provider: "expo",
        token: "ExponentPushToken[xxxxxxxxxxxxxxxxxxxxxx]",
      }),
    },
    responses: {
      201: jsonResponse(DeviceSchema, "Registered.", DEVICE),
      200: jsonResponse(DeviceSchema, "Already registered.", DEVICE),
    },
  }),
  listDevices: defineRoute({
    method: "get",
    path: "/v1/devices",
    operationId: "listDevices",
    tags: ["notifications"],
    summary: "The user's push devices (tokens masked)",
    description: "Oldest first.",
    ...secured,
    request: { query: DeviceListQuery },
    responses: {
      200: jsonResponse(DeviceListSchema, "A page of devices.", {
        items: [DEVICE],
        next_cursor: null,
      }),
    },
  }),
  removeDevice: defineRoute({
    method: "delete",
    path: "/v1/devices/{id}",
    operationId: "unregisterDevice",
    tags: ["notifications"],
    summary: "Unregister a device",
    description: "Nothing more is pushed to it.",
    ...secured,
    request: { params: IdParam },
    responses: { 204: { description: "Removed." } },
    errors: { 404: ["device_not_found"] },
  }),
};

const masked = <T extends { token: string }>(device: T): T => ({
  ...device,
  token: maskToken(device.token),
});

export const notificationRoutes = routeGroup()
  .openapi(routes.getReminders, async (c) => {
    const actor = userActor(c);
    const userId = c.get("userId");
    const [preferences, schedules] = await Promise.all([
      actor.getReminders(userId),
      actor.listReminderSchedules(userId),
    ]);
    return c.json({ preferences, schedules }, 200);
  })
  .openapi(routes.putReminders, async (c) => {
    const actor = userActor(c);
    const userId = c.get("userId");
    const { prefs } = await actor.putReminders(userId, c.req.valid("json"));
    return c.json(
      { preferences: prefs, schedules: await actor.listReminderSchedules(userId) },
      200,
    );
  })
  .openapi(routes.listNotifications, async (c) => {
    const { unread, cursor, limit } = c.req.valid("query");
    const page = await userActor(c).listNotifications(c.get("userId"), {
      limit,
      unreadOnly: unread,
      after: parseCursor(cursor),
    });
    return c.json(page, 200);
  })
  .openapi(routes.readAll, async (c) => {
    return c.json(await userActor(c).markAllNotificationsRead(c.get("userId")), 200);
  })
  .openapi(routes.readOne, async (c) => {
    const notification = await userActor(c).markNotificationRead(
      c.get("userId"),
      c.req.valid("param").id,
    );
    if (!notification) throw notFound("No such notification.", "notification_not_found");
    return c.json(notification, 200);
  })
  .openapi(routes.addDevice, async (c) => {
    const { device, created } = await userActor(c).registerDevice(
      c.get("userId"),
      c.req.valid("json"),
    );
    return c.json(masked(device), created ? 201 : 200);
  })
  .openapi(routes.listDevices, async (c) => {
    const { limit, cursor } = c.req.valid("query");
    const page = await userActor(c).listDevices(c.get("userId"), {
      limit,
      after: parseCursor(cursor),
    });
    return c.json({ items: page.items.map(masked), next_cursor: page.nextCursor }, 200);
  })
  .openapi(routes.removeDevice, async (c) => {
    if (!(await userActor(c).removeDevice(c.get("userId"), c.req.valid("param").id)))
      throw notFound("No such device.", "device_not_found");
    return c.body(null, 204);
  });
