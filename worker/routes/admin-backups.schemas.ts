import { z } from "@hono/zod-openapi";
import { BACKUP_ID_PATTERN, BACKUP_KINDS } from "../../kernel/backup-ids";
import { ReasonBody, UserIdParam } from "./admin.schemas";

// Operators' backups of a user's actor (durable-objects/backups/): what a snapshot is, how
// one is restored. A listing shows sizes and row counts, never the data.

const BACKUP_ID = "20261207T033000412Z-daily";
const AT = "2026-12-07T03:30:00.412Z";
/** How far back the platform's point-in-time recovery reaches. */
export const POINT_IN_TIME_DAYS = 30;

const backupId = z
  .string()
  .regex(BACKUP_ID_PATTERN, "must be a snapshot id from GET /admin/users/{id}/backups")
  .openapi({ example: BACKUP_ID });

export const BackupSchema = z
  .object({
    id: backupId,
    kind: z.enum(BACKUP_KINDS).openapi({
      description:
        "`daily` and `weekly` (Sundays): the actor's alarm at a quiet local hour; `change`: " +
        "soon after the storage grew; `manual`: an operator's; `pre_restore`: the state a " +
        "restore replaced (restore it to undo).",
    }),
    taken_at: z.string(),
    size_bytes: z.number().int().openapi({ description: "Compressed (gzip JSON)." }),
    schema_version: z
      .number()
      .int()
      .openapi({ description: "The actor's storage schema; older ones migrate on restore." }),
    rows: z.record(z.string(), z.number().int()).openapi({ description: "Rows per table." }),
    checksum: z
      .string()
      .openapi({ description: "SHA-256 over the tables' checksums: equal data, equal sum." }),
  })
  .openapi("AdminBackup");

export const BACKUP = {
  id: BACKUP_ID,
  kind: "daily" as const,
  taken_at: AT,
  size_bytes: 48_211,
  schema_version: 9,
  rows: { workout_sessions: 208, workout_sets: 4_160, meal_logs: 1_095, chat_messages: 420 },
  checksum: "9c1b5e0f4f8d2a7c3e6b1d0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1f0e",
};

export const BackupListSchema = z
  .object({ items: z.array(BackupSchema) })
  .openapi("AdminBackupList");

export const BackupIdParams = UserIdParam.extend({
  backup_id: backupId.openapi({ param: { name: "backup_id", in: "path" } }),
});

export const RestoreBody = z
  .object({
    backup_id: backupId
      .optional()
      .openapi({ description: "Restore this snapshot (R2). Give this or `at`." }),
    at: z.iso
      .datetime()
      .optional()
      .openapi({
        description: `Restore the platform's history to this instant (the last ${POINT_IN_TIME_DAYS} days). Give this or \`backup_id\`.`,
        example: AT,
      }),
    reason: ReasonBody.shape.reason,
  })
  .strict()
  .superRefine((body, ctx) => {
    if ((body.backup_id === undefined) === (body.at === undefined))
      ctx.addIssue({
        code: "custom",
        path: ["backup_id"],
        message: "give either backup_id or at, not both",
      });
    if (body.at !== undefined) {
      const at = Date.parse(body.at);
      if (at > Date.now() || at < Date.now() - POINT_IN_TIME_DAYS * 86_400_000)
        ctx.addIssue({
          code: "custom",
          path: ["at"],
          message: `must be within the last ${POINT_IN_TIME_DAYS} days`,
        });
    }
  })
  .openapi("AdminRestore");
export const RESTORE_EXAMPLE = {
  backup_id: BACKUP_ID,
  reason: "Ticket 6120: sets lost after the app's sync bug",
};

export const RestoredSchema = z
  .discriminatedUnion("method", [
    z.object({
      method: z.literal("snapshot"),
      backup_id: z.string(),
      from_schema_version: z.number().int(),
      schema_version: z.number().int(),
      rows: z.record(z.string(), z.number().int()),
      undo_backup_id: z
        .string()
        .openapi({ description: "The snapshot of the state replaced: restore it to undo." }),
    }),
    z.object({
      method: z.literal("point_in_time"),
      at: z.string(),
      bookmark: z.string(),
      undo_bookmark: z
        .string()
        .openapi({ description: "The platform's bookmark of the moment before the restore." }),
      undo_backup_id: z.string(),
    }),
  ])
  .openapi("AdminRestored");

export const RESTORED = {
  method: "snapshot" as const,
  backup_id: BACKUP_ID,
  from_schema_version: 9,
  schema_version: 9,
  rows: BACKUP.rows,
  undo_backup_id: "20261207T101502003Z-pre_restore",
};

export const VerificationSchema = z
  .object({
    equal: z.boolean().openapi({ description: "Every table read back as in the snapshot." }),
    migrated: z
      .boolean()
      .openapi({ description: "The snapshot is from an older schema: rows compared, not sums." }),
    tables: z.array(
      z.object({
        table: z.string(),
        rows: z.number().int(),
        restored_rows: z.number().int(),
        checksum_equal: z.boolean(),
      }),
    ),
    duration_ms: z.number().int(),
  })
  .openapi("AdminBackupVerification");
