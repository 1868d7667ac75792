import { describe, expect, it } from "vitest";
import {
  createSyncClient,
  type QueuedOp,
  type SyncChange,
  type SyncClientOptions,
  type SyncOpResult,
  type SyncStorage,
} from "../../clients/typescript/sync";
import { DAY_MS } from "../../engine/sync/entities";
import { FakeSyncServer } from "./fake-sync-server";
import { fetchTransport } from "./fetch-transport";

// The typed client's sync helper against the reference server (fake-sync-server.ts): a phone
// that loses signal keeps its writes, sends each once when the network returns, and learns
// what others changed meanwhile.

const T0 = Date.parse("2026-11-23T18:00:00Z");

/** Web Storage's shape, in memory: what survives an app restart. */
function memoryStorage(): SyncStorage & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => {
      items.set(key, value);
    },
  };
}

/** A device: the helper, what it pulled (entity:id -> version and data) and what it heard. */
function device(
  server: FakeSyncServer,
  storage = memoryStorage(),
  extra: Partial<SyncClientOptions> = {},
) {
  const replica = new Map<string, { version: number; data: unknown }>();
  const results: Array<{ op: QueuedOp; result: SyncOpResult }> = [];
  const pages: SyncChange[][] = [];
  let resets = 0;
  let ids = 0;
  const sync = createSyncClient({
    transport: fetchTransport(server.fetch),
    storage,
    deviceId: "phone-1",
    newId: () => `op-${++ids}-${Math.random().toString(36).slice(2, 8)}`,
    onChanges: (changes) => {
      pages.push(changes);
      for (const change of changes) {
        const k = `${change.entity}:${change.id}`;
        if (change.op === "delete") replica.delete(k);
        else replica.set(k, { version: change.version, data: change.data });
      }
    },
    onResults: (answered) => {
      results.push(...answered);
    },
    onReset: () => {
      resets += 1;
      replica.clear();
    },
    ...extra,
  });
  return { sync, storage, replica, results, pages, resets: () => resets };
}

const startSession = (clientId: string) => ({
  type: "session.start" as const,
  occurred_at: "2026-11-23T17:30:00Z",
  data: { client_id: clientId },
});
const logSet = (session: string, clientId: string, reps = 8) => ({
  type: "set.log" as const,
  occurred_at: "2026-11-23T17:40:00Z",
  data: {
    session_client_id: session,
    client_id: clientId,
    exercise_id: "barbell-back-squat",
    reps,
    weight_kg: 100,
  },
});

describe("the sync helper", () => {
  it("keeps a set logged without a network in the app's storage and sends it once the API answers", async () => {
    const clock = { now: () => T0 };
    const server = new FakeSyncServer(clock);
    const phone = device(server);
    await phone.sync.enqueue(startSession("gym-1"));
    await phone.sync.enqueue(logSet("gym-1", "set-1"));
    server.faults.push({ kind: "no_answer" });
    const offline = await phone.sync.sync();
    expect(offline).toMatchObject({ ok: false, retryable: true, error: { code: "network_error" } });
    expect(phone.sync.status()).toMatchObject({ pending: 2, failures: 1 });

    // The app is killed and opened again with the same storage: the queue is still there.
    const reopened = device(server, phone.storage);
    expect((await reopened.sync.pending()).map((op) => op.type)).toEqual([
      "session.start",
      "set.log",
    ]);
    expect(await reopened.sync.sync()).toEqual({ ok: true, pushed: 2, pulled: 4 });
    expect(await reopened.sync.pending()).toEqual([]);
    const sets = [...server.live().values()].filter((e) => e.data.exercise_id);
    expect(sets).toHaveLength(1);
    expect(sets[0]?.data).toMatchObject({
      client_id: "set-1",
      reps: 8,
      created_at: "2026-11-23T17:40:00.000Z",
    });
    expect(reopened.replica).toEqual(server.live());
  });

  it("sends again a push whose answer was lost, and the server applies it once", async () => {
    const server = new FakeSyncServer({ now: () => T0 });
    const phone = device(server);
    const session = await phone.sync.enqueue(startSession("gym-1"));
    const set = await phone.sync.enqueue(logSet("gym-1", "set-1"));
    server.faults.push({ kind: "answer_lost" });
    expect((await phone.sync.sync()).ok).toBe(false);
    expect(await phone.sync.sync()).toMatchObject({ ok: true, pushed: 2 });
    expect(server.applications.get(session.op_id)).toBe(1);
    expect(server.applications.get(set.op_id)).toBe(1);
    // The answers the app heard: one per op, the replayed first results (201).
    expect(phone.results.map(({ op, result }) => [op.type, result.status])).toEqual([
      ["session.start", 201],
      ["set.log", 201],
    ]);
  });

  it("stops at an op the server cannot apply now, keeps it and what follows, and sends them in order later", async () => {
    const server = new FakeSyncServer({ now: () => T0 });
    const phone = device(server);
    await phone.sync.enqueue(startSession("gym-1"));
    for (let i = 1; i <= 4; i++) await phone.sync.enqueue(logSet("gym-1", `set-${i}`, i));
    server.faults.push({ kind: "fail_at_op", index: 2 });
    const stopped = await phone.sync.sync();
    expect(stopped).toMatchObject({ ok: false, retryable: true });
    expect((await phone.sync.pending()).map((op) => op.data.client_id)).toEqual([
      "set-2",
      "set-3",
      "set-4",
    ]);
    expect(await phone.sync.sync()).toMatchObject({ ok: true, pushed: 3 });
    const reps = [...server.live().values()].flatMap((e) =>
      e.data.exercise_id ? [e.data.reps] : [],
    );
    expect(reps).toEqual([1, 2, 3, 4]);
  });

  it("pushes the queue in batches of at most batchSize ops", async () => {
    const server = new FakeSyncServer({ now: () => T0 });
    const pushes: number[] = [];
    const counting = async (request: Request) => {
      if (request.method === "POST")
        pushes.push(((await request.clone().json()) as { ops: unknown[] }).ops.length);
      return server.fetch(request);
    };
    const phone = device(server, memoryStorage(), {
      transport: fetchTransport(counting),
      batchSize: 50,
    });
    await phone.sync.enqueue(startSession("gym-1"));
    for (let i = 0; i < 120; i++) await phone.sync.enqueue(logSet("gym-1", `set-${i}`));
    expect(await phone.sync.sync()).toMatchObject({ ok: true, pushed: 121 });
    expect(pushes).toEqual([50, 50, 21]);
  });

  it("pulls what others wrote page by page, and moves its cursor only past pages the app applied", async () => {
    const server = new FakeSyncServer({ now: () => T0 });
    const coach = device(server);
    await coach.sync.enqueue(startSession("gym-1"));
    for (let i = 1; i <= 6; i++) await coach.sync.enqueue(logSet("gym-1", `set-${i}`));
    await coach.sync.sync();

    let failOnce = true;
    const phone = device(server, memoryStorage(), { pageSize: 3 });
    const applied: number[] = [];
    const flaky = createSyncClient({
      transport: fetchTransport(server.fetch),
      storage: phone.storage,
      deviceId: "phone-2",
      pageSize: 3,
      onChanges: (changes) => {
        if (applied.length === 3 && failOnce) {
          failOnce = false;
          throw new Error("the app's database is busy");
        }
        applied.push(...changes.map((change) => change.seq));
      },
    });
    expect(await flaky.sync()).toMatchObject({ ok: false, error: { code: "apply_failed" } });
    expect(await flaky.sync()).toMatchObject({ ok: true });
    // 2 singletons, a session and 6 sets: every change once, in order, none skipped.
    expect(applied).toHaveLength(9);
    expect(applied).toEqual([...applied].sort((a, b) => a - b));
    expect(new Set(applied).size).toBe(9);
  });

  it("starts over from the beginning when its cursor expired", async () => {
    let now = T0;
    const server = new FakeSyncServer({ now: () => now });
    const phone = device(server);
    await phone.sync.enqueue(startSession("gym-1"));
    await phone.sync.sync();
    expect(phone.replica.size).toBe(3);
    now += 91 * DAY_MS;
    server.serverWrite({
      type: "profile.patch",
      patch: { sleep_hours: 8 },
    });
    expect(await phone.sync.sync()).toMatchObject({ ok: true });
    expect(phone.resets()).toBe(1);
    expect(phone.replica).toEqual(server.live());
  });

  it("hears a stale correction's conflict with the record as it is now, and does not retry it", async () => {
    const server = new FakeSyncServer({ now: () => T0 });
    const phone = device(server);
    await phone.sync.sync();
    const profile = phone.replica.get("profile:me");
    server.serverWrite({ type: "profile.patch", patch: { sleep_hours: 6 } });
    await phone.sync.enqueue({
      type: "profile.patch",
      base_version: profile?.version,
      data: { sleep_hours: 9 },
    });
    expect(await phone.sync.sync()).toMatchObject({ ok: true, pushed: 1 });
    expect(phone.results[0]?.result).toMatchObject({
      status: 409,
      error: { code: "version_conflict" },
      version: (profile?.version ?? 0) + 1,
      current: { sleep_hours: 6 },
    });
    expect(await phone.sync.pending()).toEqual([]);
    expect(phone.replica.get("profile:me")?.data).toMatchObject({ sleep_hours: 6 });
  });

  it("retries on its own after failures, waiting longer each time and at least Retry-After", async () => {
    const server = new FakeSyncServer({ now: () => T0 });
    const waits: number[] = [];
    const queued = new Map<number, { run: () => void; ms: number }>();
    let handles = 0;
    const phone = device(server, memoryStorage(), {
      random: () => 1,
      backoff: { baseMs: 1_000, maxMs: 8_000 },
      timers: {
        set: (run, ms) => {
          queued.set(++handles, { run, ms });
          return handles;
        },
        clear: (handle) => queued.delete(handle as number),
      },
    });
    const tick = async () => {
      // The timer that fires next (a cleared one never does).
      const [handle, timer] = [...queued][0] ?? [];
      if (handle === undefined || !timer) return;
      queued.delete(handle);
      waits.push(timer.ms);
      timer.run();
      await new Promise((resolve) => setTimeout(resolve, 5));
    };
    server.faults.push(
      { kind: "no_answer" },
      { kind: "no_answer" },
      { kind: "no_answer" },
      { kind: "no_answer" },
      { kind: "no_answer" },
    );
    phone.sync.start();
    await phone.sync.enqueue(startSession("gym-1"));
    for (let i = 0; i < 6; i++) await tick();
    // Now, then 1 s, 2 s, 4 s, 8 s and 8 s (the ceiling); the sixth try went through.
    expect(waits).toEqual([0, 1_000, 2_000, 4_000, 8_000, 8_000]);
    expect(phone.sync.status()).toMatchObject({ pending: 0, failures: 0, lastError: null });

    const busy = async () =>
      new Response(JSON.stringify({ error: { code: "rate_limited", message: "slow down" } }), {
        status: 429,
        headers: { "retry-after": "30" },
      });
    const throttled = device(server, memoryStorage(), {
      transport: fetchTransport(busy),
      random: () => 1,
      timers: { set: (_run, ms) => waits.push(ms), clear: () => {} },
    });
    throttled.sync.start();
    await throttled.sync.sync();
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(waits.at(-1)).toBe(30_000);
    phone.sync.stop();
    throttled.sync.stop();
  });

  it("does not retry a push the server refuses as a whole, and keeps the queue", async () => {
    const server = new FakeSyncServer({ now: () => T0 });
    const refusing = async () =>
      new Response(JSON.stringify({ error: { code: "unauthorized", message: "sign in" } }), {
        status: 401,
      });
    const phone = device(server, memoryStorage(), { transport: fetchTransport(refusing) });
    await phone.sync.enqueue(startSession("gym-1"));
    expect(await phone.sync.sync()).toMatchObject({
      ok: false,
      retryable: false,
      error: { code: "unauthorized" },
    });
    expect(await phone.sync.pending()).toHaveLength(1);
  });
});
