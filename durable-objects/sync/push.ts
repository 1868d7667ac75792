import { eq } from "drizzle-orm";
import type { EntityRef, ParsedOp, SyncCommand } from "../../engine/sync/commands";
import { judgeWrite } from "../../engine/sync/conflicts";
import type { SyncEntity } from "../../engine/sync/entities";
import { type ErrorCode, statusOf } from "../../kernel/error-codes";
import { errorFields } from "../../kernel/logger";
import type { Result } from "../../kernel/result";
import { toProfileRecord } from "../onboarding/profile-json";
import { sessionJson, setJson } from "../tracking/json";
import { findSession } from "../tracking/queries";
import {
  correctSet,
  logBodyWeight,
  logMeal,
  logSet,
  removeSet,
  startSession,
  updateWorkoutSession,
} from "../tracking/rules";
import { workoutSessions, workoutSets } from "../tracking/tables";
import type { UserModules } from "../user-modules";
import { headCursor } from "./pull";

// A push (POST /v1/sync): the ops the edge checked (worker/sync/push-ops.ts), applied in order
// through the same rules as their REST routes, each answered as its route would have answered
// it. A replayed op_id answers its stored first result. One op's 4xx does not stop the batch;
// a failure of our own (a throw: storage or D1) stops it at that op. Conflicts follow
// engine/sync/conflicts.ts (docs/sync.md, "Conflicts").

export interface OpResult {
  op_id: string;
  status: number;
  id?: string;
  version?: number;
  error?: { code: string; message: string; details?: unknown };
  /** With a 409 version_conflict: the record as it is now. */
  current?: unknown;
}

/** What an applied op answers: its status, and the record it wrote. */
type Applied = { status: number; entity: SyncEntity; id: string };

/** A domain error the op ran into, with what a conflict shows of the record. */
type Refused = { code: ErrorCode; message: string; details?: unknown; current?: unknown };

const refuse = (code: ErrorCode, message: string, extra: Omit<Refused, "code" | "message"> = {}) =>
  ({ ok: false, refused: { code, message, ...extra } }) as const;

type Outcome = { ok: true; applied: Applied } | { ok: false; refused: Refused };

const fromResult = <T>(result: Result<T>, applied: (value: T) => Applied): Outcome =>
  result.ok
    ? { ok: true, applied: applied(result.value) }
    : { ok: false, refused: { ...result.error } };

export async function pushOps(
  modules: UserModules,
  ops: ParsedOp[],
): Promise<{ results: OpResult[]; cursor: string }> {
  const results: OpResult[] = [];
  for (const op of ops) {
    const stored = modules.changes.opResult(op.opId);
    if (stored) {
      results.push(
        stored.fingerprint === op.fingerprint
          ? (JSON.parse(stored.result) as OpResult)
          : {
              op_id: op.opId,
              status: statusOf("op_id_reused"),
              error: {
                code: "op_id_reused",
                message: "This op_id was already used for a different op.",
              },
            },
      );
      continue;
    }
    let result: OpResult;
    try {
      result = op.ok
        ? await answer(modules, op.opId, op.command)
        : { op_id: op.opId, status: statusOf("validation_failed"), error: op.error };
    } catch (error) {
      // Ours, not the op's: stop here, so what follows is sent again, in order.
      modules.log.error("sync_op_failed", { op_id: op.opId, ...errorFields(error) });
      results.push({
        op_id: op.opId,
        status: statusOf("internal_error"),
        error: { code: "internal_error", message: "The op could not be applied; send it again." },
      });
      break;
    }
    modules.changes.storeOpResult(op.opId, op.fingerprint, result);
    results.push(result);
  }
  return { results, cursor: headCursor(modules) };
}

async function answer(modules: UserModules, opId: string, command: SyncCommand): Promise<OpResult> {
  const outcome = await apply(modules, command);
  if (!outcome.ok) {
    const { code, message, details, current } = outcome.refused;
    return {
      op_id: opId,
      status: statusOf(code),
      ...(current !== undefined ? { current } : {}),
      ...(code === "version_conflict" && typeof details === "object" && details !== null
        ? { version: (details as { current_version: number }).current_version }
        : {}),
      error: details === undefined ? { code, message } : { code, message, details },
    };
  }
  const { status, entity, id } = outcome.applied;
  const version = modules.changes.current(entity, id)?.version;
  return { op_id: opId, status, id, ...(version !== undefined ? { version } : {}) };
}

/** A session by its server id or the client_id it was created with. */
function sessionId(modules: UserModules, ref: EntityRef): string | null {
  if ("id" in ref) return ref.id;
  const row = modules.tracking.db
    .select({ id: workoutSessions.id })
    .from(workoutSessions)
    .where(eq(workoutSessions.clientId, ref.clientId))
    .get();
  return row?.id ?? null;
}

function setId(modules: UserModules, ref: EntityRef): string | null {
  if ("id" in ref) return ref.id;
  const row = modules.tracking.db
    .select({ id: workoutSets.id })
    .from(workoutSets)
    .where(eq(workoutSets.clientId, ref.clientId))
    .get();
  return row?.id ?? null;
}

const SESSION_GONE = refuse("session_not_found", "No such workout session.");
const SET_GONE = refuse("set_not_found", "No such set in this session.");
const conflict = (currentVersion: number, current: unknown) =>
  refuse("version_conflict", "The record changed since the version this op was based on.", {
    details: { current_version: currentVersion },
    current,
  });

/** The version a record is at: its log row's, or 1 for a record written before the log. */
const versionOf = (modules: UserModules, entity: SyncEntity, id: string) =>
  modules.changes.current(entity, id) ?? { version: 1 };

async function apply(modules: UserModules, command: SyncCommand): Promise<Outcome> {
  const context = modules.tracking.context();
  switch (command.type) {
    case "session.start":
      return fromResult(await startSession(context, command.input), (value) => ({
        status: value.created ? 201 : 200,
        entity: "session",
        id: value.session.id,
      }));
    case "session.update": {
      const id = sessionId(modules, command.session);
      const row = id ? findSession(context.db, id) : null;
      if (!row) return SESSION_GONE;
      const verdict = judgeWrite(
        "change",
        command.baseVersion,
        versionOf(modules, "session", row.id),
      );
      if (!verdict.apply)
        return verdict.reason === "not_found"
          ? SESSION_GONE
          : conflict(verdict.currentVersion, sessionJson(row));
      return fromResult(await updateWorkoutSession(context, row.id, command.patch), (value) => ({
        status: 200,
        entity: "session",
        id: value.id,
      }));
    }
    case "set.log": {
      const id = sessionId(modules, command.session);
      if (!id) return SESSION_GONE;
      return fromResult(await logSet(context, id, command.input), (value) => ({
        status: value.created ? 201 : 200,
        entity: "set",
        id: value.set.id,
      }));
    }
    case "set.correct": {
      const session = sessionId(modules, command.session);
      const id = setId(modules, command.set);
      const row = session && id ? setRow(modules, session, id) : null;
      // Deletion wins: a correction of a deleted set is its 404, whatever its base_version.
      if (!session || !id || !row) return SET_GONE;
      const verdict = judgeWrite("change", command.baseVersion, versionOf(modules, "set", id));
      if (!verdict.apply) {
        const units = (await modules.profile.localNow()).units;
        return verdict.reason === "not_found"
          ? SET_GONE
          : conflict(verdict.currentVersion, setJson(row, units));
      }
      return fromResult(await correctSet(context, session, id, command.patch), (value) => ({
        status: 200,
        entity: "set",
        id: value.id,
      }));
    }
    case "set.delete": {
      const session = sessionId(modules, command.session);
      const id = setId(modules, command.set);
      if (!session || !id) return SET_GONE;
      return fromResult(await removeSet(context, session, id), () => ({
        status: 204,
        entity: "set",
        id,
      }));
    }
    case "body_weight.log":
      return fromResult(await logBodyWeight(context, command.input), (value) => ({
        status: value.created ? 201 : 200,
        entity: "body_weight",
        id: value.entry.id,
      }));
    case "meal.log":
      return fromResult(await logMeal(context, command.input), (value) => ({
        status: value.created ? 201 : 200,
        entity: "meal",
        id: value.log.id,
      }));
    case "profile.patch": {
      const patched = await modules.profile.patch(command.patch, command.baseVersion);
      if (!patched.ok && patched.error.code === "precondition_failed") {
        const current = await modules.profile.get();
        const version = current?.version ?? 0;
        return conflict(version, current ? toProfileRecord(current) : null);
      }
      return fromResult(patched, () => ({ status: 200, entity: "profile", id: "me" }));
    }
    case "reminders.put": {
      const current = modules.changes.current("reminders", "me") ?? { version: 0 };
      const verdict = judgeWrite("change", command.baseVersion, current);
      if (!verdict.apply && verdict.reason === "version_conflict") {
        const preferences = await modules.reminders.prefs();
        return conflict(verdict.currentVersion, {
          preferences,
          schedules: modules.reminders.schedules(),
        });
      }
      await modules.reminders.setPrefs(command.prefs);
      return { ok: true, applied: { status: 200, entity: "reminders", id: "me" } };
    }
  }
}

function setRow(modules: UserModules, session: string, id: string) {
  const row = modules.tracking.db.select().from(workoutSets).where(eq(workoutSets.id, id)).get();
  return row && row.sessionId === session ? row : null;
}
