import type { AccountAccess } from "../../kernel/account-state";
import { actorFor } from "../actor";

// Whether an authenticated user's account is open, and since when its sessions are valid, for
// the auth middleware. The user's actor knows (it refuses every call of a closed account
// itself, and holds the session epoch); asking it costs one RPC, so this isolate remembers an
// open or suspended account for a few seconds (a suspension can be lifted, sessions can end)
// and a deleted one until its access tokens have expired (deletion is final).
// The isolate that makes a change learns it at once (remember); another isolate may serve a
// token issued before the change, or a route that does not call the actor, for up to
// OPEN_TTL_MS more. Any route that does call the actor is refused at once there too when the
// account is closed.

/** How long another isolate may still accept a token of a closed account or ended session. */
export const OPEN_TTL_MS = 5_000;
const DELETED_TTL_MS = 30 * 60_000;
const LIMIT = 10_000;

const known = new Map<string, { access: AccountAccess; until: number }>();

export function remember(userId: string, access: AccountAccess): void {
  if (known.size >= LIMIT) known.clear();
  known.set(userId, {
    access,
    until: Date.now() + (access.status === "deleted" ? DELETED_TTL_MS : OPEN_TTL_MS),
  });
}

export async function accountAccessOf(env: Env, userId: string): Promise<AccountAccess> {
  const cached = known.get(userId);
  if (cached && cached.until > Date.now()) return cached.access;
  const access = await actorFor(env, userId).access();
  remember(userId, access);
  return access;
}
