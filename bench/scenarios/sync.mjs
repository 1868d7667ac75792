import { onboardedUser } from "../../test/support/api-client.ts";
import { sequential } from "../lib/measure.mjs";
import { post, seedYear } from "../lib/seed-year.mjs";

// Sync (docs/sync.md): a push of SYNC_MAX_OPS (500) queued set logs in one call, and a new
// device's first pull of a year of changes (bench/lib/seed-year.mjs's user: 151 sessions,
// 3,328 sets, 365 weights, 1,095 meals, each a change), page by page at the largest page.
// Both sequential: the time of one call (or one whole pull) and the bytes it moves.

const PUSHES = Number(process.env.BENCH_SYNC_PUSHES ?? 10);
const PULLS = Number(process.env.BENCH_SYNC_PULLS ?? 5);
const PAGE = 500;

const kib = (bytes) => `${(bytes / 1024).toFixed(0)} KiB`;

export async function sync(target) {
  const user = await onboardedUser(target.url);
  const headers = { authorization: `Bearer ${user.token}`, "content-type": "application/json" };
  const session = await post(target.url, user.token, "/v1/workouts/sessions", {});
  let sent = 0;
  let received = 0;
  let n = 0;
  const push = await sequential(PUSHES, async (round) => {
    const ops = Array.from({ length: 500 }, (_, i) => ({
      op_id: `bench-${round}-${i}`,
      type: "set.log",
      occurred_at: new Date(Date.now() - (500 - i) * 1000).toISOString(),
      data: {
        session_id: session.id,
        client_id: `bench-set-${n++}`,
        exercise_id: "barbell-back-squat",
        reps: 5,
        weight_kg: 100,
        rir: 2,
      },
    }));
    const body = JSON.stringify({ device_id: "bench-phone", ops });
    const started = performance.now();
    const response = await fetch(`${target.url}/v1/sync`, { method: "POST", headers, body });
    const text = await response.text();
    const ms = performance.now() - started;
    if (response.status !== 200) throw new Error(`push: ${response.status} ${text.slice(0, 300)}`);
    const failed = JSON.parse(text).results.filter((result) => result.status !== 201);
    if (failed.length) throw new Error(`push: ${failed.length} ops not created`);
    sent = body.length;
    received = text.length;
    return ms;
  });

  const year = await onboardedUser(target.url);
  const seeded = await seedYear(target.url, year.token);
  const yearAuth = { authorization: `Bearer ${year.token}` };
  let pages = 0;
  let changes = 0;
  let bytes = 0;
  const pull = await sequential(PULLS, async () => {
    pages = 0;
    changes = 0;
    bytes = 0;
    let since = null;
    const started = performance.now();
    for (let more = true; more; ) {
      const query = new URLSearchParams({ limit: String(PAGE), ...(since ? { since } : {}) });
      const response = await fetch(`${target.url}/v1/sync/changes?${query}`, { headers: yearAuth });
      const text = await response.text();
      if (response.status !== 200)
        throw new Error(`pull: ${response.status} ${text.slice(0, 300)}`);
      const page = JSON.parse(text);
      pages += 1;
      changes += page.changes.length;
      bytes += text.length;
      since = page.next_cursor;
      more = page.has_more;
    }
    return performance.now() - started;
  });
  const expected = seeded.sessions + seeded.sets + seeded.weights + seeded.meals;
  return {
    rows: [
      {
        scenario: "POST /v1/sync (500 set logs)",
        ...push,
        note: `sequential (${PUSHES}); ${kib(sent)} sent, ${kib(received)} back; ${((push.p50 / 500) * 1000).toFixed(0)} us an op at p50`,
      },
      {
        scenario: "GET /v1/sync/changes, a year from the start",
        ...pull,
        note: `sequential (${PULLS}), the whole pull: ${pages} pages of ${PAGE}, ${changes} changes (${expected} records seeded + profile, reminders), ${kib(bytes)}`,
      },
    ],
  };
}
