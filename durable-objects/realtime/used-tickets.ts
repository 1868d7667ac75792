import { CachedDocument } from "../storage/cached-document";

// Realtime tickets the user's sockets were opened with: each opens one socket. A ticket is
// remembered until it expires (60 s), so the list stays as short as the tickets in flight.

export class UsedTickets {
  readonly #used: CachedDocument<Record<string, number>>;

  constructor(sql: SqlStorage) {
    this.#used = new CachedDocument(sql, "used_realtime_tickets");
  }

  /** True the first time a ticket is presented before it expires, false ever after. */
  claim(ticketId: string, expiresAt: number, now = Date.now()): boolean {
    const used = this.#used.get() ?? {};
    if (ticketId in used) return false;
    const live = Object.fromEntries(Object.entries(used).filter(([, until]) => until > now));
    this.#used.store({ ...live, [ticketId]: expiresAt });
    return true;
  }
}
