// A closed account (deleted or suspended) is refused by its actor on every call. The actor
// answers such a call with `{account_closed: state}` instead of throwing (workerd reports an
// exception thrown out of an RPC method as uncaught, even when the caller handles it), and the
// actor's client (worker/actor.ts) turns that answer into the error the client gets.

/** Whether an account may be used: only `active` ones are served. */
export type AccountStatus = "active" | "suspended" | "deleted" | "missing";

export type ClosedState = Exclude<AccountStatus, "active">;

/** What the auth middleware needs to know of an account on every request. */
export interface AccountAccess {
  status: AccountStatus;
  /**
   * Epoch ms: access tokens issued before it are refused (a password change or reset, a
   * suspension, "sign out everywhere"). 0 when no session was ever ended.
   */
  sessionEpoch: number;
}

/** The actor's answer to a call for a closed account. */
export interface ClosedAnswer {
  account_closed: ClosedState;
}

export const closedAnswer = (state: ClosedState): ClosedAnswer => ({ account_closed: state });

/** The closed state an answer of the user's actor reports, or null for any other answer. */
export function closedStateOf(answer: unknown): ClosedState | null {
  if (typeof answer !== "object" || answer === null || !("account_closed" in answer)) return null;
  const state = (answer as ClosedAnswer).account_closed;
  return state === "deleted" || state === "suspended" || state === "missing" ? state : null;
}

/** What an unverified account is told when it asks for something that needs a verified address. */
export const emailNotVerified = (email: string | null) =>
  `Verify your email address first: open the link we sent to ${email ?? "your address"} ` +
  "(POST /v1/auth/email/verification sends a new one).";
