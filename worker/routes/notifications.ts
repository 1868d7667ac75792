import { createRoute, z } from "@hono/zod-openapi";
import { maskToken } from "../../durable-objects/devices";
import { userActor } from "../actor";
import { notFound } from "../errors";
import { requireUser } from "../middleware/auth";
import { bearerSecurity, errorResponses, jsonBody, jsonResponse } from "./common.schemas";
import {
  DeviceBody,
  DeviceSchema,
  IdParam,
  NotificationListQuery,
  NotificationListSchema,
  NotificationSchema,
  ReminderPrefsSchema,
  RemindersResponse,
} from "./notifications.schemas";
import { routeGroup } from "./route-group";

const secured = { security: bearerSecurity, middleware: [requireUser()] };

const routes = {
  getReminders: createRoute({
    method: "get",
    path: "/v1/reminders",
    tags: ["reminders"],
    summary: "Reminder preferences and the schedules they produce",
    ...secured,
    responses: {
      200: jsonResponse(RemindersResponse, "Preferences and next due times."),
      ...errorResponses(401, 500),
    },
  }),
  putReminders: createRoute({
    method: "put",
    path: "/v1/reminders",
    tags: ["reminders"],
    summary: "Replace reminder preferences; re-plans the user's reminders",
    ...secured,
    request: { body: jsonBody(ReminderPrefsSchema) },
    responses: {
      200: jsonResponse(RemindersResponse, "Saved and re-planned."),
      ...errorResponses(400, 401, 422, 500),
    },
  }),
  listNotifications: createRoute({
    method: "get",
    path: "/v1/notifications",
    tags: ["notifications"],
    summary: "The inbox, newest first (cursor pagination)",
    ...secured,
    request: { query: NotificationListQuery },
    responses: {
      200: jsonResponse(NotificationListSchema, "A page."),
      ...errorResponses(401, 422, 500),
    },
  }),
  readOne: createRoute({
    method: "post",
    path: "/v1/notifications/{id}/read",
    tags: ["notifications"],
    summary: "Mark one notification read",
    ...secured,
    request: { params: IdParam },
    responses: {
      200: jsonResponse(NotificationSchema, "Marked read."),
      ...errorResponses(401, 404, 500),
    },
  }),
  readAll: createRoute({
    method: "post",
    path: "/v1/notifications/read-all",
    tags: ["notifications"],
    summary: "Mark every notification read",
    ...secured,
    responses: {
      200: jsonResponse(z.object({ updated: z.number().int() }), "How many were unread."),
      ...errorResponses(401, 500),
    },
  }),
  addDevice: createRoute({
    method: "post",
    path: "/v1/devices",
    tags: ["notifications"],
    summary: "Register a device for push (Expo or FCM)",
    ...secured,
    request: { body: jsonBody(DeviceBody) },
    responses: {
      201: jsonResponse(DeviceSchema, "Registered."),
      200: jsonResponse(DeviceSchema, "Already registered."),
      ...errorResponses(400, 401, 422, 500),
    },
  }),
  listDevices: createRoute({
    method: "get",
    path: "/v1/devices",
    tags: ["notifications"],
    summary: "The user's push devices (tokens masked)",
    ...secured,
    responses: {
      200: jsonResponse(
        z.object({ items: z.array(DeviceSchema) }).openapi("DeviceList"),
        "Devices.",
      ),
      ...errorResponses(401, 500),
    },
  }),
  removeDevice: createRoute({
    method: "delete",
    path: "/v1/devices/{id}",
    tags: ["notifications"],
    summary: "Unregister a device",
    ...secured,
    request: { params: IdParam },
    responses: { 204: { description: "Removed." }, ...errorResponses(401, 404, 500) },
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
    return c.json({ preferences, schedules } as never, 200);
  })
  .openapi(routes.putReminders, async (c) => {
    const actor = userActor(c);
    const userId = c.get("userId");
    const { prefs } = await actor.putReminders(userId, c.req.valid("json"));
    return c.json(
      { preferences: prefs, schedules: await actor.listReminderSchedules(userId) } as never,
      200,
    );
  })
  .openapi(routes.listNotifications, async (c) => {
    const { unread, cursor, limit } = c.req.valid("query");
    const page = await userActor(c).listNotifications(c.get("userId"), {
      limit,
      unreadOnly: unread,
      cursor,
    });
    return c.json(page as never, 200);
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
    return c.json(notification as never, 200);
  })
  .openapi(routes.addDevice, async (c) => {
    const { device, created } = await userActor(c).registerDevice(
      c.get("userId"),
      c.req.valid("json"),
    );
    return c.json(masked(device), created ? 201 : 200);
  })
  .openapi(routes.listDevices, async (c) => {
    const devices = await userActor(c).listDevices(c.get("userId"));
    return c.json({ items: devices.map(masked) }, 200);
  })
  .openapi(routes.removeDevice, async (c) => {
    if (!(await userActor(c).removeDevice(c.get("userId"), c.req.valid("param").id)))
      throw notFound("No such device.", "device_not_found");
    return c.body(null, 204);
  });
