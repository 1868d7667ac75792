import { env, runInDurableObject } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { call, json, type SignedUp, signUp } from "./helpers";
import { onboard } from "./onboarding-helpers";
import { type OpResult, op, pullAll, push } from "./sync-helpers";

// The conflict table of docs/sync.md, row by row, and the protocol's edges: per-op failures,
// replays, op ids used twice, cursors that expired or never were ours.

let user: SignedUp;
beforeAll(async () => {
  user = await signUp();
  await onboard(user.accessToken);
});

/** One op pushed alone: its result. */
const one = async (type: string, data: Record<string, unknown>, base?: number) =>
  (await push(user, [op(type, data, base === undefined ? {} : { base_version: base })]))
    .results[0] as OpResult;

/** A new session with one set of 8 reps, both created offline (by client id). */
async function sessionWithSet() {
  const tag = crypto.randomUUID().slice(0, 8);
  const { results } = await push(user, [
    op("session.start", { client_id: `s-${tag}` }),
    op("set.log", {
      session_client_id: `s-${tag}`,
      client_id: `set-${tag}`,
      exercise_id: "barbell-back-squat",
      reps: 8,
      weight_kg: 100,
    }),
  ]);
  const [session, set] = results as [OpResult, OpResult];
  expect([session.status, set.status]).toEqual([201, 201]);
  return { sessionId: session.id as string, setId: set.id as string, version: set.version };
}

const setNow = async (sessionId: string, setId: string) =>
  (
    await json(await call(`/v1/workouts/sessions/${sessionId}/sets`, { token: user.accessToken }))
  ).items.find((s: { id: string }) => s.id === setId);

describe("conflicts", { timeout: 30_000 }, () => {
  it("a set corrected on two devices from the same version: the second is 409 with the set now", async () => {
    const { sessionId, setId, version } = await sessionWithSet();
    expect(version).toBe(1);
    const a = await one("set.correct", { session_id: sessionId, set_id: setId, reps: 7 }, 1);
    expect(a).toMatchObject({ status: 200, id: setId, version: 2 });
    const b = await one("set.correct", { session_id: sessionId, set_id: setId, reps: 6 }, 1);
    expect(b).toMatchObject({
      status: 409,
      version: 2,
      error: { code: "version_conflict" },
      current: { id: setId, reps: 7 },
    });
    expect((await setNow(sessionId, setId)).reps).toBe(7);
  });

  it("without base_version the last write in server order wins", async () => {
    const { sessionId, setId } = await sessionWithSet();
    await one("set.correct", { session_id: sessionId, set_id: setId, reps: 7 });
    const b = await one("set.correct", { session_id: sessionId, set_id: setId, reps: 6 });
    expect(b).toMatchObject({ status: 200, version: 3 });
    expect((await setNow(sessionId, setId)).reps).toBe(6);
  });

  it("a session completed on one device and edited from before on the other: 409; unbased, it stays completed", async () => {
    const { sessionId } = await sessionWithSet();
    const done = await one("session.update", { session_id: sessionId, status: "completed" }, 1);
    expect(done).toMatchObject({ status: 200, version: 2 });
    const stale = await one("session.update", { session_id: sessionId, notes: "felt heavy" }, 1);
    expect(stale).toMatchObject({
      status: 409,
      error: { code: "version_conflict" },
      current: { id: sessionId, status: "completed", notes: null },
    });
    const unbased = await one("session.update", { session_id: sessionId, notes: "felt heavy" });
    expect(unbased).toMatchObject({ status: 200, version: 3 });
    const { items } = await json(
      await call("/v1/workouts/sessions?limit=100", { token: user.accessToken }),
    );
    expect(items.find((s: { id: string }) => s.id === sessionId)).toMatchObject({
      status: "completed",
      notes: "felt heavy",
    });
  });

  it("deletion wins: a correction after a delete is 404, whatever its base; before it, the delete still applies", async () => {
    const first = await sessionWithSet();
    const ref = { session_id: first.sessionId, set_id: first.setId };
    expect(await one("set.delete", ref)).toMatchObject({ status: 204, id: first.setId });
    expect(await one("set.correct", { ...ref, reps: 5 }, 1)).toMatchObject({
      status: 404,
      error: { code: "set_not_found" },
    });
    expect(await one("set.delete", ref)).toMatchObject({ status: 404 });

    const second = await sessionWithSet();
    const other = { session_id: second.sessionId, set_id: second.setId };
    expect(await one("set.correct", { ...other, reps: 5 }, 1)).toMatchObject({ status: 200 });
    expect(await one("set.delete", other)).toMatchObject({ status: 204 });
    expect(await setNow(second.sessionId, second.setId)).toBeUndefined();
    // Both leave tombstones in the log.
    const { changes } = await pullAll(user, null);
    for (const id of [first.setId, second.setId])
      expect(changes.find((c) => c.id === id)).toMatchObject({ op: "delete", entity: "set" });
    expect(changes.find((c) => c.id === first.setId)?.data).toBeUndefined();
  });

  it("a profile patched on both devices from the same version: the second is 409; unbased, both fields apply", async () => {
    const { changes } = await pullAll(user, null);
    const base = changes.find((c) => c.entity === "profile")?.version as number;
    const a = await one("profile.patch", { sleep_hours: 6 }, base);
    expect(a).toMatchObject({ status: 200, id: "me", version: base + 1 });
    const b = await one("profile.patch", { meals_per_day: 5 }, base);
    expect(b).toMatchObject({
      status: 409,
      version: base + 1,
      error: { code: "version_conflict" },
      current: { sleep_hours: 6 },
    });
    expect(await one("profile.patch", { meals_per_day: 5 })).toMatchObject({ status: 200 });
    const profile = await json(await call("/v1/profile", { token: user.accessToken }));
    expect(profile).toMatchObject({ sleep_hours: 6, meals_per_day: 5, version: base + 2 });
  });
});

describe("a push", { timeout: 30_000 }, () => {
  it("answers each op as its route would: a bad one does not stop the rest", async () => {
    const { sessionId } = await sessionWithSet();
    const ops = [
      op("set.log", { session_id: sessionId, client_id: "x1", exercise_id: "barbell-back-squat" }),
      op("set.log", {
        session_id: "ses_nope",
        client_id: "x2",
        exercise_id: "barbell-back-squat",
        reps: 5,
      }),
      op("set.log", {
        session_id: sessionId,
        client_id: "x3",
        exercise_id: "no-such-lift",
        reps: 5,
      }),
      op("body_weight.log", { weight_kg: 81, base: 1 }),
      op("reminders.put", { workout: false, meals: true, hydration: false, quiet_hours: null }),
    ];
    const { results } = await push(user, ops);
    expect(results.map((r) => r.status)).toEqual([422, 404, 422, 422, 200]);
    expect(results[0]?.error).toMatchObject({
      code: "validation_failed",
      details: [{ field: "data.reps", code: "required" }],
    });
    expect(results[1]?.error?.code).toBe("session_not_found");
    expect(results[2]?.error?.code).toBe("unknown_exercise");
    expect(results[3]?.error?.details).toEqual([
      expect.objectContaining({ field: "data.base", code: "unknown_field" }),
    ]);
    const reminders = await json(await call("/v1/reminders", { token: user.accessToken }));
    expect(reminders.preferences.workout).toBe(false);
  });

  it("answers a replayed op its first result, and an op_id reused for another op 409", async () => {
    const weigh = op("body_weight.log", { weight_kg: 82 });
    const first = (await push(user, [weigh])).results[0];
    expect(first).toMatchObject({ status: 201, version: 1 });
    expect((await push(user, [weigh])).results[0]).toEqual(first);
    const reused = { ...weigh, data: { weight_kg: 90 } };
    expect((await push(user, [reused])).results[0]).toMatchObject({
      status: 409,
      error: { code: "op_id_reused" },
    });
    const { items } = await json(
      await call("/v1/body/weight?limit=100", { token: user.accessToken }),
    );
    expect(items.filter((w: { weight_kg: number }) => w.weight_kg === 82)).toHaveLength(1);
  });

  it("refuses more than SYNC_MAX_OPS ops as a whole, naming the field", async () => {
    const ops = Array.from({ length: 501 }, () => op("body_weight.log", { weight_kg: 80 }));
    const response = await call("/v1/sync", {
      token: user.accessToken,
      body: { device_id: "phone", ops },
    });
    expect(response.status).toBe(422);
    expect((await json(response)).error.details).toEqual([
      expect.objectContaining({ field: "ops", code: "too_big" }),
    ]);
  });

  it("reaches only the caller's records, and needs a token", async () => {
    const { sessionId, setId } = await sessionWithSet();
    const stranger = await signUp();
    await onboard(stranger.accessToken);
    const { results } = await push(stranger, [
      op("set.correct", { session_id: sessionId, set_id: setId, reps: 1 }),
      op("set.delete", { session_id: sessionId, set_id: setId }),
    ]);
    expect(results.map((r) => r.status)).toEqual([404, 404]);
    expect((await setNow(sessionId, setId)).reps).toBe(8);
    const anonymous = await call("/v1/sync", { body: { device_id: "x", ops: [] } });
    expect(anonymous.status).toBe(401);
    expect((await call("/v1/sync/changes")).status).toBe(401);
  });
});

describe("a pull", { timeout: 30_000 }, () => {
  it("sees every path's writes: REST, a coach tool's, and announces them on the socket", async () => {
    const fresh = await signUp();
    await onboard(fresh.accessToken);
    const { cursor } = await pullAll(fresh, null);
    const socket = await call("/v1/realtime", {
      token: fresh.accessToken,
      headers: { upgrade: "websocket" },
    });
    const ws = socket.webSocket as WebSocket;
    ws.accept();
    const events: Array<{ type: string; data: { seq: number } }> = [];
    ws.addEventListener("message", (event) => {
      if (typeof event.data === "string" && event.data.startsWith("{"))
        events.push(JSON.parse(event.data));
    });
    const meal = await json(
      await call("/v1/meals/logs", {
        token: fresh.accessToken,
        body: { meal: "lunch", calories: 700 },
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    const changed = events.filter((e) => e.type === "sync.changed");
    expect(changed).toHaveLength(1);
    const { changes } = await pullAll(fresh, cursor);
    expect(changes).toEqual([
      expect.objectContaining({ entity: "meal", id: meal.id, op: "upsert", data: meal }),
    ]);
    expect(changed[0]?.data.seq).toBe(changes[0]?.seq);
    ws.close();
  });

  it("pages by seq, each record once at its latest state", async () => {
    const { sessionId, setId } = await sessionWithSet();
    const { cursor } = await pullAll(user, null);
    await one("set.correct", { session_id: sessionId, set_id: setId, reps: 3 });
    await one("set.correct", { session_id: sessionId, set_id: setId, reps: 4 });
    const { changes } = await pullAll(user, cursor, 1);
    expect(changes).toEqual([
      expect.objectContaining({
        entity: "set",
        id: setId,
        version: 3,
        data: expect.objectContaining({ reps: 4 }),
      }),
    ]);
  });

  it("refuses a cursor that is not ours (422), of another log (410) or older than the tombstones kept (410)", async () => {
    const bad = await call("/v1/sync/changes?since=nonsense", { token: user.accessToken });
    expect(bad.status).toBe(422);
    expect((await json(bad)).error.details[0]).toMatchObject({ field: "since" });

    const other = await signUp();
    const theirs = (await pullAll(other, null)).cursor;
    const foreign = await call(`/v1/sync/changes?since=${theirs}`, { token: user.accessToken });
    expect(foreign.status).toBe(410);
    expect((await json(foreign)).error).toMatchObject({
      code: "cursor_expired",
      details: { reason: "other_log" },
    });

    // A tombstone older than SYNC_TOMBSTONE_DAYS is dropped: a cursor from before it expires.
    const { sessionId, setId } = await sessionWithSet();
    const { cursor } = await pullAll(user, null);
    await one("set.delete", { session_id: sessionId, set_id: setId });
    await runInDurableObject(env.USER_ACTOR.getByName(user.userId), (_, state) => {
      state.storage.sql.exec(
        "UPDATE sync_changes SET at = ? WHERE id = ?",
        new Date(Date.now() - 91 * 86_400_000).toISOString(),
        setId,
      );
    });
    const expired = await call(`/v1/sync/changes?since=${cursor}`, { token: user.accessToken });
    expect(expired.status).toBe(410);
    expect((await json(expired)).error.details).toEqual({ reason: "pruned" });
    const again = await pullAll(user, null);
    expect(again.changes.find((c) => c.id === setId)).toBeUndefined();
  });
});
