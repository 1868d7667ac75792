import { userActor } from "../actor";
import { requireUser } from "../middleware/auth";
import { bearerSecurity, jsonBody, jsonResponse } from "./common.schemas";
import { defineRoute } from "./define-route";
import { ReminderPrefsSchema, RemindersResponse } from "./reminders.schemas";
import { routeGroup } from "./route-group";

// /v1/reminders: the preferences and the reminders they schedule.

const secured = { security: bearerSecurity, middleware: [requireUser()] };

const PREFERENCES = {
  workout: true,
  meals: true,
  hydration: false,
  checkin: true,
  streak: false,
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
      kind: "workout" as const,
      title: "Workout today",
      next_at: "2026-11-24T17:04:37.000Z",
      recurrence: {
        time: "18:04",
        second: 37,
        timezone: "Europe/Berlin",
        weekdays: ["mon" as const, "thu" as const],
      },
    },
  ],
};

const routes = {
  getReminders: defineRoute({
    method: "get",
    path: "/",
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
    path: "/",
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
};

export const reminderRoutes = routeGroup()
  .openapi(routes.getReminders, async (c) => {
    return c.json(await userActor(c).reminders.get(), 200);
  })
  .openapi(routes.putReminders, async (c) => {
    return c.json(await userActor(c).reminders.set(c.req.valid("json")), 200);
  });
