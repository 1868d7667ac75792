import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  createSyncClient,
  type QueuedOp,
  type SyncClient,
  type SyncOpInput,
  type SyncOpResult,
  type SyncStorage,
} from "../../clients/typescript/sync";
import { FakeSyncServer, type Fault } from "./fake-sync-server";
import { fetchTransport } from "./fetch-transport";

// The convergence property of the protocol: two devices write offline and online, the coach
// and the adaptation write on the server, the network fails in every way it can, devices are
// restarted, each pushes and pulls whenever it likes; once the network holds and each has
// synced, every device holds exactly the server's records, every write was answered once, and
// no write was applied twice or lost. Here against the reference server; the Worker is held to
// the same property in workerd.

const T0 = Date.parse("2026-11-23T18:00:00Z");

type Action =
  | { kind: "start" }
  | { kind: "log"; pick: number; reps: number }
  | { kind: "correct"; pick: number; reps: number; based: boolean }
  | { kind: "delete"; pick: number }
  | { kind: "finish"; pick: number; based: boolean }
  | { kind: "weight"; kg: number }
  | { kind: "meal"; calories: number }
  | { kind: "profile"; sleep: number; based: boolean };

type Step =
  | { kind: "act"; device: 0 | 1; action: Action }
  | { kind: "sync"; device: 0 | 1 }
  | { kind: "restart"; device: 0 | 1 }
  | { kind: "fault"; fault: Fault }
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
const fault: fc.Arbitrary<Fault> = fc.oneof(
  fc.constant({ kind: "no_answer" as const }),
  fc.constant({ kind: "answer_lost" as const }),
  fc.constant({ kind: "pull_unavailable" as const }),
  fc.record({ kind: fc.constant("fail_at_op" as const), index: fc.nat(3) }),
);
const step: fc.Arbitrary<Step> = fc.oneof(
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

type Ref = Record<string, string>;
type Replica = Map<string, { version: number; data: Record<string, unknown> }>;

/** One phone: its storage (survives restarts), what it pulled, what it queued and heard. */
class Phone {
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
    readonly server: FakeSyncServer,
    readonly sizes: { batch: number; page: number },
  ) {
    this.restart();
  }

  restart(): void {
    this.sync?.stop();
    this.sync = createSyncClient({
      transport: fetchTransport(this.server.fetch),
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

async function play(steps: Step[], sizes: Array<{ batch: number; page: number }>) {
  const server = new FakeSyncServer({ now: () => T0 });
  const phones = [
    new Phone("a", server, sizes[0] ?? { batch: 2, page: 3 }),
    new Phone("b", server, sizes[1] ?? { batch: 2, page: 3 }),
  ];
  for (const s of steps) {
    if (s.kind === "act") {
      const phone = phones[s.device] as Phone;
      const input = phone.opFor(s.action);
      if (input) phone.enqueued.push(await phone.sync.enqueue(input));
    } else if (s.kind === "sync") await phones[s.device]?.sync.sync();
    else if (s.kind === "restart") phones[s.device]?.restart();
    else if (s.kind === "fault") server.faults.push(s.fault);
    else if (s.kind === "coach") {
      // The coach corrects a set it sees on the server (a voice "that was 6, not 8").
      const sets = [...server.live()].filter(([key]) => key.startsWith("set:"));
      const target = sets[s.pick % Math.max(1, sets.length)];
      if (target)
        server.serverWrite({
          type: "set.correct",
          session: { id: String(target[1].data.session_id) },
          set: { id: String(target[1].data.id) },
          patch: { reps: s.reps },
        });
    } else server.serverWrite({ type: "profile.patch", patch: { sleep_hours: s.sleep } });
  }
  // The network holds from here: each phone syncs until it went through, then once more so
  // each has pulled what the other pushed last.
  server.faults.length = 0;
  for (const phone of [...phones, ...phones])
    for (let i = 0; i < 3 && !(await phone.sync.sync()).ok; i++);
  return { server, phones };
}

describe("two devices, the coach and the adaptation, in any order", () => {
  it("converge to the server's records, with every write answered once and none lost or doubled", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(step, { minLength: 1, maxLength: 60 }),
        fc.array(
          fc.record({
            batch: fc.integer({ min: 1, max: 4 }),
            page: fc.integer({ min: 1, max: 5 }),
          }),
          {
            minLength: 2,
            maxLength: 2,
          },
        ),
        async (steps, sizes) => {
          const { server, phones } = await play(steps, sizes);
          const live = server.live();
          for (const phone of phones) {
            expect(await phone.sync.pending()).toEqual([]);
            expect(phone.replica).toEqual(live);
            // Every op answered once, with a final status.
            const answered = phone.answers.map(({ op }) => op.op_id);
            expect(answered.sort()).toEqual(phone.enqueued.map((op) => op.op_id).sort());
            for (const { result } of phone.answers) expect(result.status).toBeLessThan(500);
          }
          for (const times of server.applications.values()) expect(times).toBe(1);
          // No set lost: each logged one is on the server unless a delete of it was answered.
          const answers = phones.flatMap((phone) => phone.answers);
          const deleted = new Set(
            answers.filter(({ result }) => result.status === 204).map(({ result }) => result.id),
          );
          for (const { op, result } of answers)
            if (op.type === "set.log" && result.status < 300) {
              expect(result.id).toBeDefined();
              expect(live.has(`set:${result.id}`) || deleted.has(result.id)).toBe(true);
            }
          // None doubled: each kind of record was created once per create op answered.
          const creates = {
            "session.start": "session",
            "set.log": "set",
            "body_weight.log": "body_weight",
            "meal.log": "meal",
          } as const;
          for (const [type, entity] of Object.entries(creates)) {
            const ids = answers
              .filter(({ op, result }) => op.type === type && result.status < 300)
              .map(({ result }) => result.id);
            expect(server.created(entity), type).toBe(new Set(ids).size);
          }
          // And one set per client id.
          const clientIds = [...live]
            .filter(([key]) => key.startsWith("set:"))
            .map(([, e]) => e.data.client_id);
          expect(new Set(clientIds).size).toBe(clientIds.length);
        },
      ),
      { numRuns: 150 },
    );
  });
});
