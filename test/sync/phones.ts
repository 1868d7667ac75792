import fc from "fast-check";
import {
  createSyncClient,
  type QueuedOp,
  type SyncClient,
  type SyncOpInput,
  type SyncOpResult,
  type SyncStorage,
  type SyncTransport,
} from "../../clients/typescript/sync";
import type { Fault } from "./fake-sync-server";

// The players of the convergence property (docs/sync.md): two phones with their storage,
// their replica of what they pulled and the ops they queue, and the steps of a play (a phone
// acts, syncs or restarts; the network fails; the coach and the server write). Played against
// the reference server (test/sync/convergence.test.ts) and the Worker in workerd
// (test/worker/sync-convergence.test.ts).

export const T0 = Date.parse("2026-11-23T18:00:00Z");

export type Action =
  | { kind: "start" }
  | { kind: "log"; pick: number; reps: number }
  | { kind: "correct"; pick: number; reps: number; based: boolean }
  | { kind: "delete"; pick: number }
  | { kind: "finish"; pick: number; based: boolean }
  | { kind: "weight"; kg: number }
  | { kind: "meal"; calories: number }
  | { kind: "profile"; sleep: number; based: boolean };

export type Step<F = Fault> =
  | { kind: "act"; device: 0 | 1; action: Action }
  | { kind: "sync"; device: 0 | 1 }
  | { kind: "restart"; device: 0 | 1 }
  | { kind: "fault"; fault: F }
  | { kind: "coach"; pick: number; reps: number }
  | { kind: "adaptation"; sleep: number };

const device = fc.constantFrom<0 | 1>(0, 1);
const pick = fc.nat(20);
const action: fc.Arbitrary<Action> = fc.oneof(
  fc.constant({ kind: "start" as const }),
  fc.record({ kind: fc.constant("log" as const), pick, reps: fc.integer({ min: 1, max: 20 }) }),
  fc.record({
    kind: fc.constant("correct" as const),
    pick,
    reps: fc.integer({ min: 1, max: 20 }),
    based: fc.boolean(),
  }),
  fc.record({ kind: fc.constant("delete" as const), pick }),
  fc.record({ kind: fc.constant("finish" as const), pick, based: fc.boolean() }),
  fc.record({ kind: fc.constant("weight" as const), kg: fc.integer({ min: 50, max: 120 }) }),
  fc.record({ kind: fc.constant("meal" as const), calories: fc.integer({ min: 100, max: 1500 }) }),
  fc.record({
    kind: fc.constant("profile" as const),
    sleep: fc.integer({ min: 4, max: 10 }),
    based: fc.boolean(),
  }),
);
export const fault: fc.Arbitrary<Fault> = fc.oneof(
  fc.constant({ kind: "no_answer" as const }),
  fc.constant({ kind: "answer_lost" as const }),
  fc.constant({ kind: "pull_unavailable" as const }),
  fc.record({ kind: fc.constant("fail_at_op" as const), index: fc.nat(3) }),
);
/** A step of the play, with the faults the server under test can stage. */
export const stepWith = <F>(fault: fc.Arbitrary<F>): fc.Arbitrary<Step<F>> =>
  fc.oneof(
    { weight: 6, arbitrary: fc.record({ kind: fc.constant("act" as const), device, action }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant("sync" as const), device }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant("restart" as const), device }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant("fault" as const), fault }) },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant("coach" as const),
        pick,
        reps: fc.integer({ min: 1, max: 20 }),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant("adaptation" as const),
        sleep: fc.integer({ min: 4, max: 10 }),
      }),
    },
  );

export type Ref = Record<string, string>;
export type Replica = Map<string, { version: number; data: Record<string, unknown> }>;

/** One phone: its storage (survives restarts), what it pulled, what it queued and heard. */
export class Phone {
  readonly items = new Map<string, string>();
  readonly storage: SyncStorage = {
    getItem: (key) => this.items.get(key) ?? null,
    setItem: (key, value) => {
      this.items.set(key, value);
    },
  };
  readonly replica: Replica = new Map();
  readonly answers: Array<{ op: QueuedOp; result: SyncOpResult }> = [];
  readonly enqueued: QueuedOp[] = [];
  /** Sessions and sets it created, by client id, before it learnt their server ids. */
  readonly ownSessions: Ref[] = [];
  readonly ownSets: Array<{ session: Ref; set: Ref }> = [];
  sync!: SyncClient;
  #ids = 0;

  constructor(
    readonly name: string,
    readonly transport: SyncTransport,
    readonly sizes: { batch: number; page: number },
  ) {
    this.restart();
  }

  restart(): void {
    this.sync?.stop();
    this.sync = createSyncClient({
      transport: this.transport,
      storage: this.storage,
      deviceId: this.name,
      batchSize: this.sizes.batch,
      pageSize: this.sizes.page,
      newId: () => `${this.name}-op-${++this.#ids}-${this.items.size}`,
      now: () => new Date(T0),
      onChanges: (changes) => {
        for (const change of changes) {
          const key = `${change.entity}:${change.id}`;
          if (change.op === "delete") this.replica.delete(key);
          else
            this.replica.set(key, {
              version: change.version,
              data: change.data as Record<string, unknown>,
            });
        }
      },
      onResults: (answered) => {
        this.answers.push(...answered);
      },
      onReset: () => this.replica.clear(),
    });
  }

  #pulled(entity: string) {
    return [...this.replica].filter(([key]) => key.startsWith(`${entity}:`));
  }

  /** The ops an action makes, naming what this phone knows of (pulled, or its own). */
  opFor(action: Action): SyncOpInput | null {
    const n = () => `${this.name}-${++this.#ids}`;
    const sessions: Ref[] = [
      ...this.ownSessions,
      ...this.#pulled("session").map(([, entry]) => ({ session_id: String(entry.data.id) })),
    ];
    const sets = [
      ...this.ownSets,
      ...this.#pulled("set").map(([, entry]) => ({
        session: { session_id: String(entry.data.session_id) },
        set: { set_id: String(entry.data.id) },
        version: entry.version,
      })),
    ];
    const chosen = <T>(list: T[], index: number) => list[index % Math.max(1, list.length)];
    switch (action.kind) {
      case "start": {
        const session = { session_client_id: n() };
        this.ownSessions.push(session);
        return { type: "session.start", data: { client_id: session.session_client_id } };
      }
      case "log": {
        const session = chosen(sessions, action.pick);
        if (!session) return null;
        const set = { set_client_id: n() };
        this.ownSets.push({ session, set });
        return {
          type: "set.log",
          data: {
            ...session,
            client_id: set.set_client_id,
            exercise_id: "barbell-back-squat",
            reps: action.reps,
          },
        };
      }
      case "correct":
      case "delete": {
        const target = chosen(sets, action.pick);
        if (!target) return null;
        const version = "version" in target ? target.version : undefined;
        const based = action.kind === "correct" && action.based && version !== undefined;
        return {
          type: action.kind === "correct" ? "set.correct" : "set.delete",
          ...(based ? { base_version: version } : {}),
          data: {
            ...target.session,
            ...target.set,
            ...(action.kind === "correct" ? { reps: action.reps } : {}),
          },
        };
      }
      case "finish": {
        const session = chosen(sessions, action.pick);
        if (!session) return null;
        const version = session.session_id
          ? this.replica.get(`session:${session.session_id}`)?.version
          : undefined;
        return {
          type: "session.update",
          ...(action.based && version !== undefined ? { base_version: version } : {}),
          data: { ...session, status: "completed" },
        };
      }
      case "weight":
        return { type: "body_weight.log", data: { weight_kg: action.kg } };
      case "meal":
        return { type: "meal.log", data: { meal: "snack", calories: action.calories } };
      case "profile": {
        const version = this.replica.get("profile:me")?.version;
        return {
          type: "profile.patch",
          ...(action.based && version !== undefined ? { base_version: version } : {}),
          data: { sleep_hours: action.sleep },
        };
      }
    }
  }
}
