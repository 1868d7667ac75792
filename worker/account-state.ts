import { ApiError } from "./errors";

// A closed account (deleted or suspended) is refused by its actor on every call: the actor
// throws an error whose message names the state ("account_state:deleted"), which crosses RPC
// intact. Here it becomes the answer the client gets.

const PREFIX = "account_state:";

/** Whether an account may be used: only `active` ones are served. */
export type AccountStatus = "active" | "suspended" | "deleted" | "missing";

export type ClosedState = Exclude<AccountStatus, "active">;

/** The closed state an error from the user's actor reports, or null for any other error. */
export function closedState(error: unknown): ClosedState | null {
  if (!(error instanceof Error) || !error.message.startsWith(PREFIX)) return null;
  const state = error.message.slice(PREFIX.length);
  return state === "deleted" || state === "suspended" || state === "missing" ? state : null;
}

/** The API error for a closed account: 401 deleted or gone, 403 suspended. */
export function closedAccountError(state: ClosedState): ApiError {
  if (state === "suspended")
    return new ApiError("account_suspended", "This account is suspended. Contact support.");
  if (state === "deleted")
    return new ApiError("account_deleted", "This account was deleted.", undefined, {
      "WWW-Authenticate": 'Bearer realm="api", error="invalid_token"',
    });
  return new ApiError("account_not_found", "This account no longer exists.", undefined, {
    "WWW-Authenticate": 'Bearer realm="api", error="invalid_token"',
  });
}
