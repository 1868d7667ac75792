import { describe, expect, it } from "vitest";
import { fingerprintOf } from "../../engine/sync/fingerprint";
import { parseSyncOp } from "../../worker/sync/push-ops";

// Each push op is checked on its own against the body its REST route takes, and becomes the
// command the actor runs: what a client sends offline means what it means online.

const NOW = Date.parse("2026-11-30T12:00:00.000Z");
const op = (type: string, data: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  op_id: `op-${type}`,
  type,
  occurred_at: "2026-11-24T18:05:00.000+01:00",
  data,
  ...extra,
});

describe("push ops", () => {
  it("turns a set logged in pounds against an offline session into the set log command", () => {
    const parsed = parseSyncOp(
      op("set.log", {
        session_client_id: "basement-monday",
        client_id: "set-1",
        exercise_id: "barbell-back-squat",
        reps: 8,
        weight_lb: 135,
        rir: 2,
      }),
      NOW,
    );
    expect(parsed).toMatchObject({
      ok: true,
      command: {
        type: "set.log",
        session: { clientId: "basement-monday" },
        input: {
          clientId: "set-1",
          exerciseId: "barbell-back-squat",
          reps: 8,
          weightKg: 61.23,
          rir: 2,
          restSeconds: null,
          loggedAt: "2026-11-24T17:05:00.000Z",
        },
      },
    });
  });

  it("dates what the body leaves out from occurred_at, and names records by the op when it gives no client_id", () => {
    const start = parseSyncOp(op("session.start", { planned_day: "today" }), NOW);
    expect(start).toMatchObject({
      ok: true,
      command: {
        input: {
          clientId: "op-session.start",
          startedAt: "2026-11-24T17:05:00.000Z",
          plannedDay: "today",
        },
      },
    });
    const weight = parseSyncOp(op("body_weight.log", { weight_kg: 80.4 }), NOW);
    expect(weight).toMatchObject({
      ok: true,
      command: {
        input: { clientId: "op-body_weight.log", measuredAt: "2026-11-24T17:05:00.000Z" },
      },
    });
    const finish = parseSyncOp(
      op("session.update", { session_id: "ses_1", status: "completed" }),
      NOW,
    );
    expect(finish).toMatchObject({
      ok: true,
      command: { session: { id: "ses_1" }, patch: { finish: { at: "2026-11-24T17:05:00.000Z" } } },
    });
  });

  it("keeps a time the body gives, and takes a device clock ahead of the server's as now", () => {
    const meal = parseSyncOp(
      op("meal.log", { meal: "lunch", calories: 640, logged_at: "2026-11-24T12:30:00Z" }),
      NOW,
    );
    expect(meal).toMatchObject({
      ok: true,
      command: { input: { loggedAt: "2026-11-24T12:30:00.000Z" } },
    });
    const ahead = parseSyncOp(
      op("meal.log", { meal: "dinner", calories: 800 }, { occurred_at: "2027-01-01T00:00:00Z" }),
      NOW,
    );
    expect(ahead).toMatchObject({
      ok: true,
      command: { input: { loggedAt: new Date(NOW).toISOString() } },
    });
  });

  it("answers a bad op with its own 422 naming the fields inside the op", () => {
    const parsed = parseSyncOp(
      op("set.log", { session_id: "ses_1", client_id: "s", exercise_id: "squat", reps: "eight" }),
      NOW,
    );
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error.code).toBe("validation_failed");
    expect(parsed.error.details).toEqual([
      { field: "data.reps", code: "invalid_type", message: "must be a number" },
    ]);
    expect(parsed.error.message).toBe("Invalid data.reps.");
  });

  it("refuses an unknown type, a missing time and a reference given twice or not at all", () => {
    const unknown = parseSyncOp(
      { op_id: "x", type: "set.teleport", occurred_at: "now", data: {} },
      NOW,
    );
    expect(unknown.ok || unknown.error.details.map((d) => d.field)).toEqual([
      "type",
      "occurred_at",
    ]);
    const both = parseSyncOp(
      op("set.delete", { session_id: "ses_1", session_client_id: "c", set_id: "set_1" }),
      NOW,
    );
    expect(both.ok || both.error.details).toEqual([
      {
        field: "data.session_id",
        code: "invalid",
        message: "give session_id or session_client_id, not both",
      },
    ]);
    const neither = parseSyncOp(op("set.correct", { session_id: "ses_1", reps: 7 }), NOW);
    expect(neither.ok || neither.error.details).toEqual([
      { field: "data.set_id", code: "required", message: "give set_id or set_client_id, not both" },
    ]);
  });

  it("refuses a base_version on an op that creates a record, and fields a delete does not take", () => {
    const create = parseSyncOp(
      op("meal.log", { meal: "lunch", calories: 500 }, { base_version: 2 }),
      NOW,
    );
    expect(create.ok || create.error.details.map((d) => d.field)).toEqual(["base_version"]);
    const remove = parseSyncOp(op("set.delete", { session_id: "s", set_id: "t", reps: 3 }), NOW);
    expect(remove.ok || remove.error.details).toEqual([
      { field: "data.reps", code: "unknown_field", message: "unknown field" },
    ]);
  });

  it("carries base_version on changes, and checks a profile patch and reminders as their routes do", () => {
    const patch = parseSyncOp(op("profile.patch", { sleep_hours: 7.5 }, { base_version: 4 }), NOW);
    expect(patch).toMatchObject({
      ok: true,
      command: { type: "profile.patch", baseVersion: 4, patch: { sleep_hours: 7.5 } },
    });
    const empty = parseSyncOp(op("profile.patch", {}), NOW);
    expect(empty.ok).toBe(false);
    const stranger = parseSyncOp(op("profile.patch", { shoe_size: 44 }), NOW);
    expect(stranger.ok || stranger.error.details.map((d) => d.field)).toEqual(["data.shoe_size"]);
    const reminders = parseSyncOp(
      op("reminders.put", { workout: true, meals: false, hydration: false, quiet_hours: null }),
      NOW,
    );
    expect(reminders).toMatchObject({
      ok: true,
      command: { prefs: { workout: true, meals: false } },
    });
    const badTime = parseSyncOp(
      op("reminders.put", {
        workout: true,
        meals: true,
        hydration: false,
        quiet_hours: { start: "25:00", end: "07:00" },
      }),
      NOW,
    );
    expect(badTime.ok || badTime.error.details.map((d) => d.field)).toEqual([
      "data.quiet_hours.start",
    ]);
  });

  it("fingerprints what an op asks, whatever the order of its fields", () => {
    const a = parseSyncOp(op("meal.log", { meal: "lunch", calories: 640 }), NOW);
    const b = parseSyncOp(
      {
        data: { calories: 640, meal: "lunch" },
        occurred_at: "2026-11-24T18:05:00.000+01:00",
        type: "meal.log",
        op_id: "op-meal.log",
      },
      NOW,
    );
    const c = parseSyncOp(op("meal.log", { meal: "lunch", calories: 641 }), NOW);
    expect(a.fingerprint).toBe(b.fingerprint);
    expect(c.fingerprint).not.toBe(a.fingerprint);
    expect(fingerprintOf({ a: [1, { b: null }] })).toMatch(/^[0-9a-f]{16}$/);
  });
});
