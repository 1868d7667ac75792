import type { OpResult } from "../../durable-objects/sync/push";
import type { EntityRef, SyncCommand } from "../../engine/sync/commands";
import { judgeWrite } from "../../engine/sync/conflicts";
import { checkCursor, decodeSyncCursor, encodeSyncCursor } from "../../engine/sync/cursor";
import {
  type LoggedChange,
  SINGLETON_ID,
  type SyncEntity,
  tombstoneCutoff,
} from "../../engine/sync/entities";
import { parseSyncOp } from "../../worker/sync/push-ops";

// A reference server of the sync protocol, in memory, for the typed client's tests in Node
// and the convergence property: the same op parsing, conflict rules and cursors as the Worker
// (engine/sync), over a handful of entities kept as plain objects. It answers HTTP like the
// Worker (POST /v1/sync, GET /v1/sync/changes) and can fail the way a network and a server do:
// no answer, an answer lost after the write, a 5xx at one op of a batch. The Worker itself is
// held to the same property in workerd (test/worker/sync-*.test.ts).

type Data = Record<string, unknown>;
interface Stored {
  entity: SyncEntity;
  id: string;
  version: number;
  data: Data | null;
}

// The reference answers in the Worker's own result shape.
export type { OpResult };

export type Fault =
  | { kind: "no_answer" }
  | { kind: "answer_lost" }
  | { kind: "fail_at_op"; index: number }
  | { kind: "pull_unavailable" };

const key = (entity: SyncEntity, id: string) => `${entity}:${id}`;
const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
const problem = (status: number, code: string, message: string, details?: unknown) =>
  json({ error: { code, message, ...(details ? { details } : {}), request_id: "fake" } }, status);

export class FakeSyncServer {
  readonly epoch = "fake0epoch";
  readonly #entities = new Map<string, Stored>();
  readonly #log = new Map<string, LoggedChange>();
  readonly #ops = new Map<string, { fingerprint: string; result: OpResult }>();
  readonly #byClientId = new Map<string, string>();
  #head = 0;
  #prunedThrough = 0;
  #ids = 0;
  /** How many times each op's write was applied (a replay must not add one). */
  readonly applications = new Map<string, number>();
  /** Faults to play, one per request, in order. */
  readonly faults: Fault[] = [];
  readonly maxOps = 500;

  constructor(
    private readonly clock: { now: () => number } = { now: () => Date.now() },
    private readonly tombstoneDays = 90,
  ) {
    this.#write("profile", SINGLETON_ID, {
      sleep_hours: 7,
      meals_per_day: 3,
      training_history: "",
    });
    this.#write("reminders", SINGLETON_ID, { workout: true, meals: true, hydration: false });
  }

  /** The Worker's fetch, for the sync routes. */
  readonly fetch = async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    const fault = this.faults.shift();
    if (fault?.kind === "no_answer") throw new TypeError("fetch failed");
    if (request.method === "POST" && url.pathname === "/v1/sync") {
      const answer = this.#push(await request.json(), fault);
      if (fault?.kind === "answer_lost") throw new TypeError("fetch failed");
      return answer;
    }
    if (request.method === "GET" && url.pathname === "/v1/sync/changes") {
      if (fault?.kind === "pull_unavailable")
        return problem(503, "misconfigured", "The service is temporarily unavailable.");
      return this.#pull(
        url.searchParams.get("since"),
        Number(url.searchParams.get("limit") ?? 100),
      );
    }
    return problem(404, "not_found", "No such route.");
  };

  /** A write by the server itself (a coach tool, the daily adaptation): same rules, no op. */
  serverWrite(command: SyncCommand): OpResult {
    return this.#run(`server-${++this.#ids}`, command);
  }

  /** Every live entity by "entity:id": what each device must end up with. */
  live(): Map<string, { version: number; data: Data }> {
    const out = new Map<string, { version: number; data: Data }>();
    for (const [k, stored] of this.#entities)
      if (stored.data) out.set(k, { version: stored.version, data: stored.data });
    return out;
  }

  /** How many records of an entity were ever created (deleted ones too). */
  created(entity: SyncEntity): number {
    return [...this.#byClientId.keys()].filter((k) => k.startsWith(`${entity}:`)).length;
  }

  /** Drops tombstones older than the days they are kept (the actor's alarm does this). */
  pruneTombstones(): void {
    const cutoff = tombstoneCutoff(this.clock.now(), this.tombstoneDays);
    for (const [k, row] of this.#log)
      if (row.op === "delete" && row.at < cutoff) {
        this.#log.delete(k);
        this.#prunedThrough = Math.max(this.#prunedThrough, row.seq);
      }
  }

  #push(body: { device_id?: unknown; ops?: unknown }, fault: Fault | undefined): Response {
    if (typeof body.device_id !== "string" || !Array.isArray(body.ops))
      return problem(422, "validation_failed", "Invalid device_id, ops.");
    if (body.ops.length > this.maxOps)
      return problem(422, "validation_failed", "Invalid ops.", [
        { field: "ops", code: "too_big", message: `must have at most ${this.maxOps} items` },
      ]);
    const results: OpResult[] = [];
    for (const [index, raw] of (body.ops as Array<{ op_id: string }>).entries()) {
      if (fault?.kind === "fail_at_op" && fault.index === index) {
        results.push({
          op_id: raw.op_id,
          status: 503,
          error: { code: "misconfigured", message: "The service is temporarily unavailable." },
        });
        break;
      }
      results.push(this.#answer(raw));
    }
    return json({ results, cursor: this.#cursor(this.#head) });
  }

  /** One op: its first result when replayed, else parsed, run and remembered. */
  #answer(raw: { op_id: string } & Record<string, unknown>): OpResult {
    const parsed = parseSyncOp(raw, this.clock.now());
    const seen = this.#ops.get(parsed.opId);
    if (seen)
      return seen.fingerprint === parsed.fingerprint
        ? seen.result
        : {
            op_id: parsed.opId,
            status: 409,
            error: { code: "op_id_reused", message: "This op_id was already used for another op." },
          };
    const result: OpResult = parsed.ok
      ? this.#run(parsed.opId, parsed.command)
      : { op_id: parsed.opId, status: 422, error: parsed.error };
    this.#ops.set(parsed.opId, { fingerprint: parsed.fingerprint, result });
    return result;
  }

  #pull(since: string | null, limit: number): Response {
    const cursor = since === null ? null : decodeSyncCursor(since);
    if (since !== null && !cursor)
      return problem(422, "validation_failed", "Invalid since.", [
        { field: "since", code: "invalid", message: "is not a cursor of this log" },
      ]);
    const check = checkCursor(
      cursor,
      { epoch: this.epoch, head: this.#head, prunedThrough: this.#prunedThrough },
      this.clock.now(),
      this.tombstoneDays,
    );
    if (!check.ok)
      return problem(410, "cursor_expired", "Read everything again.", { reason: check.reason });
    const rows = [...this.#log.values()]
      .filter((row) => row.seq > check.since)
      .sort((a, b) => a.seq - b.seq)
      .slice(0, limit + 1);
    const page = rows.slice(0, limit);
    const hasMore = rows.length > limit;
    const changes = page.map((row) => {
      const data = this.#entities.get(key(row.entity, row.id))?.data;
      return {
        seq: row.seq,
        entity: row.entity,
        id: row.id,
        op: row.op,
        version: row.version,
        ...(row.op === "upsert" && data ? { data } : {}),
      };
    });
    const next = hasMore ? (page.at(-1)?.seq ?? check.since) : this.#head;
    return json({ changes, next_cursor: this.#cursor(next), has_more: hasMore });
  }

  #cursor(seq: number): string {
    return encodeSyncCursor({ epoch: this.epoch, seq, issuedAt: this.clock.now() });
  }

  /** Writes an entity and appends its change: the one place both happen, as in the actor. */
  #write(entity: SyncEntity, id: string, data: Data | null): Stored {
    const k = key(entity, id);
    const stored: Stored = {
      entity,
      id,
      version: (this.#entities.get(k)?.version ?? 0) + 1,
      data,
    };
    this.#entities.set(k, stored);
    // The entity's earlier change is superseded: one row per entity, at its newest seq.
    this.#log.delete(k);
    this.#log.set(k, {
      seq: ++this.#head,
      entity,
      id,
      op: data ? "upsert" : "delete",
      version: stored.version,
      at: new Date(this.clock.now()).toISOString(),
    });
    return stored;
  }

  #find(entity: SyncEntity, ref: EntityRef): Stored | null {
    const id = "id" in ref ? ref.id : this.#byClientId.get(key(entity, ref.clientId));
    const stored = id ? this.#entities.get(key(entity, id)) : undefined;
    return stored?.data ? stored : null;
  }

  /** Creates an entity once per client_id: a second create answers the first (200). */
  #create(
    opId: string,
    entity: SyncEntity,
    clientId: string,
    data: (id: string) => Data,
  ): OpResult {
    const existing = this.#byClientId.get(key(entity, clientId));
    if (existing) {
      const stored = this.#entities.get(key(entity, existing)) as Stored;
      return { op_id: opId, status: 200, id: existing, version: stored.version };
    }
    const id = `${entity}_${++this.#ids}`;
    this.#byClientId.set(key(entity, clientId), id);
    const stored = this.#write(entity, id, { id, client_id: clientId, ...data(id) });
    this.applications.set(opId, (this.applications.get(opId) ?? 0) + 1);
    return { op_id: opId, status: 201, id, version: stored.version };
  }

  /** Changes or deletes an existing entity under the conflict rules. */
  #change(
    opId: string,
    found: Stored | null,
    notFound: string,
    baseVersion: number | undefined,
    next: ((data: Data) => Data) | null,
  ): OpResult {
    const verdict = judgeWrite(next ? "change" : "delete", baseVersion, found);
    if (!verdict.apply)
      return verdict.reason === "not_found"
        ? { op_id: opId, status: 404, error: { code: notFound, message: "No such record." } }
        : {
            op_id: opId,
            status: 409,
            version: verdict.currentVersion,
            current: found?.data,
            error: { code: "version_conflict", message: "It changed since that version." },
          };
    const target = found as Stored;
    const stored = this.#write(target.entity, target.id, next ? next(target.data as Data) : null);
    this.applications.set(opId, (this.applications.get(opId) ?? 0) + 1);
    return next
      ? { op_id: opId, status: 200, id: target.id, version: stored.version }
      : { op_id: opId, status: 204, id: target.id };
  }

  #run(opId: string, command: SyncCommand): OpResult {
    switch (command.type) {
      case "session.start":
        return this.#create(opId, "session", command.input.clientId, () => ({
          status: "in_progress",
          started_at: command.input.startedAt,
          local_date: command.input.startedAt.slice(0, 10),
          notes: command.input.notes,
        }));
      case "session.update": {
        const { finish, notes, perceivedEffort } = command.patch;
        return this.#change(
          opId,
          this.#find("session", command.session),
          "session_not_found",
          command.baseVersion,
          (data) => ({
            ...data,
            ...(finish && data.status !== "completed"
              ? { status: "completed", finished_at: finish.at }
              : {}),
            ...(notes !== undefined ? { notes } : {}),
            ...(perceivedEffort !== undefined ? { perceived_effort: perceivedEffort } : {}),
          }),
        );
      }
      case "set.log": {
        const session = this.#find("session", command.session);
        if (!session)
          return {
            op_id: opId,
            status: 404,
            error: { code: "session_not_found", message: "No such workout session." },
          };
        const { input } = command;
        return this.#create(opId, "set", input.clientId, () => ({
          session_id: session.id,
          exercise_id: input.exerciseId,
          reps: input.reps,
          weight_kg: input.weightKg,
          rir: input.rir,
          created_at: input.loggedAt,
        }));
      }
      case "set.correct":
      case "set.delete": {
        const session = this.#find("session", command.session);
        const set = this.#find("set", command.set);
        const inSession = set && session && set.data?.session_id === session.id ? set : null;
        if (command.type === "set.delete")
          return this.#change(opId, inSession, "set_not_found", undefined, null);
        const { reps, weightKg, rir } = command.patch;
        return this.#change(opId, inSession, "set_not_found", command.baseVersion, (data) => ({
          ...data,
          ...(reps !== undefined ? { reps } : {}),
          ...(weightKg !== undefined ? { weight_kg: weightKg } : {}),
          ...(rir !== undefined ? { rir } : {}),
        }));
      }
      case "body_weight.log":
        return this.#create(opId, "body_weight", command.input.clientId, () => ({
          weight_kg: command.input.weightKg,
          measured_at: command.input.measuredAt,
        }));
      case "meal.log":
        return this.#create(opId, "meal", command.input.clientId, () => ({
          meal: command.input.meal,
          logged_at: command.input.loggedAt,
          calories: command.input.totals.calories ?? 0,
        }));
      case "profile.patch":
        return this.#change(
          opId,
          this.#find("profile", { id: SINGLETON_ID }),
          "profile_not_found",
          command.baseVersion,
          (data) => ({ ...data, ...command.patch }),
        );
      case "reminders.put":
        return this.#change(
          opId,
          this.#find("reminders", { id: SINGLETON_ID }),
          "profile_not_found",
          command.baseVersion,
          () => ({ ...command.prefs }),
        );
    }
  }
}
