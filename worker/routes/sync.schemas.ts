import { z } from "@hono/zod-openapi";
import { SYNC_OP_TYPES } from "../../engine/sync/commands";
import { SYNC_ENTITIES } from "../../engine/sync/entities";
import { opIdSchema } from "../sync/push-ops";

// The two sync routes' wire shapes (docs/sync.md). A push's ops are checked one at a time
// (worker/sync/push-ops.ts), so the batch schema holds only what every op must have to be
// answered at all: an op_id. The rest of an op is documented here and checked per op.

export const SyncChangesQuery = z
  .object({
    since: z.string().max(200).optional().openapi({
      description:
        "The `next_cursor` of the previous pull (or a push's `cursor`); omit to start from the beginning.",
    }),
    limit: z.coerce
      .number()
      .int()
      .min(1)
      .max(500)
      .default(100)
      .openapi({ description: "Changes per page (1-500)." }),
  })
  .strict();

export const SyncChangeSchema = z
  .object({
    seq: z.number().int().openapi({ description: "The change's place in the user's log." }),
    entity: z.enum(SYNC_ENTITIES),
    id: z
      .string()
      .openapi({ description: "The record's id (`me` for the user's one profile, reminders)." }),
    op: z.enum(["upsert", "delete"]),
    version: z
      .number()
      .int()
      .openapi({ description: "The record's version after the change: a push's `base_version`." }),
    data: z
      .record(z.string(), z.unknown())
      .optional()
      .openapi({ description: "The record as its own GET answers it; absent for a delete." }),
  })
  .openapi("SyncChange");

export const SyncChangesSchema = z
  .object({
    changes: z.array(SyncChangeSchema),
    next_cursor: z.string().openapi({
      description:
        "Pass as `since` for the next page; at the end of the log, keep it for the next sync.",
    }),
    has_more: z.boolean(),
  })
  .openapi("SyncChanges");

const SyncOpSchema = z
  .object({
    op_id: opIdSchema.openapi({
      description: "The client's id of the op: a replay answers the op's first result.",
    }),
    type: z.enum(SYNC_OP_TYPES).optional().openapi({ description: "Required; checked per op." }),
    occurred_at: z
      .string()
      .optional()
      .openapi({ description: "Required: when it happened on the device (ISO 8601 with offset)." }),
    base_version: z
      .number()
      .int()
      .optional()
      .openapi({ description: "For a change: the version it was based on (stale: 409)." }),
    data: z.record(z.string(), z.unknown()).optional().openapi({
      description: "Required: the REST route's body plus the references its path names.",
    }),
  })
  // Checked per op, so one bad op is that op's 422 and the others still apply.
  .passthrough()
  .openapi("SyncOp");

export const SyncPushBody = z
  .object({
    device_id: z.string().trim().min(1).max(100).openapi({ description: "The pushing device." }),
    ops: z.array(SyncOpSchema).openapi({
      description: "At most SYNC_MAX_OPS (500), applied in order.",
    }),
  })
  .strict();

const OpErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  details: z.unknown().optional(),
});

export const SyncOpResultSchema = z
  .object({
    op_id: z.string(),
    status: z
      .number()
      .int()
      .openapi({ description: "What the op's REST route would have answered." }),
    id: z.string().optional().openapi({ description: "The record the op wrote." }),
    version: z
      .number()
      .int()
      .optional()
      .openapi({ description: "The record's version after the op (or now, with a 409)." }),
    error: OpErrorSchema.optional(),
    current: z
      .unknown()
      .optional()
      .openapi({ description: "With 409 version_conflict: the record as it is now." }),
  })
  .openapi("SyncOpResult");

export const SyncPushSchema = z
  .object({
    results: z.array(SyncOpResultSchema).openapi({
      description:
        "One per op attempted, in order. After a 5xx result the batch stopped: the ops after it have none.",
    }),
    cursor: z.string().openapi({ description: "Where the user's log stood after the batch." }),
  })
  .openapi("SyncPush");
