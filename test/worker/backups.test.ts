import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { BackupStore } from "../../durable-objects/backups/backup-store";
import { checkSampleOfBackups } from "../../worker/backups/nightly-check";
import { actorSql, fireSchedule } from "./actor-helpers";
import { auditOf, signUpAdmin } from "./admin-helpers";
import {
  adminCall,
  backupSums,
  bucketKeys,
  liveSums,
  seedYear,
  takeBackup,
} from "./backup-helpers";
import { call, deleteAccount, json, type SignedUp, signUp } from "./helpers";
import { onboard } from "./onboarding-helpers";
import { pullAll } from "./sync-helpers";
import { agentToken } from "./voice-helpers";

// Backups of a user's actor: snapshots of every table to R2 on the actor's alarm or an
// operator's request, restored in one transaction (the drill below), erased with the account.

let admin: SignedUp;
beforeAll(async () => {
  admin = await signUpAdmin();
});

const get = (user: SignedUp, path: string) => call(path, { token: user.accessToken });

/** What the app shows of the user's history, to compare before the damage and after the restore. */
async function appView(user: SignedUp, sessionId: string) {
  const read = async (path: string) => {
    const response = await get(user, path);
    return { status: response.status, body: await json(response) };
  };
  return {
    sessions: await read("/v1/workouts/sessions?limit=50"),
    sets: await read(`/v1/workouts/sessions/${sessionId}/sets`),
    meals: await read("/v1/meals/logs?limit=50"),
    calls: await read("/v1/voice/sessions"),
  };
}

describe("the drill: a year of data, a snapshot, damage, a restore", () => {
  it("brings back every row (checksums), the API's answers, and never reuses a sequence number", async () => {
    const user = await signUp({ verified: true });
    await onboard(user.accessToken);
    await seedYear(user.userId);
    // On top, through the API: a session with sets, a meal, and a call with its transcript.
    const session = await json(
      await call("/v1/workouts/sessions", {
        token: user.accessToken,
        body: { client_id: "api-s" },
      }),
    );
    const sets = [];
    for (let i = 0; i < 3; i++)
      sets.push(
        await json(
          await call(`/v1/workouts/sessions/${session.id}/sets`, {
            token: user.accessToken,
            body: {
              client_id: `api-set-${i}`,
              exercise_id: "barbell-back-squat",
              reps: 5,
              weight_kg: 100,
            },
          }),
        ),
      );
    await call("/v1/meals/logs", {
      token: user.accessToken,
      body: { meal: "lunch", calories: 700 },
    });
    const voice = await agentToken(user);
    for (const [i, role] of (["user", "coach"] as const).entries())
      await call("/internal/agent/transcript", {
        token: voice.token,
        body: { turn_id: `t-${i}`, role, text: `turn ${i}`, spoken_at: new Date().toISOString() },
      });
    await call(`/v1/voice/sessions/${voice.session.room_name}`, {
      method: "DELETE",
      token: user.accessToken,
    });
    // The year grew the storage past BACKUP_CHANGE_BYTES: a snapshot is due soon, on the alarm.
    expect(
      await actorSql(user.userId, "SELECT key FROM schedules WHERE key = 'backup:change'"),
    ).toHaveLength(1);

    const backup = await takeBackup(admin.accessToken, user.userId);
    expect(backup).toMatchObject({ kind: "manual", schema_version: expect.any(Number) });
    expect(backup.rows).toMatchObject({
      // 4 of every 7 days in 365, and the API's session.
      workout_sessions: 209 + 1,
      workout_sets: 209 * 20 + 3,
      meal_logs: 365 * 3 + 1,
      body_weights: 365,
      chat_messages: 800,
      voice_rooms: 1,
      voice_turns: 2,
    });
    const snapshotSums = await backupSums(user.userId, backup.id);
    const shown = await appView(user, session.id);
    expect(shown.sets.body.items).toHaveLength(3);
    // A phone synced right after the snapshot.
    const phone = await pullAll(user, null);
    const seqBefore = await actorSql<{ seq: number }>(
      user.userId,
      "SELECT seq FROM sqlite_sequence WHERE name = 'chat_messages'",
    );

    // Damage: sets deleted through the API, chat messages written after the snapshot, and a
    // table dropped inside the actor (as a bad migration would).
    for (const set of sets)
      expect(
        (
          await call(`/v1/workouts/sessions/${session.id}/sets/${set.id}`, {
            method: "DELETE",
            token: user.accessToken,
          })
        ).status,
      ).toBe(204);
    await actorSql(
      user.userId,
      "INSERT INTO chat_messages (conversation_id, role, agent_type, content, created_at) VALUES ('c-0', 'user', 'workout', 'after', '2026-12-01')",
    );
    const seqIssued = (
      await actorSql<{ seq: number }>(user.userId, "SELECT max(seq) AS seq FROM chat_messages")
    )[0]?.seq as number;
    // The phone pulls the three deletions: the change log's seq moved past the snapshot's.
    const damaged = await pullAll(user, phone.cursor);
    expect(damaged.changes.map((c) => c.op)).toEqual(["delete", "delete", "delete"]);
    const damagedHead = Math.max(...damaged.changes.map((c) => c.seq));
    await actorSql(user.userId, "DROP TABLE meal_logs");
    expect((await get(user, "/v1/meals/logs")).status).toBe(500);

    const restored = await adminCall(admin.accessToken, `${user.userId}/restore`, {
      backup_id: backup.id,
      reason: "Drill: sets deleted and meal_logs dropped",
    });
    expect(restored.status).toBe(200);
    const outcome = await json(restored);
    expect(outcome).toMatchObject({
      method: "snapshot",
      backup_id: backup.id,
      // The actor's copies of D1 rows are dropped (they reload from D1), nothing else differs.
      rows: { ...backup.rows, cached_documents: backup.rows.cached_documents - 3 },
      undo_backup_id: expect.stringMatching(/-pre_restore$/),
    });

    // Every table is the snapshot's, but the sync log's own row: it continues (checked below).
    const { sync_log: _restoredLog, ...restoredSums } = await liveSums(user.userId);
    const { sync_log: _snapshotLog, ...expectedSums } = snapshotSums;
    expect(restoredSums).toEqual(expectedSums);
    expect(await appView(user, session.id)).toEqual(shown);
    // A new chat message continues after the highest number ever given, not the snapshot's.
    expect(seqBefore[0]?.seq).toBeLessThan(seqIssued);
    await actorSql(
      user.userId,
      "INSERT INTO chat_messages (conversation_id, role, agent_type, content, created_at) VALUES ('c-0', 'user', 'workout', 'later', '2026-12-02')",
    );
    const [next] = await actorSql<{ seq: number }>(
      user.userId,
      "SELECT max(seq) AS seq FROM chat_messages",
    );
    expect(next?.seq).toBe(seqIssued + 1);

    // The sync change log: the phone's cursor is of the log before the restore (410, pull it
    // whole), the whole pull has the restored sets, and a new change is numbered after every
    // seq ever given, never again one the phone saw.
    const stale = await call(`/v1/sync/changes?since=${damaged.cursor}`, {
      token: user.accessToken,
    });
    expect(stale.status).toBe(410);
    expect((await json(stale)).error).toMatchObject({ code: "cursor_expired" });
    const whole = await pullAll(user, null);
    for (const set of sets)
      expect(whole.changes.find((c) => c.id === set.id)).toMatchObject({ op: "upsert" });
    const later = await call(`/v1/workouts/sessions/${session.id}/sets`, {
      token: user.accessToken,
      body: {
        client_id: "api-set-after",
        exercise_id: "barbell-back-squat",
        reps: 5,
        weight_kg: 100,
      },
    });
    expect(later.status).toBe(201);
    const [logged] = (await pullAll(user, whole.cursor)).changes;
    expect(logged).toMatchObject({ entity: "set", op: "upsert" });
    expect(logged?.seq).toBeGreaterThan(damagedHead);

    // The undo is a real snapshot of the damaged state; the audit names both.
    const listed = (await json(await adminCall(admin.accessToken, `${user.userId}/backups`))).items;
    const undo = listed.find((b: { id: string }) => b.id === outcome.undo_backup_id);
    expect(undo.rows.workout_sets).toBe(backup.rows.workout_sets - 3);
    expect(undo.rows.meal_logs).toBeUndefined();
    expect(await auditOf(admin.userId)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          action: "backups.take",
          target_user_id: user.userId,
          target: backup.id,
        }),
        expect.objectContaining({
          action: "users.restore",
          target_user_id: user.userId,
          target: backup.id,
          reason: "Drill: sets deleted and meal_logs dropped",
        }),
      ]),
    );

    // The nightly check: the snapshot restores into a scratch actor and reads back equal.
    const verified = await adminCall(
      admin.accessToken,
      `${user.userId}/backups/${backup.id}/verify`,
      {},
    );
    expect(verified.status).toBe(200);
    const verification = await json(verified);
    expect(verification).toMatchObject({ equal: true, migrated: false });
    expect(verification.tables.find((t: { table: string }) => t.table === "workout_sets")).toEqual({
      table: "workout_sets",
      rows: backup.rows.workout_sets,
      restored_rows: backup.rows.workout_sets,
      checksum_equal: true,
    });
  }, 60_000);
});

describe("snapshots on the actor's alarm", () => {
  it("schedules the daily one at 03:30 in the user's timezone, takes it on the alarm, and keeps 7 (or 4 weeklies)", async () => {
    const user = await signUp();
    await onboard(user.accessToken);
    const [daily] = await actorSql<{ recurrence: string; run_at: number }>(
      user.userId,
      "SELECT recurrence, run_at FROM schedules WHERE key = 'backup:daily'",
    );
    expect(JSON.parse(daily?.recurrence ?? "{}")).toEqual({
      time: "03:30",
      timezone: "Europe/Berlin",
    });
    const local = new Intl.DateTimeFormat("en-GB", {
      timeZone: "Europe/Berlin",
      hour: "2-digit",
      minute: "2-digit",
    }).format(new Date(daily?.run_at ?? 0));
    expect(local).toBe("03:30");

    for (let i = 0; i < 9; i++) {
      await fireSchedule(user.userId, "backup:daily");
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    const items = (await json(await adminCall(admin.accessToken, `${user.userId}/backups`))).items;
    const kind = items[0].kind;
    expect(["daily", "weekly"]).toContain(kind);
    expect(items).toHaveLength(kind === "weekly" ? 4 : 7);
    expect(items.every((b: { kind: string }) => b.kind === kind)).toBe(true);
    // Still scheduled for the next night, not run again on the request path.
    const [next] = await actorSql<{ run_at: number }>(
      user.userId,
      "SELECT run_at FROM schedules WHERE key = 'backup:daily'",
    );
    expect(next?.run_at).toBeGreaterThan(Date.now());
  });
});

describe("erasure", () => {
  it("deleting the account deletes every snapshot in the bucket", async () => {
    const user = await signUp();
    await onboard(user.accessToken);
    await takeBackup(admin.accessToken, user.userId);
    await takeBackup(admin.accessToken, user.userId);
    expect(await bucketKeys(user.userId)).toHaveLength(2);
    const deleted = await deleteAccount(user);
    expect(await json(deleted)).toEqual({ status: "deleted", erased: true });
    expect(await bucketKeys(user.userId)).toEqual([]);
    const listed = await adminCall(admin.accessToken, `${user.userId}/backups`);
    expect(listed.status).toBe(404);
  });
});

describe("POST /admin/users/{id}/restore", () => {
  let user: SignedUp;
  beforeAll(async () => {
    user = await signUp();
    await onboard(user.accessToken);
  });

  it("answers 501 for a point in time where the runtime keeps no history, and changes nothing", async () => {
    const at = new Date(Date.now() - 3_600_000).toISOString();
    const response = await adminCall(admin.accessToken, `${user.userId}/restore`, {
      at,
      reason: "Ticket 1: bad deploy an hour ago",
    });
    expect(response.status).toBe(501);
    expect((await json(response)).error.code).toBe("point_in_time_unavailable");
    expect(await bucketKeys(user.userId)).toEqual([]);
  });

  it("names the field: neither or both of backup_id and at, a time out of 30 days, no reason", async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ reason: "Ticket 2" }, "backup_id"],
      [
        {
          reason: "Ticket 2",
          at: new Date().toISOString(),
          backup_id: "20261207T033000412Z-daily",
        },
        "backup_id",
      ],
      [{ reason: "Ticket 2", at: "2025-01-01T00:00:00Z" }, "at"],
      [{ reason: "Ticket 2", backup_id: "../other-user/x" }, "backup_id"],
      [{ backup_id: "20261207T033000412Z-daily" }, "reason"],
    ];
    for (const [body, field] of cases) {
      const response = await adminCall(admin.accessToken, `${user.userId}/restore`, body);
      expect(response.status).toBe(422);
      const fields = (await json(response)).error.details.map((d: { field: string }) => d.field);
      expect(fields).toContain(field);
    }
  });

  it("answers 404 for a snapshot the user does not have, even another user's", async () => {
    const other = await signUp();
    await onboard(other.accessToken);
    const theirs = await takeBackup(admin.accessToken, other.userId);
    const response = await adminCall(admin.accessToken, `${user.userId}/restore`, {
      backup_id: theirs.id,
      reason: "Ticket 3",
    });
    expect(response.status).toBe(404);
    expect((await json(response)).error.code).toBe("backup_not_found");
  });

  it("is for operators only", async () => {
    const response = await call(`/admin/users/${user.userId}/backups`, {
      token: user.accessToken,
    });
    expect(response.status).toBe(403);
  });

  it("migrates a snapshot from an older storage schema forward", async () => {
    const fresh = await signUp({ verified: true });
    await onboard(fresh.accessToken);
    const { session } = await agentToken(fresh);
    const current = await takeBackup(admin.accessToken, fresh.userId);
    // The same data as schema 7 wrote it: no call-memory columns, no voice_turns, no logs.
    const store = new BackupStore(() => env.BACKUPS);
    const snapshot = await store.get(fresh.userId, current.id);
    if (!snapshot) throw new Error("snapshot missing");
    const rooms = snapshot.tables.voice_rooms as { columns: string[]; rows: unknown[][] };
    const keep = rooms.columns
      .map((column, i) => [column, i] as const)
      .filter(
        ([column]) =>
          !["coaches", "duration_seconds", "summary", "transcript_kept"].includes(column),
      );
    snapshot.tables.voice_rooms = {
      columns: keep.map(([column]) => column),
      rows: rooms.rows.map((row) => keep.map(([, i]) => row[i] as string)),
    };
    for (const table of [
      "voice_turns",
      "workout_sessions",
      "workout_sets",
      "body_weights",
      "meal_logs",
      "set_day_summaries",
      // and the tables of the migrations after 7 (sync, nutrition, health, reminders).
      "sync_changes",
      "sync_log",
      "sync_ops",
      "meal_plans",
      "meal_photos",
      "health_samples",
      "health_days",
      "reminder_outcomes",
      "push_tickets",
      "push_receipt_errors",
    ])
      delete snapshot.tables[table];
    const old = await store.put(
      { ...snapshot, schema_version: 7, taken_at: "2026-01-02T03:30:00.000Z" },
      "daily",
    );

    const response = await adminCall(admin.accessToken, `${fresh.userId}/restore`, {
      backup_id: old.id,
      reason: "Ticket 4: restore the January state",
    });
    expect(response.status).toBe(200);
    const outcome = await json(response);
    expect(outcome).toMatchObject({
      from_schema_version: 7,
      schema_version: current.schema_version,
    });
    expect(outcome.rows).toMatchObject({ voice_rooms: 1, workout_sets: 0 });
    // Migration 8 gave the call its coach, as for any actor that upgraded.
    const [room] = await actorSql<{ coaches: string }>(
      fresh.userId,
      "SELECT coaches FROM voice_rooms WHERE room_name = ?",
      session.room_name,
    );
    expect(JSON.parse(room?.coaches ?? "[]")).toEqual(["workout"]);
    expect((await get(fresh, "/v1/workouts/sessions")).status).toBe(200);
  });
});

describe("the nightly check (cron)", () => {
  it("restores each sampled user's newest snapshot into a scratch actor and finds it equal", async () => {
    const users = [await signUp(), await signUp()];
    for (const user of users) {
      await onboard(user.accessToken);
      await takeBackup(admin.accessToken, user.userId);
    }
    const without = await signUp();
    const results = await checkSampleOfBackups(env, [
      ...users.map((u) => u.userId),
      without.userId,
    ]);
    expect(results.slice(0, 2)).toEqual(
      users.map((user) => ({
        user_id: user.userId,
        backup_id: expect.stringMatching(/-manual$/),
        equal: true,
      })),
    );
    expect(results[2]).toEqual({
      user_id: without.userId,
      backup_id: null,
      equal: false,
      error: "no snapshot yet",
    });
  });
});

describe("a restore that cannot finish", () => {
  it("answers 409 and leaves every table as it was (one transaction)", async () => {
    const user = await signUp();
    await onboard(user.accessToken);
    await call("/v1/meals/logs", {
      token: user.accessToken,
      body: { meal: "lunch", calories: 700 },
    });
    const good = await takeBackup(admin.accessToken, user.userId);
    const store = new BackupStore(() => env.BACKUPS);
    const snapshot = await store.get(user.userId, good.id);
    if (!snapshot) throw new Error("snapshot missing");
    // A meal without calories (NOT NULL) in one of the last tables written.
    const meals = snapshot.tables.meal_logs as { columns: string[]; rows: unknown[][] };
    const calories = meals.columns.indexOf("calories");
    for (const row of meals.rows) row[calories] = null;
    const broken = await store.put(
      { ...snapshot, taken_at: new Date(Date.now() + 1000).toISOString() },
      "manual",
    );
    const before = await liveSums(user.userId);

    const response = await adminCall(admin.accessToken, `${user.userId}/restore`, {
      backup_id: broken.id,
      reason: "Ticket 5: restore a broken snapshot",
    });
    expect(response.status).toBe(409);
    expect((await json(response)).error.code).toBe("backup_incompatible");
    // The undo snapshot taken first recorded its size in actor_meta; nothing else moved.
    const { actor_meta: _, ...after } = await liveSums(user.userId);
    const { actor_meta: __, ...expected } = before;
    expect(after).toEqual(expected);
    expect((await json(await get(user, "/v1/meals/logs"))).items).toHaveLength(1);
  });
});
