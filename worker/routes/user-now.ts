import type { Context } from "hono";
import { userActor } from "../actor";
import type { AppEnv } from "../app-env";
import { database } from "../db/client";
import type { TrackingContext } from "../tracking/service";

// What a request needs from the user's actor for logging, read once per request.

const nows = new WeakMap<Context<AppEnv>, ReturnType<ReturnType<typeof userActor>["localNow"]>>();

/** The user's timezone, local date and units: one actor call per request, however many ask. */
export function userNow(c: Context<AppEnv>) {
  let now = nows.get(c);
  if (!now) {
    now = userActor(c).localNow(c.get("userId"));
    nows.set(c, now);
  }
  return now;
}

/** The tracking service's view of this request's user. */
export function trackingContext(c: Context<AppEnv>): TrackingContext {
  const userId = c.get("userId");
  const actor = userActor(c);
  return {
    db: database(c.env.DB),
    userId,
    timezone: async () => (await userNow(c)).timezone,
    plannedDay: (ref) => actor.resolvePlannedDay(userId, ref),
    sessionCompleted: () => actor.sessionCompleted(userId),
  };
}
