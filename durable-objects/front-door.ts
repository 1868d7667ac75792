import { RpcTarget } from "cloudflare:workers";
import { type ClosedState, closedAnswer } from "../kernel/account-state";
import type { UserModules } from "./user-modules";

// The actor's front door: one RPC method per concern (user-actor.ts), each answering an
// RpcTarget that holds that concern's operations for one user. The edge calls
// `stub.tracking(userId).logSet(...)` without awaiting the target, so the runtime pipelines
// both calls into one round trip (worker/actor.ts). Whether the account is open is decided
// once, in user-actor.ts, when the target is made.

/** A concern's operations for one user, on that user's modules (bound, account open). */
export abstract class ConcernApi extends RpcTarget {
  constructor(protected readonly modules: UserModules) {
    super();
  }
}

export type ConcernClass<A extends ConcernApi, X extends unknown[]> = new (
  modules: UserModules,
  ...extra: X
) => A;

const closedStates = new WeakMap<object, ClosedState>();
const closedClasses = new WeakMap<object, new () => RpcTarget>();

/**
 * The concern for a closed account: every operation answers `{account_closed: state}`, which
 * the edge's client turns into the 401/403. Answered, never thrown: workerd (and the test pool)
 * report an exception thrown out of an RPC method as uncaught even when the caller handles it.
 */
export function closedApi<A extends ConcernApi>(
  Api: new (...args: never) => A,
  state: ClosedState,
): A {
  let Closed = closedClasses.get(Api);
  if (!Closed) {
    Closed = class ClosedConcern extends RpcTarget {};
    for (let proto = Api.prototype; proto !== ConcernApi.prototype; ) {
      for (const name of Object.getOwnPropertyNames(proto))
        if (name !== "constructor" && !Object.hasOwn(Closed.prototype, name))
          Object.defineProperty(Closed.prototype, name, {
            value: function answerClosed(this: object) {
              return closedAnswer(closedStates.get(this) as ClosedState);
            },
          });
      proto = Object.getPrototypeOf(proto);
    }
    closedClasses.set(Api, Closed);
  }
  const target = new Closed();
  closedStates.set(target, state);
  return target as unknown as A;
}
