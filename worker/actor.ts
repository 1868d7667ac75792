import type { Context } from "hono";
import type { AppEnv } from "./app-env";

/** The calling user's actor. Routes reach user state only through here, by the JWT's user id. */
export function userActor(c: Context<AppEnv>) {
  return c.env.USER_ACTOR.getByName(c.get("userId"));
}
