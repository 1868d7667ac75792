import { DurableObject } from "cloudflare:workers";
import { normaliseEmail } from "../../d1/users";
import { secretKey, toHex } from "../../kernel/encoding";
import { inWindow, QUOTA_WINDOW_MS, type QuotaUses } from "./daily-quotas";

// What a deleted account used of its quotas in the last 24 hours, so that deleting the account
// and signing up again with the same address refills nothing paid (program jobs, voice minutes
// and rooms, chat tokens, exports). One object per address, named by a keyed hash of the
// normalised address (never the address itself), holding only the uses' times and amounts, and
// only until the last of them leaves the window: then its alarm erases it.
//
// Why an object and not a D1 table: its alarm erases it exactly when the window ends (a table
// would need a sweep), and it is read once per account (an actor's first count), never on the
// per-request path.

export class DeletedAccountUsage extends DurableObject<Env> {
  /** Keeps these uses (replacing what was kept: the actor's window already holds it). */
  async keep(uses: QuotaUses): Promise<void> {
    const kept = inWindow(uses, Date.now());
    const last = Math.max(0, ...Object.values(kept).flatMap((list) => list.map(([at]) => at)));
    if (last === 0) return this.alarm();
    await this.ctx.storage.put("uses", kept);
    await this.ctx.storage.setAlarm(last + QUOTA_WINDOW_MS);
  }

  /** The kept uses still in the window. */
  async read(): Promise<QuotaUses> {
    return inWindow((await this.ctx.storage.get<QuotaUses>("uses")) ?? {}, Date.now());
  }

  /** The window has passed: nothing of the address remains (idempotent, as alarms may repeat). */
  override async alarm(): Promise<void> {
    await this.ctx.storage.deleteAlarm();
    await this.ctx.storage.deleteAll();
  }
}

/**
 * The object's name for an address: HMAC-SHA256 under the server's JWT_SECRET (so nobody
 * without it can test an address against the names) over a label and the normalised address.
 * The label holds a ":", which base64url never does, so no access token's signing input can
 * equal it. Rotating JWT_SECRET forgets what was kept, at most a day of usage.
 */
export async function addressKey(secret: string, email: string): Promise<string> {
  const label = new TextEncoder().encode(`deleted-account-usage:${normaliseEmail(email)}`);
  return toHex(await crypto.subtle.sign("HMAC", await secretKey(secret), label));
}
