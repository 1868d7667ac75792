// What a snapshot of a user's actor is called, shared by the actor (which names them) and
// the edge (which validates the ids operators send): durable-objects/backups/.

export const BACKUP_KINDS = ["daily", "weekly", "change", "manual", "pre_restore"] as const;
export type BackupKind = (typeof BACKUP_KINDS)[number];

/** `<taken at, UTC, digits only>-<kind>`: ids sort by time. */
export const BACKUP_ID_PATTERN = /^\d{8}T\d{9}Z-(daily|weekly|change|manual|pre_restore)$/;

export const backupIdOf = (takenAt: string, kind: BackupKind) =>
  `${takenAt.replace(/[-:.]/g, "")}-${kind}`;
