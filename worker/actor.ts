import type { Context } from "hono";
import type { UserActor } from "../durable-objects/user-actor";
import { type AccountAccess, type ClosedAnswer, closedStateOf } from "../kernel/account-state";
import type { AppEnv } from "./app-env";
import { closedAccountError } from "./errors";

// The one client of the user's actor. The actor's front door has one method per concern
// (durable-objects/user-actor.ts), each answering an RpcTarget with that concern's operations;
// here a call reads `actorFor(env, userId).tracking.logSet(...)` and becomes
// `stub.tracking(userId).logSet(...)`, the target not awaited, so the runtime pipelines both
// into one round trip. A closed account's `{account_closed}` answer becomes the error the
// route throws (401 or 403): callers see their result or that error.

/**
 * A concern's operations as the edge calls them: every result a promise, the closed-account
 * answer removed (it is thrown). Flat on purpose: Workers' own RPC types recurse through every
 * JSON-shaped result and give up on ours ("excessively deep").
 */
type Operations<A> = {
  [K in keyof A as K extends string
    ? A[K] extends (...args: never[]) => unknown
      ? K
      : never
    : never]: A[K] extends (...args: infer P) => infer R
    ? (...args: P) => Promise<Exclude<Awaited<R>, ClosedAnswer>>
    : never;
};

/** The concerns of the front door that take the user id alone. */
const CONCERNS = [
  "account",
  "operator",
  "onboarding",
  "profile",
  "coach",
  "programs",
  "tracking",
  "reminders",
  "notifications",
  "devices",
  "voice",
  "chat",
  "realtime",
] as const;
type Concern = (typeof CONCERNS)[number];
/** The concerns that also take an argument of their own (the agent's room). */
const CONCERNS_WITH_ARGUMENTS = new Set<string>(["agent"]);

type ApiOf<K extends keyof UserActor> = UserActor[K] extends (...args: never[]) => infer R
  ? Awaited<R>
  : never;

export type ActorClient = { [K in Concern]: Operations<ApiOf<K>> } & {
  agent(roomName: string): Operations<ApiOf<"agent">>;
  /** Whether the account may be used and its session epoch, whatever its state. */
  access(): Promise<AccountAccess>;
};

type Call = (...args: unknown[]) => unknown;
/** The accessor's answer before it resolves: an RpcPromise of the concern's target. */
type Pending = Record<string, Call> & Disposable & Promise<unknown>;

/** A concern's operations, each a pipelined call of the accessor and the operation. */
function concernClient(open: () => Pending) {
  return new Proxy(
    {},
    {
      get(_, operation) {
        if (typeof operation !== "string") return undefined;
        return async (...args: unknown[]) => {
          const api = open();
          // Should the accessor itself fail, the operation's call fails with it (and is thrown).
          api.catch(() => {});
          try {
            const answer = await (api[operation] as Call)(...args);
            const closed = closedStateOf(answer);
            if (closed) throw closedAccountError(closed);
            return answer;
          } finally {
            api[Symbol.dispose]();
          }
        };
      },
    },
  );
}

/** The user's actor, by user id. */
export function actorFor(env: Pick<Env, "USER_ACTOR">, userId: string): ActorClient {
  const stub = env.USER_ACTOR.getByName(userId) as unknown as Record<
    string,
    (...args: unknown[]) => Pending
  >;
  return new Proxy({} as ActorClient, {
    get(_, name) {
      if (typeof name !== "string") return undefined;
      const accessor = stub[name] as (...args: unknown[]) => Pending;
      if (name === "access") return () => (accessor as unknown as Call)(userId);
      if (CONCERNS_WITH_ARGUMENTS.has(name))
        return (...extra: unknown[]) => concernClient(() => accessor(userId, ...extra));
      return concernClient(() => accessor(userId));
    },
  });
}

/** The calling user's actor. Routes reach user state only through here, by the JWT's user id. */
export function userActor(c: Context<AppEnv>): ActorClient {
  return actorFor(c.env, c.get("userId"));
}
