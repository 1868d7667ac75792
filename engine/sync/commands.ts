import type { Weekday } from "../../kernel/dates";
import type { FieldError } from "../../kernel/field-errors";
import type { ReminderPrefs } from "../reminders/plan";

// The push ops as the actor runs them: the edge checks each op of a push against the body its
// REST route takes (worker/sync/push-ops.ts) and hands the actor these commands, the inputs of
// the same rules the REST routes reach. docs/sync.md has the protocol.

export const SYNC_OP_TYPES = [
  "session.start",
  "session.update",
  "set.log",
  "set.correct",
  "set.delete",
  "body_weight.log",
  "meal.log",
  "profile.patch",
  "reminders.put",
] as const;
export type SyncOpType = (typeof SYNC_OP_TYPES)[number];

/** A record named by its server id or, when it was created offline, by its client_id. */
export type EntityRef = { id: string } | { clientId: string };

/** A day of the active program: "today" or a week and weekday (as POST /v1/workouts/sessions). */
export type PlannedDayRef = "today" | { week: number; weekday: Weekday };

/** A food of a meal log (as POST /v1/meals/logs takes it). */
export interface LoggedFood {
  name: string;
  grams?: number;
  calories: number;
  protein_g: number;
  fat_g: number;
  carbs_g: number;
}

type SetPatch = {
  reps?: number;
  weightKg?: number;
  rir?: number | null;
  restSeconds?: number | null;
};

/** What the actor runs for each op: the inputs of the same service calls the REST routes make. */
export type SyncCommand =
  | {
      type: "session.start";
      input: {
        clientId: string;
        plannedDay: PlannedDayRef | null;
        startedAt: string;
        notes: string | null;
      };
    }
  | {
      type: "session.update";
      session: EntityRef;
      baseVersion?: number;
      patch: { finish?: { at: string }; notes?: string | null; perceivedEffort?: number };
    }
  | {
      type: "set.log";
      session: EntityRef;
      input: {
        clientId: string;
        exerciseId: string;
        reps: number;
        weightKg: number;
        rir: number | null;
        restSeconds: number | null;
        loggedAt: string;
      };
    }
  | {
      type: "set.correct";
      session: EntityRef;
      set: EntityRef;
      baseVersion?: number;
      patch: SetPatch;
    }
  | { type: "set.delete"; session: EntityRef; set: EntityRef }
  | {
      type: "body_weight.log";
      input: {
        clientId: string;
        weightKg: number;
        measuredAt: string;
        measurements: Record<string, number> | null;
      };
    }
  | {
      type: "meal.log";
      input: {
        clientId: string;
        meal: string;
        loggedAt: string;
        foods: LoggedFood[] | null;
        totals: { calories?: number; protein_g?: number; fat_g?: number; carbs_g?: number };
      };
    }
  | { type: "profile.patch"; baseVersion?: number; patch: Record<string, unknown> }
  | { type: "reminders.put"; baseVersion?: number; prefs: ReminderPrefs };

export interface InvalidOp {
  code: "validation_failed";
  message: string;
  details: FieldError[];
}

/** One op, checked: its id, a fingerprint of what it asks, and its command or its 422. */
export type ParsedOp = { opId: string; fingerprint: string } & (
  | { ok: true; command: SyncCommand }
  | { ok: false; error: InvalidOp }
);
