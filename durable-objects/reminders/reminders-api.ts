import type { ReminderPrefs } from "../../engine/reminders/plan";
import { ConcernApi } from "../front-door";

/** `actor.reminders(userId)`: reminder preferences and the schedules they planned. */
export class RemindersApi extends ConcernApi {
  /** The preferences and the pending reminder schedules with their next due times. */
  async get() {
    const preferences = await this.modules.reminders.prefs();
    return { preferences, schedules: this.modules.reminders.schedules() };
  }

  /** Replaces the preferences and re-plans: the answer is what `get` answers after it. */
  async set(prefs: ReminderPrefs) {
    const preferences = await this.modules.reminders.setPrefs(prefs);
    return { preferences, schedules: this.modules.reminders.schedules() };
  }

  /**
   * An operator runs a parked push or reminder again now, with fresh attempts; false when none
   * is parked under the key. Closes its operator issue.
   */
  async retryParked(key: string) {
    const found = await this.modules.scheduler.retryParked(key);
    if (found) await this.modules.resolveIssue("parked_schedule", key);
    return found;
  }

  /** An operator drops a parked schedule for good; false when none is parked. */
  async dropParked(key: string) {
    const found = this.modules.scheduler.dropParked(key);
    if (found) await this.modules.resolveIssue("parked_schedule", key);
    return found;
  }
}
