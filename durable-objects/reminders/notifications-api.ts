import type { Cursor } from "../../kernel/pages";
import { ConcernApi } from "../front-door";

/** `actor.notifications(userId)`: the user's inbox. */
export class NotificationsApi extends ConcernApi {
  /** A page of the inbox, and the latest reminders that were decided not to be sent. */
  list(options: { limit: number; unreadOnly: boolean; after?: Cursor }) {
    return {
      ...this.modules.inbox.list(options),
      skipped: this.modules.reminders.outcomes.skipped(),
    };
  }

  /** The notification, read (its first read time kept); null when there is none. */
  markRead(id: string) {
    return this.modules.inbox.markRead(id);
  }

  markAllRead() {
    return { updated: this.modules.inbox.markAllRead() };
  }
}
