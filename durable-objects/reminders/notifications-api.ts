import type { Cursor } from "../../kernel/pages";
import { ConcernApi } from "../front-door";

/** `actor.notifications(userId)`: the user's inbox. */
export class NotificationsApi extends ConcernApi {
  list(options: { limit: number; unreadOnly: boolean; after?: Cursor }) {
    return this.modules.inbox.list(options);
  }

  /** The notification, read (its first read time kept); null when there is none. */
  markRead(id: string) {
    return this.modules.inbox.markRead(id);
  }

  markAllRead() {
    return { updated: this.modules.inbox.markAllRead() };
  }
}
