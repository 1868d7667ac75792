import { inArray } from "drizzle-orm";
import { checkCursor, encodeSyncCursor, type SyncCursor } from "../../engine/sync/cursor";
import {
  type LoggedChange,
  type PulledChange,
  type SyncEntity,
  tombstoneCutoff,
} from "../../engine/sync/entities";
import { fail, ok, type Result } from "../../kernel/result";
import type { UnitPreference } from "../../kernel/units";
import { toProfileRecord } from "../onboarding/profile-json";
import { mealJson, sessionJson, setJson, weightJson } from "../tracking/json";
import { bodyWeights, mealLogs, workoutSessions, workoutSets } from "../tracking/tables";
import type { UserModules } from "../user-modules";

// A pull (GET /v1/sync/changes): the changes after the client's cursor, each upsert with the
// record as its own GET answers it, read a page of ids at a time per entity.

export interface PullPage {
  changes: PulledChange<Record<string, unknown>>[];
  next_cursor: string;
  has_more: boolean;
}

/** The JSON of each id of one entity that still exists (a missing id reads as deleted). */
type Reader = (
  ids: string[],
  units: UnitPreference,
) => Promise<Map<string, Record<string, unknown>>>;

const byId = <Row extends { id: string }>(
  rows: Row[],
  json: (row: Row) => Record<string, unknown>,
) => new Map(rows.map((row) => [row.id, json(row)]));

function readers(modules: UserModules): Partial<Record<SyncEntity, Reader>> {
  const db = modules.tracking.db;
  return {
    session: async (ids) =>
      byId(
        db.select().from(workoutSessions).where(inArray(workoutSessions.id, ids)).all(),
        sessionJson,
      ),
    set: async (ids, units) =>
      byId(db.select().from(workoutSets).where(inArray(workoutSets.id, ids)).all(), (row) =>
        setJson(row, units),
      ),
    body_weight: async (ids, units) =>
      byId(db.select().from(bodyWeights).where(inArray(bodyWeights.id, ids)).all(), (row) =>
        weightJson(row, units),
      ),
    meal: async (ids) =>
      byId(db.select().from(mealLogs).where(inArray(mealLogs.id, ids)).all(), mealJson),
    profile: async () => {
      const profile = await modules.profile.get();
      return new Map(profile ? [["me", toProfileRecord(profile)]] : []);
    },
    reminders: async () => {
      const preferences = await modules.reminders.prefs();
      return new Map([["me", { preferences, schedules: modules.reminders.schedules() }]]);
    },
    notification: async (ids) =>
      new Map(
        ids.flatMap((id) => {
          const notification = modules.inbox.get(id);
          return notification
            ? [[id, notification as unknown as Record<string, unknown>] as const]
            : [];
        }),
      ),
    program: async (ids) => {
      const found = await Promise.all(ids.map((id) => modules.programs.find(id)));
      return new Map(
        found.flatMap((program) =>
          program ? [[program.id, program as unknown as Record<string, unknown>] as const] : [],
        ),
      );
    },
  };
}

/** Ids per entity, at most 100 at a time (SQLite's bound parameters stay well under limits). */
function groupIds(changes: LoggedChange[]): Map<SyncEntity, string[]> {
  const groups = new Map<SyncEntity, string[]>();
  for (const change of changes)
    if (change.op === "upsert")
      groups.set(change.entity, [...(groups.get(change.entity) ?? []), change.id]);
  return groups;
}

async function render(
  modules: UserModules,
  changes: LoggedChange[],
): Promise<PulledChange<Record<string, unknown>>[]> {
  const units = (await modules.profile.localNow()).units;
  const read = readers(modules);
  const data = new Map<string, Record<string, unknown>>();
  for (const [entity, ids] of groupIds(changes)) {
    const reader = read[entity];
    if (!reader) continue;
    for (let i = 0; i < ids.length; i += 100)
      for (const [id, json] of await reader(ids.slice(i, i + 100), units))
        data.set(`${entity}:${id}`, json);
  }
  return changes.map(({ seq, entity, id, op, version }) => {
    const json = op === "upsert" ? data.get(`${entity}:${id}`) : undefined;
    // A record gone without its tombstone (none should be) reads as deleted, never as null.
    return json === undefined
      ? { seq, entity, id, op: "delete", version }
      : { seq, entity, id, op, version, data: json };
  });
}

/** One page of changes after `cursor` (null: from the beginning), or 410 cursor_expired. */
export async function pullChanges(
  modules: UserModules,
  cursor: SyncCursor | null,
  limit: number,
): Promise<Result<PullPage>> {
  const now = Date.now();
  const days = modules.config().SYNC_TOMBSTONE_DAYS;
  modules.changes.prune(tombstoneCutoff(now, days));
  const position = modules.changes.position();
  const checked = checkCursor(cursor, position, now, days);
  if (!checked.ok)
    return fail(
      "cursor_expired",
      "This cursor has expired: drop what you synced and pull again without `since`.",
      { reason: checked.reason },
    );
  const rows = modules.changes.after(checked.since, limit + 1);
  const hasMore = rows.length > limit;
  const page = rows.slice(0, limit);
  // At the end of the log the cursor stands at its head: seqs above the last row were
  // superseded by later changes of the same records, which this page already holds.
  const seq = hasMore ? (page.at(-1)?.seq ?? checked.since) : position.head;
  return ok({
    changes: await render(modules, page),
    next_cursor: encodeSyncCursor({ epoch: position.epoch, seq, issuedAt: now }),
    has_more: hasMore,
  });
}

/** Where the log stands now, as a cursor (the push's answer carries it). */
export function headCursor(modules: UserModules): string {
  const position = modules.changes.position();
  return encodeSyncCursor({ epoch: position.epoch, seq: position.head, issuedAt: Date.now() });
}
