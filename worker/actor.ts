import type { Context } from "hono";
import type { UserActor } from "../durable-objects/user-actor";
import { closedStateOf } from "../kernel/account-state";
import type { AppEnv } from "./app-env";
import { closedAccountError } from "./errors";

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

/**
 * The user's actor. A call for a closed account is answered `{account_closed}` by the actor
 * (see kernel/account-state.ts); here it becomes the error the route throws (401 or 403), so
 * callers see either their result or that error.
 */
export function actorFor(env: Pick<Env, "USER_ACTOR">, userId: string): UserActorApi {
  const stub = env.USER_ACTOR.getByName(userId);
  return new Proxy(stub, {
    get(target, name) {
      const member = Reflect.get(target, name);
      if (typeof member !== "function" || name === "fetch") return member;
      return async (...args: unknown[]) => {
        // Called, not .apply()-ed: an RPC stub would take `apply` for a method of the actor.
        const answer = await member(...args);
        const closed = closedStateOf(answer);
        if (closed) throw closedAccountError(closed);
        return answer;
      };
    },
  }) as unknown as UserActorApi;
}

/** The calling user's actor. Routes reach user state only through here, by the JWT's user id. */
export function userActor(c: Context<AppEnv>): UserActorApi {
  return actorFor(c.env, c.get("userId"));
}
