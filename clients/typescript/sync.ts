// Offline-first sync for an app (docs/sync.md): writes made without a network go into a queue
// kept by the app's own storage, and each sync pushes the queue (POST /v1/sync, in batches)
// and then pulls what changed since the app's cursor (GET /v1/sync/changes), whoever wrote it:
// another device, the coach by chat or voice, the daily adaptation, a program job.
//
//   const sync = createSyncClient({
//     transport: coachSyncTransport(api),
//     storage: window.localStorage,          // or AsyncStorage: getItem/setItem
//     deviceId,
//     onChanges: (changes) => db.apply(changes),
//   });
//   sync.start();                            // syncs now, after each enqueue, and retries
//   await sync.enqueue({ type: "set.log", data: { session_id, client_id, exercise_id, reps } });
//   realtime.on("sync.changed", () => sync.requestSync());
//
// An op keeps its op_id across retries, so a push whose answer was lost is answered again
// with its first result, never applied twice. The queue is written to storage before enqueue
// resolves and after every answer, so an app killed mid-sync sends what is left next time.

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

/** An op as the app gives it: the REST body of the write plus what its path names. */
export interface SyncOpInput {
  type: SyncOpType;
  data: Record<string, unknown>;
  /** The version the change is based on: a stale one gets 409 version_conflict. */
  base_version?: number;
  /** Given by the helper when absent (a random UUID). */
  op_id?: string;
  /** When it happened on the device; now when absent. */
  occurred_at?: string;
}

export interface QueuedOp {
  op_id: string;
  type: SyncOpType;
  occurred_at: string;
  base_version?: number;
  data: Record<string, unknown>;
}

export interface SyncError {
  code: string;
  message: string;
  details?: unknown;
}

/** The answer to one op: the HTTP status its REST route would have given. */
export interface SyncOpResult {
  op_id: string;
  status: number;
  id?: string;
  version?: number;
  error?: SyncError;
  /** With 409 version_conflict: the entity as it is now. */
  current?: unknown;
}

export interface SyncChange {
  seq: number;
  entity: string;
  id: string;
  op: "upsert" | "delete";
  version: number;
  /** The entity as its own GET returns it; absent for a delete. */
  data?: unknown;
}

export interface SyncPushBody {
  device_id: string;
  ops: QueuedOp[];
}

export interface SyncPushAnswer {
  results: SyncOpResult[];
  /** The log's position after these ops (a pull from your own cursor reaches it). */
  cursor: string;
}

export interface SyncChangesAnswer {
  changes: SyncChange[];
  next_cursor: string;
  has_more: boolean;
}

/** What a call of the transport answered: the status, the body, a Retry-After. */
export interface TransportAnswer<T> {
  status: number;
  data?: T;
  error?: { error?: SyncError };
  retryAfterSeconds?: number;
}

/** The two routes; a network failure throws. coachSyncTransport(api) is the usual one. */
export interface SyncTransport {
  push(body: SyncPushBody): Promise<TransportAnswer<SyncPushAnswer>>;
  pull(query: { since?: string; limit: number }): Promise<TransportAnswer<SyncChangesAnswer>>;
}

/** The shape of Web Storage and of React Native's AsyncStorage: either will do. */
export interface SyncStorage {
  getItem(key: string): string | null | Promise<string | null>;
  setItem(key: string, value: string): void | Promise<void>;
}

export interface SyncClientOptions {
  transport: SyncTransport;
  storage: SyncStorage;
  /** This installation's id, sent with every push (for the server's logs). */
  deviceId: string;
  /** Applies pulled changes to the app's data, in seq order; the cursor moves after it. */
  onChanges(changes: SyncChange[]): void | Promise<void>;
  /** Final answers to pushed ops (every status below 500): conflicts, 404s, 422s. */
  onResults?(results: Array<{ op: QueuedOp; result: SyncOpResult }>): void | Promise<void>;
  /** The cursor expired (410): drop what was pulled before; a pull from the start follows. */
  onReset?(): void | Promise<void>;
  storageKey?: string;
  /** Ops per push (at most the server's SYNC_MAX_OPS, 500). Default 100. */
  batchSize?: number;
  /** Changes per pull page (at most 500). Default 200. */
  pageSize?: number;
  /** Backoff after failures: base * 2^(n-1), at most max, with jitter. */
  backoff?: { baseMs?: number; maxMs?: number };
  random?: () => number;
  now?: () => Date;
  newId?: () => string;
  timers?: { set(run: () => void, ms: number): unknown; clear(handle: unknown): void };
}

export type SyncOutcome =
  | { ok: true; pushed: number; pulled: number }
  | { ok: false; retryable: boolean; error: SyncError; retryAfterSeconds?: number };

export interface SyncStatus {
  pending: number;
  syncing: boolean;
  /** Failed attempts in a row (0 after a sync that went through). */
  failures: number;
  lastError: SyncError | null;
  /** When the automatic loop tries again after a failure (ms since the epoch), or null. */
  nextAttemptAt: number | null;
}

interface StoredState {
  queue: QueuedOp[];
  cursor: string | null;
}

/** Why a sync stopped; retryable ones are tried again after a backoff. */
class SyncStop extends Error {
  constructor(
    readonly retryable: boolean,
    readonly error: SyncError,
    readonly retryAfterSeconds?: number,
  ) {
    super(error.message);
  }
}

const RETRYABLE_STATUS = new Set([408, 429]);

/** A call of the transport; a network failure becomes a retryable stop. */
async function reach<T>(call: () => Promise<TransportAnswer<T>>): Promise<TransportAnswer<T>> {
  try {
    return await call();
  } catch (error) {
    throw new SyncStop(true, {
      code: "network_error",
      message: `The API could not be reached (${error instanceof Error ? error.message : String(error)}).`,
    });
  }
}

function stopFor(answer: TransportAnswer<unknown>, what: string): SyncStop {
  const error = answer.error?.error ?? {
    code: "unexpected_response",
    message: `${what} answered ${answer.status}.`,
  };
  const retryable = answer.status >= 500 || RETRYABLE_STATUS.has(answer.status);
  return new SyncStop(retryable, error, answer.retryAfterSeconds);
}

export type SyncClient = ReturnType<typeof createSyncClient>;

export function createSyncClient(options: SyncClientOptions) {
  const key = options.storageKey ?? "fitness-coach.sync";
  const batchSize = Math.min(options.batchSize ?? 100, 500);
  const pageSize = Math.min(options.pageSize ?? 200, 500);
  const baseMs = options.backoff?.baseMs ?? 1_000;
  const maxMs = options.backoff?.maxMs ?? 5 * 60_000;
  const random = options.random ?? Math.random;
  const now = options.now ?? (() => new Date());
  const newId = options.newId ?? (() => crypto.randomUUID());
  const timers = options.timers ?? {
    set: (run: () => void, ms: number) => setTimeout(run, ms),
    clear: (handle: unknown) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  };

  // The state lives here once loaded; storage gets a copy after every change, in order.
  let state: StoredState | null = null;
  let loading: Promise<StoredState> | null = null;
  let saving: Promise<void> = Promise.resolve();
  let running: Promise<SyncOutcome> | null = null;
  let again = false;
  let started = false;
  let timer: unknown = null;
  const status: SyncStatus = {
    pending: 0,
    syncing: false,
    failures: 0,
    lastError: null,
    nextAttemptAt: null,
  };
  const listeners = new Set<(status: SyncStatus) => void>();

  const notify = () => {
    const snapshot = { ...status };
    for (const listener of listeners) listener(snapshot);
  };

  async function load(): Promise<StoredState> {
    if (state) return state;
    loading ??= (async () => {
      const text = await options.storage.getItem(key);
      const stored = text ? (JSON.parse(text) as StoredState) : { queue: [], cursor: null };
      state = { queue: stored.queue ?? [], cursor: stored.cursor ?? null };
      status.pending = state.queue.length;
      return state;
    })();
    return loading;
  }

  function save(): Promise<void> {
    const text = JSON.stringify(state);
    status.pending = state?.queue.length ?? 0;
    saving = saving.then(() => options.storage.setItem(key, text));
    return saving;
  }

  async function push(current: StoredState): Promise<number> {
    let pushed = 0;
    while (current.queue.length > 0) {
      const batch = current.queue.slice(0, batchSize);
      const answer = await reach(() =>
        options.transport.push({ device_id: options.deviceId, ops: batch }),
      );
      if (answer.status !== 200 || !answer.data) throw stopFor(answer, "The push");
      const sent = new Map(batch.map((op) => [op.op_id, op]));
      const final = answer.data.results.filter((result) => result.status < 500);
      const done = new Set(final.map((result) => result.op_id));
      current.queue = current.queue.filter((op) => !(sent.has(op.op_id) && done.has(op.op_id)));
      await save();
      pushed += done.size;
      const answered = final.flatMap((result) => {
        const op = sent.get(result.op_id);
        return op ? [{ op, result }] : [];
      });
      if (answered.length > 0) await options.onResults?.(answered);
      // The server stopped at an op it could not apply now (5xx): the rest waits for a retry.
      const stoppedAt = answer.data.results.find((result) => result.status >= 500);
      if (stoppedAt || done.size < batch.length)
        throw new SyncStop(
          true,
          stoppedAt?.error ?? {
            code: "incomplete_push",
            message: "The server did not answer every op of the batch.",
          },
        );
    }
    return pushed;
  }

  async function pull(current: StoredState): Promise<number> {
    let pulled = 0;
    for (;;) {
      const answer = await reach(() =>
        options.transport.pull({
          ...(current.cursor ? { since: current.cursor } : {}),
          limit: pageSize,
        }),
      );
      if (answer.status === 410 && current.cursor !== null) {
        await options.onReset?.();
        current.cursor = null;
        await save();
        continue;
      }
      if (answer.status !== 200 || !answer.data) throw stopFor(answer, "The pull");
      if (answer.data.changes.length > 0) await options.onChanges(answer.data.changes);
      pulled += answer.data.changes.length;
      current.cursor = answer.data.next_cursor;
      await save();
      if (!answer.data.has_more) return pulled;
    }
  }

  async function runOnce(): Promise<SyncOutcome> {
    const current = await load();
    status.syncing = true;
    notify();
    try {
      const pushed = await push(current);
      const pulled = await pull(current);
      status.failures = 0;
      status.lastError = null;
      return { ok: true, pushed, pulled };
    } catch (thrown) {
      const stop =
        thrown instanceof SyncStop
          ? thrown
          : // The app's onChanges, onResults or storage failed: the cursor did not move.
            new SyncStop(true, {
              code: "apply_failed",
              message: thrown instanceof Error ? thrown.message : String(thrown),
            });
      status.failures += 1;
      status.lastError = stop.error;
      return {
        ok: false,
        retryable: stop.retryable,
        error: stop.error,
        ...(stop.retryAfterSeconds !== undefined
          ? { retryAfterSeconds: stop.retryAfterSeconds }
          : {}),
      };
    } finally {
      status.syncing = false;
      notify();
    }
  }

  /** How long to wait after `failures` failures in a row (half fixed, half random). */
  function backoffMs(failures: number, retryAfterSeconds?: number): number {
    const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, failures - 1));
    const wait = ceiling / 2 + (random() * ceiling) / 2;
    return Math.max(wait, (retryAfterSeconds ?? 0) * 1000);
  }

  function schedule(ms: number) {
    if (timer !== null) timers.clear(timer);
    status.nextAttemptAt = ms > 0 ? now().getTime() + ms : null;
    timer = timers.set(() => {
      timer = null;
      status.nextAttemptAt = null;
      void sync();
    }, ms);
  }

  /** Pushes the queue, then pulls; one sync at a time (a call during one runs once more after it). */
  function sync(): Promise<SyncOutcome> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      let outcome: SyncOutcome;
      do {
        again = false;
        outcome = await runOnce();
      } while (again && outcome.ok);
      return outcome;
    })().finally(() => {
      running = null;
    });
    void running.then((outcome) => {
      if (!started) return;
      if (outcome.ok) {
        if (again) schedule(0);
      } else if (outcome.retryable) schedule(backoffMs(status.failures, outcome.retryAfterSeconds));
      notify();
    });
    return running;
  }

  return {
    /** Queues a write; stored before this resolves. Starts a sync when the loop runs. */
    async enqueue(input: SyncOpInput): Promise<QueuedOp> {
      const current = await load();
      const op: QueuedOp = {
        op_id: input.op_id ?? newId(),
        type: input.type,
        occurred_at: input.occurred_at ?? now().toISOString(),
        ...(input.base_version !== undefined ? { base_version: input.base_version } : {}),
        data: input.data,
      };
      current.queue.push(op);
      await save();
      notify();
      // A failure's backoff is kept: a down server is not asked again at every tap.
      if (started && status.nextAttemptAt === null) requestSync();
      return op;
    },
    sync,
    /** A sync soon (a realtime `sync.changed`, the network is back, the app came to front). */
    requestSync,
    /** Syncs now, after every enqueue and requestSync, and again after failures with backoff. */
    start() {
      started = true;
      requestSync();
    },
    stop() {
      started = false;
      if (timer !== null) timers.clear(timer);
      timer = null;
      status.nextAttemptAt = null;
    },
    /** The ops not yet answered, oldest first. */
    async pending(): Promise<QueuedOp[]> {
      return [...(await load()).queue];
    },
    async cursor(): Promise<string | null> {
      return (await load()).cursor;
    },
    status: (): SyncStatus => ({ ...status }),
    subscribe(listener: (status: SyncStatus) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };

  function requestSync() {
    if (running) {
      again = true;
      return;
    }
    schedule(0);
  }
}
