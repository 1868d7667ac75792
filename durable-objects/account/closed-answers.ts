import { closedAnswer } from "../../kernel/account-state";
import { AccountClosedError } from "./account";

// A closed account's call is answered, never thrown across RPC: workerd (and the test pool)
// report an exception thrown out of an RPC method as uncaught even when the caller handles it,
// so each call of a closed account logged an "Uncaught AccountClosedError". Every RPC method
// answers `{account_closed: state}` instead, which the actor's client (worker/actor.ts) turns
// into the 401/403 the client gets. The runtime's own entry points are left alone.

const RUNTIME_ENTRY_POINTS = new Set([
  "constructor",
  "fetch",
  "alarm",
  "webSocketMessage",
  "webSocketClose",
  "webSocketError",
]);

/** Wraps every RPC method of an actor class so AccountClosedError becomes its answer. */
export function answerClosedAccounts(prototype: object): void {
  const methods = prototype as Record<string, unknown>;
  for (const name of Object.getOwnPropertyNames(prototype)) {
    const method = methods[name];
    if (RUNTIME_ENTRY_POINTS.has(name) || typeof method !== "function") continue;
    methods[name] = async function answerClosed(this: unknown, ...args: unknown[]) {
      try {
        return await method.apply(this, args);
      } catch (error) {
        if (error instanceof AccountClosedError) return closedAnswer(error.status);
        throw error;
      }
    };
  }
}
