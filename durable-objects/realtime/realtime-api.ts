import { ConcernApi } from "../front-door";

/** `actor.realtime(userId)`: what the edge checks before it opens the user's socket. */
export class RealtimeApi extends ConcernApi {
  /** A realtime ticket opens one socket: true the first time it is presented. */
  claimTicket(ticketId: string, expiresAt: number) {
    return this.modules.usedTickets.claim(ticketId, expiresAt);
  }
}
