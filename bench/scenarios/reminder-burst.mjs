import { sendExpo } from "../../durable-objects/reminders/push/expo.ts";
import { nextBatch, SendBudget, senderBudget } from "../../engine/reminders/send-budget.ts";
import { SPREAD_WINDOW_SECONDS, spreadOffsetSeconds } from "../../engine/reminders/spread.ts";
import { configSchema } from "../../kernel/config.ts";
import { backoffDelay } from "../../kernel/retry.ts";
import { startPushStubs } from "../../test/support/push-stubs.ts";

// The reminder burst (issue 34): 300,000 users whose reminder is at 08:00 local, one push
// device each, against the push stub enforcing Expo's 600 notifications a second. A simulation
// in virtual time: every send is the real Expo client (durable-objects/reminders/push/expo.ts) calling the real
// stub (its validation, tickets and rate window) through the stub's in-process fetch, on a
// clock the simulation moves; the actors' retries are the scheduler's policy (kernel/retry.ts
// backoff, SCHEDULE_RETRY_BASE_MS and SCHEDULE_MAX_ATTEMPTS defaults, Retry-After not read);
// the spread and the senders' pace are engine/reminders/spread.ts and send-budget.ts.
//
// Assumed: an alarm fires 0-1 s after its time; a request to Expo takes 60-140 ms round trip
// (uniform); an actor's RPC to a sender object 5 ms each way; a sender has one request in flight.
// BENCH_BURST_USERS (default 300000) scales the burst.

const USERS = Number(process.env.BENCH_BURST_USERS ?? 300_000);
// The scheduler's retry settings at their defaults (kernel/config.ts).
const CONFIG = {
  SCHEDULE_RETRY_BASE_MS: configSchema.shape.SCHEDULE_RETRY_BASE_MS.parse(undefined),
  SCHEDULE_MAX_ATTEMPTS: configSchema.shape.SCHEDULE_MAX_ATTEMPTS.parse(undefined),
};
const RPC_MS = 5;

/** mulberry32: a seeded generator, so a run is reproducible. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Events in time order (a binary heap; ties in the order scheduled). */
class Timeline {
  #heap = [];
  #seq = 0;
  at(time, run) {
    const heap = this.#heap;
    heap.push({ time, seq: this.#seq++, run });
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.#before(heap[i], heap[parent])) break;
      [heap[i], heap[parent]] = [heap[parent], heap[i]];
      i = parent;
    }
  }
  #before(a, b) {
    return a.time < b.time || (a.time === b.time && a.seq < b.seq);
  }
  next() {
    const heap = this.#heap;
    const top = heap[0];
    const last = heap.pop();
    if (heap.length > 0) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && this.#before(heap[l], heap[m])) m = l;
        if (r < heap.length && this.#before(heap[r], heap[m])) m = r;
        if (m === i) break;
        [heap[i], heap[m]] = [heap[m], heap[i]];
        i = m;
      }
    }
    return top;
  }
  get size() {
    return this.#heap.length;
  }
}

const message = (m) => ({
  to: `ExponentPushToken[push-${m}]`,
  title: "Today: upper body",
  body: "Barbell Bench Press 80 kg × 8 to start. Ready when you are!",
  data: { type: "reminder.workout", deep_link: "app://workout/today" },
});

/**
 * One run. `spreadSeconds`: the window of per-user offsets (0: everyone at 08:00:00).
 * `senders`: 0 for today's path (each actor posts its own push and retries on its alarm),
 * else that many sender objects pacing a share of Expo's rate each. `devices`: pushes per
 * user (push m is user floor(m / devices)'s); today's path posts a user's in one request.
 */
async function simulate({ spreadSeconds, senders, devices = 1 }) {
  const pushes = USERS * devices;
  const rng = random(34);
  const rtt = () => 60 + rng() * 80;
  let clock = 0;
  const stub = await startPushStubs({ now: () => clock, recordSent: false });
  const expo = { url: stub.expoUrl, fetch: stub.fetch };
  const timeline = new Timeline();
  const due = new Float64Array(pushes);
  const delivered = new Float64Array(pushes).fill(Number.NaN);
  let parked = 0;
  let requests = 0;
  let maxQueue = 0;

  /** Posts messages, arriving at Expo half a round trip later; `then` gets the results. */
  const post = (users, then) => {
    timeline.at(clock + rtt() / 2, async () => {
      requests++;
      const arrivedAt = clock;
      const results = await sendExpo(users.map(message), expo);
      timeline.at(clock + rtt() / 2, () => then(results, arrivedAt));
    });
  };

  // Today: each actor's push is a schedule row; a transient failure retries with backoff.
  const attempts = new Uint8Array(USERS);
  const direct = (u) => {
    const mine = Array.from({ length: devices }, (_, d) => u * devices + d).filter((m) =>
      Number.isNaN(delivered[m]),
    );
    post(mine, (results, arrivedAt) => {
      results.forEach((result, i) => {
        if (result.status === "sent") delivered[mine[i]] = arrivedAt;
      });
      if (results.every((result) => result.status === "sent")) return;
      if (++attempts[u] < CONFIG.SCHEDULE_MAX_ATTEMPTS)
        timeline.at(
          clock + backoffDelay(attempts[u], { baseMs: CONFIG.SCHEDULE_RETRY_BASE_MS, random: rng }),
          () => direct(u),
        );
      else parked += results.filter((result) => result.status !== "sent").length;
    });
  };

  // The bounded sender: actors hand their push to one of `senders` objects over RPC.
  const shards = Array.from({ length: senders }, () => ({
    queue: [],
    head: 0,
    busy: false,
    wakeAt: null,
    pausedUntil: 0,
    budget: new SendBudget(senderBudget(senders)),
  }));
  const pump = (shard) => {
    if (shard.busy) return;
    const queued = shard.queue.length - shard.head;
    if (queued === 0) return;
    const at = Math.max(clock, shard.pausedUntil);
    const next = at > clock ? { waitUntil: at } : nextBatch(shard.budget, queued, clock);
    if ("waitUntil" in next) {
      // null: the batch in flight decides, and its answer pumps again.
      if (next.waitUntil === null) return;
      if (shard.wakeAt === null || next.waitUntil < shard.wakeAt) {
        shard.wakeAt = next.waitUntil;
        timeline.at(next.waitUntil, () => {
          shard.wakeAt = null;
          pump(shard);
        });
      }
      return;
    }
    const batch = shard.queue.slice(shard.head, shard.head + next.size);
    shard.head += next.size;
    if (shard.head > 50_000) {
      shard.queue = shard.queue.slice(shard.head);
      shard.head = 0;
    }
    const entry = shard.budget.take(batch.length);
    shard.busy = true;
    post(batch, (results, arrivedAt) => {
      shard.budget.settle(entry, clock);
      const again = [];
      results.forEach((result, i) => {
        if (result.status === "sent") delivered[batch[i]] = arrivedAt;
        else again.push(batch[i]);
      });
      if (again.length > 0) {
        // Refused (429): back to the front, and wait out the window Expo counts.
        shard.queue.splice(shard.head, 0, ...again);
        shard.pausedUntil = clock + 1000;
      }
      shard.busy = false;
      pump(shard);
    });
  };
  const viaSender = (u) =>
    timeline.at(clock + RPC_MS, () => {
      const shard = shards[spreadOffsetSeconds(`shard:user-${u}`, senders)];
      for (let d = 0; d < devices; d++) shard.queue.push(u * devices + d);
      maxQueue = Math.max(maxQueue, shard.queue.length - shard.head);
      pump(shard);
    });

  for (let u = 0; u < USERS; u++) {
    const dueAt = spreadSeconds > 0 ? spreadOffsetSeconds(`user-${u}`, spreadSeconds) * 1000 : 0;
    for (let d = 0; d < devices; d++) due[u * devices + d] = dueAt;
    timeline.at(dueAt + rng() * 1000, () => (senders > 0 ? viaSender(u) : direct(u)));
  }
  const started = performance.now();
  while (timeline.size > 0) {
    const event = timeline.next();
    clock = event.time;
    await event.run();
  }
  const wallSeconds = (performance.now() - started) / 1000;
  const throttled = stub.expo.throttled;
  await stub.close();

  const late = [];
  const sinceEight = [];
  for (let m = 0; m < pushes; m++) {
    if (Number.isNaN(delivered[m])) continue;
    late.push((delivered[m] - due[m]) / 1000);
    sinceEight.push(delivered[m] / 1000);
  }
  const pct = (values, q) => {
    if (values.length === 0) return Number.NaN;
    const sorted = Float64Array.from(values).sort();
    return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  };
  return {
    pushes,
    delivered: late.length,
    parked,
    p50: pct(late, 0.5),
    p99: pct(late, 0.99),
    max: pct(late, 1),
    p99SinceEight: pct(sinceEight, 0.99),
    lastSinceEight: pct(sinceEight, 1),
    requests,
    throttled,
    maxQueue,
    wallSeconds,
  };
}

const RUNS = [
  {
    name: "before: every actor posts at 08:00, retries on its alarm",
    spreadSeconds: 0,
    senders: 0,
  },
  { name: "spread 0-10 min only, actors post", spreadSeconds: SPREAD_WINDOW_SECONDS, senders: 0 },
  { name: "4 senders only, no spread", spreadSeconds: 0, senders: 4 },
  { name: "spread 0-5 min + 4 senders", spreadSeconds: 300, senders: 4 },
  { name: "after: spread 0-10 min + 4 senders", spreadSeconds: SPREAD_WINDOW_SECONDS, senders: 4 },
  { name: "spread 0-10 min + 1 sender", spreadSeconds: SPREAD_WINDOW_SECONDS, senders: 1 },
  { name: "spread 0-10 min + 8 senders", spreadSeconds: SPREAD_WINDOW_SECONDS, senders: 8 },
  // Twice the pushes (two devices each): more than Expo can take in ten minutes.
  {
    name: "2 devices each: spread 0-10 min, actors post",
    spreadSeconds: SPREAD_WINDOW_SECONDS,
    senders: 0,
    devices: 2,
  },
  {
    name: "2 devices each: spread 0-10 min + 4 senders",
    spreadSeconds: SPREAD_WINDOW_SECONDS,
    senders: 4,
    devices: 2,
  },
];

const s = (value) => (Number.isNaN(value) ? "-" : value.toFixed(value < 10 ? 2 : 0));

/** Every run of the burst, one row each (lateness in seconds). */
export async function reminderBurst() {
  const picked = process.env.BENCH_BURST_RUNS?.split(",").map(Number);
  const rows = [];
  for (const [i, run] of RUNS.entries()) {
    if (picked && !picked.includes(i)) continue;
    const r = await simulate(run);
    rows.push({
      scenario: run.name,
      pushes: r.pushes,
      delivered: `${((100 * r.delivered) / r.pushes).toFixed(2)}%`,
      parked: r.parked,
      "p50 late s": s(r.p50),
      "p99 late s": s(r.p99),
      "max late s": s(r.max),
      "p99 after 08:00 s": s(r.p99SinceEight),
      requests: r.requests,
      "429s": r.throttled,
      "max queued": run.senders === 0 ? "" : r.maxQueue,
      "sim s": r.wallSeconds.toFixed(1),
    });
  }
  return {
    columns: Object.keys(rows[0] ?? {}),
    rows,
    notes: [
      `${USERS} users with a reminder at 08:00 local, one device each unless said; Expo stub at 600 notifications/s (a sliding one-second window)`,
      "late: from the user's own reminder time (08:00 plus their offset) to Expo accepting the push; parked: given up after the scheduler's attempts",
      `actors' retries: SCHEDULE_RETRY_BASE_MS ${CONFIG.SCHEDULE_RETRY_BASE_MS} ms, SCHEDULE_MAX_ATTEMPTS ${CONFIG.SCHEDULE_MAX_ATTEMPTS}; senders: 600/s shared (150 each of 4), a batch counted from leaving until 1 s after its answer, batches of up to 100, one request in flight, a 429 waits 1 s`,
    ],
  };
}
