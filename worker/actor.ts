import type { Context } from "hono";
import type { UserActor } from "../durable-objects/user-actor";
import type { AppEnv } from "./app-env";

/**
 * The actor's public methods as the caller sees them over RPC (every result a promise).
 * Workers' own RPC types recurse through every JSON-shaped result and give up on our
 * profile documents ("excessively deep"), so callers use this flat view instead.
 */
export type UserActorApi = {
  [K in keyof UserActor as UserActor[K] extends (...args: never[]) => unknown
    ? K
    : never]: UserActor[K] extends (...args: infer A) => infer R
    ? (...args: A) => Promise<Awaited<R>>
    : never;
};

export function actorFor(env: Pick<Env, "USER_ACTOR">, userId: string): UserActorApi {
  return env.USER_ACTOR.getByName(userId) as unknown as UserActorApi;
}

/** The calling user's actor. Routes reach user state only through here, by the JWT's user id. */
export function userActor(c: Context<AppEnv>): UserActorApi {
  return actorFor(c.env, c.get("userId"));
}
