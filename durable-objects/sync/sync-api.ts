import type { ParsedOp } from "../../engine/sync/commands";
import type { SyncCursor } from "../../engine/sync/cursor";
import { ConcernApi } from "../front-door";
import { pullChanges } from "./pull";
import { pushOps } from "./push";

/**
 * `actor.sync(userId)`: offline clients' two calls (docs/sync.md). A pull reads the user's
 * change log after a cursor; a push applies a queue of ops through the REST routes' rules.
 */
export class SyncApi extends ConcernApi {
  pull(cursor: SyncCursor | null, limit: number) {
    return pullChanges(this.modules, cursor, limit);
  }

  push(ops: ParsedOp[]) {
    return pushOps(this.modules, ops);
  }
}
