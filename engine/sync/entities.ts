// What the change log names: each syncable kind of record (an entity), and one change as a
// pull answers it. The log itself lives in the user's actor (one ordered sequence per user);
// this file is the vocabulary both sides share. docs/sync.md has the protocol.

/**
 * Every entity a client can pull. The name prefixes the push ops that write it
 * (`session.start`, `set.log`, `reminders.put`...); `data` is what the entity's own GET answers.
 */
export const SYNC_ENTITIES = [
  "profile",
  "onboarding",
  "program",
  "session",
  "set",
  "body_weight",
  "meal",
  "reminders",
  "device",
  "notification",
  "conversation",
  "voice_call",
] as const;
export type SyncEntity = (typeof SYNC_ENTITIES)[number];

/** The id of an entity the user has exactly one of (profile, onboarding, reminders). */
export const SINGLETON_ID = "me";

export type ChangeOp = "upsert" | "delete";

/** One row of the change log: which entity changed, how, and its version after the change. */
export interface LoggedChange {
  /** Strictly increasing per user; a later change of the same entity supersedes this row. */
  seq: number;
  entity: SyncEntity;
  id: string;
  op: ChangeOp;
  /** Increases with every change of this entity: what a push's `base_version` names. */
  version: number;
  /** When the change was written (server time, ISO 8601): tombstones expire from it. */
  at: string;
}

/** A change as a pull answers it: the log row with the entity as its own GET returns it. */
export interface PulledChange<Data = unknown> {
  seq: number;
  entity: SyncEntity;
  id: string;
  op: ChangeOp;
  version: number;
  /** Absent for a delete. */
  data?: Data;
}

export const DAY_MS = 86_400_000;

/** The time before which tombstones (and op results) may be dropped: `days` before `now`. */
export const tombstoneCutoff = (now: number, days: number) =>
  new Date(now - days * DAY_MS).toISOString();
