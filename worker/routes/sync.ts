import { decodeSyncCursor } from "../../engine/sync/cursor";
import { userActor } from "../actor";
import { unwrap, validationFailed } from "../errors";
import { requireUser } from "../middleware/auth";
import { parseSyncOp } from "../sync/push-ops";
import { bearerSecurity, jsonBody, jsonResponse } from "./common.schemas";
import { defineRoute } from "./define-route";
import { AT } from "./examples";
import { routeGroup } from "./route-group";
import { SyncChangesQuery, SyncChangesSchema, SyncPushBody, SyncPushSchema } from "./sync.schemas";

// /v1/sync: offline first (docs/sync.md). A push applies a queue of writes in one call; a pull
// answers what changed in the user's records since a cursor, whoever wrote them.

const secured = {
  tags: ["sync"] as ["sync"],
  security: bearerSecurity,
  middleware: [requireUser()],
};

const CURSOR = "sc1.N2YzYzFhMmI0ZDVlNmY3YS44MTIuMTc2NDYxMjAwMDAwMA";
const SET_ID = "set_9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d";

const routes = {
  push: defineRoute({
    method: "post",
    path: "/",
    operationId: "syncPush",
    summary: "Send a queue of writes made offline, applied in order",
    description:
      "At most SYNC_MAX_OPS (500) ops. Each op is one of the REST writes: `type` names it, " +
      "`data` is that route's body plus what its path names (`session_id` or " +
      "`session_client_id`, `set_id` or `set_client_id`), `occurred_at` is when it happened on " +
      "the device (local dates come from it). Each op is answered as its route would answer it " +
      "(`status`), and one bad op does not stop the others; a replayed `op_id` answers its first " +
      "result. A 5xx result stops the batch at that op: send the rest again later. Conflicts: a " +
      "stale `base_version` is 409 `version_conflict` with the record now; a change of a deleted " +
      "record is its 404.",
    ...secured,
    request: {
      body: jsonBody(SyncPushBody, {
        device_id: "iphone-6f1c",
        ops: [
          {
            op_id: "9b2e4c1a",
            type: "set.log",
            occurred_at: AT,
            data: {
              session_client_id: "ses-local-1",
              client_id: "set-local-1",
              exercise_id: "barbell-back-squat",
              reps: 8,
              weight_lb: 225,
            },
          },
        ],
      }),
    },
    responses: {
      200: jsonResponse(SyncPushSchema, "One result per op attempted.", {
        results: [{ op_id: "9b2e4c1a", status: 201, id: SET_ID, version: 1 }],
        cursor: CURSOR,
      }),
    },
  }),
  changes: defineRoute({
    method: "get",
    path: "/changes",
    operationId: "syncChanges",
    summary: "What changed in the user's records since a cursor",
    description:
      "Changes in order, each record once at its latest state: `data` is the record as its own " +
      "GET answers it (absent for a delete). Without `since`, every record (a new device's first " +
      "sync). Page with `next_cursor` while `has_more`. A cursor older than SYNC_TOMBSTONE_DAYS " +
      "(90), or from another log, is 410 `cursor_expired`: pull again from the beginning.",
    ...secured,
    request: { query: SyncChangesQuery },
    errors: { 410: ["cursor_expired"] },
    responses: {
      200: jsonResponse(SyncChangesSchema, "A page of changes.", {
        changes: [
          {
            seq: 812,
            entity: "set",
            id: SET_ID,
            op: "upsert",
            version: 2,
            data: { id: SET_ID, reps: 7, weight_kg: 100 },
          },
        ],
        next_cursor: CURSOR,
        has_more: false,
      }),
    },
  }),
};

export const syncRoutes = routeGroup()
  .openapi(routes.push, async (c) => {
    const { device_id: deviceId, ops } = c.req.valid("json");
    const max = c.get("config").SYNC_MAX_OPS;
    if (ops.length > max)
      throw validationFailed([
        { field: "ops", code: "too_big", message: `must hold at most ${max} ops` },
      ]);
    const now = Date.now();
    const parsed = ops.map((op) => parseSyncOp(op, now));
    const answer = await userActor(c).sync.push(parsed);
    c.get("log").info("sync_pushed", {
      device_id: deviceId,
      ops: ops.length,
      attempted: answer.results.length,
      refused: answer.results.filter((result) => result.status >= 400).length,
    });
    return c.json(answer, 200);
  })
  .openapi(routes.changes, async (c) => {
    const { since, limit } = c.req.valid("query");
    const cursor = since === undefined ? null : decodeSyncCursor(since);
    if (cursor === null && since !== undefined)
      throw validationFailed([
        { field: "since", code: "invalid", message: "is not a cursor of this API" },
      ]);
    return c.json(unwrap(await userActor(c).sync.pull(cursor, limit)), 200);
  });
