import { database } from "../../d1/client";
import { actorFor, verifyInScratchActor } from "../actor";
import { audit } from "../admin/audit";
import { unwrap } from "../errors";
import { requireAdmin } from "../middleware/admin";
import { OptionalReasonBody, UserIdParam } from "./admin.schemas";
import {
  BACKUP,
  BackupIdParams,
  BackupListSchema,
  BackupSchema,
  RESTORE_EXAMPLE,
  RESTORED,
  RestoreBody,
  RestoredSchema,
  VerificationSchema,
} from "./admin-backups.schemas";
import { openAccount } from "./admin-users";
import { bearerSecurity, jsonBody, jsonResponse } from "./common.schemas";
import { defineRoute } from "./define-route";
import { routeGroup } from "./route-group";

// Backups of a user's actor (durable-objects/backups/, docs/disaster-recovery.md): listed,
// taken, verified and restored by an operator, each call audited. A deleted account has none.

const adminOnly = requireAdmin();
const base = { tags: ["admin-backups"] as ["admin-backups"], security: bearerSecurity };
const USER_ERRORS = { 403: ["forbidden"], 404: ["user_not_found"] } as const;

const listRoute = defineRoute({
  ...base,
  middleware: [adminOnly] as const,
  method: "get",
  path: "/{id}/backups",
  operationId: "adminListBackups",
  summary: "A user's snapshots",
  description:
    "Newest first: when, what kind, compressed size, storage schema version and rows per " +
    "table. The data itself never leaves the bucket through this API.",
  request: { params: UserIdParam },
  responses: { 200: jsonResponse(BackupListSchema, "The snapshots.", { items: [BACKUP] }) },
  errors: USER_ERRORS,
});

const takeRoute = defineRoute({
  ...base,
  middleware: [adminOnly] as const,
  method: "post",
  path: "/{id}/backups",
  operationId: "adminTakeBackup",
  summary: "Take a snapshot now",
  description:
    "The user's actor snapshots every table of its storage to R2 (kind `manual`, the " +
    "oldest beyond BACKUP_DAILY_KEEP of that kind deleted).",
  request: {
    params: UserIdParam,
    body: jsonBody(OptionalReasonBody, { reason: "Before the 2026-12 storage migration" }),
  },
  responses: {
    201: jsonResponse(BackupSchema, "The snapshot.", { ...BACKUP, kind: "manual" }),
  },
  errors: USER_ERRORS,
});

const restoreRoute = defineRoute({
  ...base,
  middleware: [adminOnly] as const,
  method: "post",
  path: "/{id}/restore",
  operationId: "adminRestoreUser",
  summary: "Restore a user's actor",
  description:
    "`backup_id`: the actor's storage is replaced by that snapshot in one transaction " +
    "(an older schema is migrated forward; sequence numbers never go back), after a snapshot " +
    "of the current state is taken (`undo_backup_id`). `at`: the platform's point-in-time " +
    "recovery; the actor restarts with its storage as it was then (501 " +
    "`point_in_time_unavailable` where the runtime keeps no history, as locally). D1 is not " +
    "touched: docs/disaster-recovery.md.",
  request: { params: UserIdParam, body: jsonBody(RestoreBody, RESTORE_EXAMPLE) },
  responses: { 200: jsonResponse(RestoredSchema, "Restored.", RESTORED) },
  errors: {
    ...USER_ERRORS,
    404: ["user_not_found", "backup_not_found"],
    409: ["backup_incompatible"],
    501: ["point_in_time_unavailable"],
  },
});

const verifyRoute = defineRoute({
  ...base,
  middleware: [adminOnly] as const,
  method: "post",
  path: "/{id}/backups/{backup_id}/verify",
  operationId: "adminVerifyBackup",
  summary: "Check that a snapshot restores",
  description:
    "Restores the snapshot into a scratch actor, compares rows and checksums per table with " +
    "the snapshot, and erases the scratch. The user's actor is not touched.",
  request: { params: BackupIdParams, body: jsonBody(OptionalReasonBody, {}) },
  responses: {
    200: jsonResponse(VerificationSchema, "The comparison.", {
      equal: true,
      migrated: false,
      tables: [{ table: "workout_sets", rows: 4160, restored_rows: 4160, checksum_equal: true }],
      duration_ms: 412,
    }),
  },
  errors: { ...USER_ERRORS, 404: ["user_not_found", "backup_not_found"] },
});

export const adminBackupRoutes = routeGroup()
  .openapi(listRoute, async (c) => {
    const { id } = c.req.valid("param");
    await openAccount(database(c.env.DB), id);
    const items = await actorFor(c.env, id).backups.list();
    await audit(c, { action: "backups.list", targetUserId: id });
    return c.json({ items }, 200);
  })
  .openapi(takeRoute, async (c) => {
    const { id } = c.req.valid("param");
    const { reason } = c.req.valid("json");
    await openAccount(database(c.env.DB), id);
    const backup = await actorFor(c.env, id).backups.take();
    await audit(c, {
      action: "backups.take",
      targetUserId: id,
      target: backup.id,
      reason: reason ?? null,
    });
    return c.json(backup, 201);
  })
  .openapi(restoreRoute, async (c) => {
    const { id } = c.req.valid("param");
    const { backup_id, at, reason } = c.req.valid("json");
    await openAccount(database(c.env.DB), id);
    const backups = actorFor(c.env, id).backups;
    if (backup_id !== undefined) {
      const restored = unwrap(await backups.restore(backup_id));
      await audit(c, { action: "users.restore", targetUserId: id, target: backup_id, reason });
      return c.json({ method: "snapshot" as const, ...restored }, 200);
    }
    const when = new Date(at as string).toISOString();
    const restored = unwrap(await backups.restoreToTime(Date.parse(when)));
    await audit(c, { action: "users.restore", targetUserId: id, target: `at:${when}`, reason });
    return c.json({ method: "point_in_time" as const, at: when, ...restored }, 200);
  })
  .openapi(verifyRoute, async (c) => {
    const { id, backup_id } = c.req.valid("param");
    const { reason } = c.req.valid("json");
    await openAccount(database(c.env.DB), id);
    const verification = unwrap(await verifyInScratchActor(c.env, id, backup_id));
    await audit(c, {
      action: "backups.verify",
      targetUserId: id,
      target: backup_id,
      reason: reason ?? null,
    });
    return c.json(verification, 200);
  });
