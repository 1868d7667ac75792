import type { Database } from "../../d1/client";
import { eraseUserData } from "../../d1/erase-user";
import { errorFields, type Logger } from "../../kernel/logger";
import type { Realtime } from "../realtime/realtime";
import type { Devices } from "../reminders/devices";
import type { Scheduler } from "../scheduler/scheduler";
import type { Voice } from "../voice/voice";
import type { Account } from "./account";

export const DELETION_SCHEDULE_KIND = "account_deletion";
const DELETION_KEY = "account:deletion";
/** How long the deletion waits for its own finish before the alarm takes over. */
const RESUME_AFTER_MS = 60_000;
/** WebSocket close code (application range) and reason the apps and the agent host see. */
export const ACCOUNT_DELETED_CLOSE = { code: 4001, reason: "account_deleted" } as const;

interface Deps {
  db: () => Database;
  userId: () => string;
  storage: DurableObjectStorage;
  account: Account;
  realtime: Pick<Realtime, "closeAll">;
  scheduler: Pick<Scheduler, "schedule" | "cancelAllExcept">;
  devices: Pick<Devices, "removeAll">;
  voice: Pick<Voice, "active" | "end">;
  /** Ends a room on LiveKit; a room that is already gone counts as ended. */
  endRoom: (roomName: string) => Promise<void>;
  /** Leaves the quotas' usage of the window under a keyed hash of the address (deleted-account-usage.ts). */
  keepUsage: () => Promise<void>;
  /** After the storage is erased: re-creates the empty schema and re-binds the user. */
  resetStorage: () => void;
  log: () => Logger;
}

/**
 * Deleting an account, in an order that holds even if the actor is evicted or crashes midway:
 *
 * 0. the quotas' usage of the last 24 hours is left under a keyed hash of the address, while the
 *    address is still known, so a new signup with it starts with that usage;
 * 1. closed (D1 and the actor's cache): from here every call is refused, login and refresh fail;
 *    the sockets are closed; nothing scheduled (reminders, pushes, jobs) runs any more and the
 *    push devices are gone; the rest is scheduled on the alarm as a safety net. The API answers.
 * 2. live voice rooms are ended on LiveKit;
 * 3. every D1 row of the user is erased, leaving a tombstone row;
 * 4. the actor's storage is erased (`deleteAll`), alarm included.
 *
 * Every step is idempotent, so the alarm can run the unfinished ones again.
 */
export class AccountDeletion {
  constructor(private readonly deps: Deps) {}

  /** Steps 0 and 1, then the rest at once; if the rest fails, the alarm finishes it. */
  async start(): Promise<{ completed: boolean }> {
    await this.deps.keepUsage();
    await this.deps.account.close();
    return this.#afterClose();
  }

  /**
   * The same for a stale unverified account whose address a new signup asks for; false, and
   * nothing done, when the address was verified meanwhile.
   */
  async release(): Promise<boolean> {
    if (!(await this.deps.account.close({ onlyIfUnverified: true }))) return false;
    await this.#afterClose();
    return true;
  }

  async #afterClose(): Promise<{ completed: boolean }> {
    const log = this.deps.log();
    this.deps.realtime.closeAll(ACCOUNT_DELETED_CLOSE.code, ACCOUNT_DELETED_CLOSE.reason);
    await this.deps.scheduler.cancelAllExcept(DELETION_KEY);
    this.deps.devices.removeAll();
    await this.deps.scheduler.schedule({
      kind: DELETION_SCHEDULE_KIND,
      key: DELETION_KEY,
      runAt: Date.now() + RESUME_AFTER_MS,
    });
    log.info("account_deletion_started");
    try {
      await this.finish();
      return { completed: true };
    } catch (error) {
      log.error("account_deletion_deferred", errorFields(error));
      return { completed: false };
    }
  }

  /** Steps 2-4 (the alarm's handler when step 1 ran but the rest did not finish). */
  async finish(): Promise<void> {
    for (const room of this.deps.voice.active()) {
      await this.deps.endRoom(room.room_name);
      await this.deps.voice.end(room.room_name);
    }
    await eraseUserData(this.deps.db(), this.deps.userId());
    await this.deps.storage.deleteAll();
    await this.deps.storage.deleteAlarm();
    this.deps.resetStorage();
    this.deps.account.rememberDeleted();
    this.deps.log().info("account_deleted");
  }
}
