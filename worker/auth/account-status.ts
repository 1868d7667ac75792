import type { AccountStatus } from "../account-state";
import { actorFor } from "../actor";

// Whether an authenticated user's account is open, for the auth middleware. The user's actor
// knows (it refuses every call of a closed account itself); asking it costs one RPC, so this
// isolate remembers an open or suspended account for a few seconds (a suspension can be lifted)
// and a deleted one until its access tokens have expired (deletion is final).
// The isolate that closes an account learns it at once (remember); another isolate may serve
// a route that does not call the actor for up to OPEN_TTL_MS more, and any route that does
// call the actor is refused at once there too.

const OPEN_TTL_MS = 5_000;
const DELETED_TTL_MS = 30 * 60_000;
const LIMIT = 10_000;

const known = new Map<string, { status: AccountStatus; until: number }>();

export function remember(userId: string, status: AccountStatus): void {
  if (known.size >= LIMIT) known.clear();
  known.set(userId, {
    status,
    until: Date.now() + (status === "deleted" ? DELETED_TTL_MS : OPEN_TTL_MS),
  });
}

export async function accountStatusOf(env: Env, userId: string): Promise<AccountStatus> {
  const cached = known.get(userId);
  if (cached && cached.until > Date.now()) return cached.status;
  const status = await actorFor(env, userId).accountStatus(userId);
  remember(userId, status);
  return status;
}
