import { ConcernApi } from "../front-door";

/** `actor.coach(userId)`: what the coaches see of the user. */
export class CoachApi extends ConcernApi {
  /** The coaching context as JSON text (GET /v1/coach/context sends it unchanged). */
  contextJson() {
    return this.modules.context.json();
  }
}
