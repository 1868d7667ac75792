import { env, runInDurableObject } from "cloudflare:test";
import { BackupStore } from "../../durable-objects/backups/backup-store";
import { D1_CACHED_DOCUMENTS } from "../../durable-objects/backups/backups";
import { checksums, readSnapshot, type Snapshot } from "../../durable-objects/backups/snapshot";
import { call, json } from "./helpers";

/** An operator's call on a user's backups. */
export const adminCall = (token: string, path: string, body?: unknown) =>
  call(`/admin/users/${path}`, body === undefined ? { token } : { token, body });

export async function takeBackup(adminToken: string, userId: string) {
  const response = await adminCall(adminToken, `${userId}/backups`, { reason: "test snapshot" });
  if (response.status !== 201) throw new Error(`backup failed: ${response.status}`);
  return json(response);
}

/** Every object under the user's prefix in the bucket, as R2 lists them. */
export async function bucketKeys(userId: string): Promise<string[]> {
  const listed = await env.BACKUPS.list({ prefix: `users/${userId}/` });
  return listed.objects.map((object) => object.key);
}

/**
 * The checksum of every table of a snapshot (rows in order). The actor's copies of D1 rows are
 * left out: a restore drops them so they reload from D1, the system of record.
 */
function sumsOf(snapshot: Snapshot) {
  const documents = snapshot.tables.cached_documents;
  if (documents)
    documents.rows = documents.rows.filter(
      (row) => !(D1_CACHED_DOCUMENTS as readonly unknown[]).includes(row[0]),
    );
  return checksums(snapshot);
}

/** The checksums of the user's actor as it is now. */
export function liveSums(userId: string): Promise<Record<string, string>> {
  return runInDurableObject(env.USER_ACTOR.getByName(userId), (_, state) =>
    sumsOf(readSnapshot(state.storage.sql, userId)),
  );
}

/** The checksums of a stored snapshot, read back from the bucket. */
export async function backupSums(userId: string, backupId: string) {
  const snapshot = await new BackupStore(() => env.BACKUPS).get(userId, backupId);
  if (!snapshot) throw new Error(`no snapshot ${backupId}`);
  return sumsOf(snapshot);
}

const pad = (n: number) => String(n).padStart(2, "0");

/**
 * A year of a committed user's history written straight into the actor's tables, as the
 * logging rules store it: 4 sessions a week of 20 sets, 3 meals and a weigh-in a day, and
 * 40 chat conversations of 20 messages. (Thousands of API calls would take minutes; the API
 * writes a few more on top in the tests.)
 */
export function seedYear(userId: string) {
  return runInDurableObject(env.USER_ACTOR.getByName(userId), (_, state) => {
    const sql = state.storage.sql;
    const start = Date.parse("2025-12-01T07:00:00Z");
    state.storage.transactionSync(() => {
      for (let day = 0; day < 365; day++) {
        const at = new Date(start + day * 86_400_000);
        const date = at.toISOString().slice(0, 10);
        const iso = at.toISOString();
        sql.exec(
          "INSERT INTO body_weights (id, client_id, measured_at, local_date, weight_kg) VALUES (?, ?, ?, ?, ?)",
          `w-${day}`,
          `w-${day}`,
          iso,
          date,
          82 - day / 100,
        );
        for (const [i, meal] of ["breakfast", "lunch", "dinner"].entries())
          sql.exec(
            `INSERT INTO meal_logs (id, client_id, meal, logged_at, local_date, foods, calories, protein_g, fat_g, carbs_g)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
            `m-${day}-${i}`,
            `m-${day}-${i}`,
            meal,
            iso,
            date,
            JSON.stringify([{ name: "oats with milk", grams: 120 + i }]),
            650 + i,
            40.5,
            20.25,
            70,
          );
        if (day % 7 >= 4) continue;
        const session = `s-${day}`;
        sql.exec(
          `INSERT INTO workout_sessions (id, client_id, local_date, status, started_at, finished_at, notes, perceived_effort)
           VALUES (?, ?, ?, 'completed', ?, ?, ?, 7)`,
          session,
          session,
          date,
          iso,
          new Date(start + day * 86_400_000 + 3_600_000).toISOString(),
          `week ${Math.floor(day / 7)} felt good`,
        );
        for (let set = 0; set < 20; set++)
          sql.exec(
            `INSERT INTO workout_sets (id, session_id, client_id, exercise_id, reps, weight_kg, rir, rest_seconds, created_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
            `${session}-${set}`,
            session,
            `${session}-${set}`,
            ["barbell-back-squat", "barbell-bench-press", "conventional-deadlift", "pull-up"][
              set % 4
            ],
            5 + (set % 4),
            60 + day / 5 + set,
            2,
            150,
            `${date}T${pad(7 + Math.floor(set / 10))}:${pad((set * 3) % 60)}:00.000Z`,
          );
      }
      for (let c = 0; c < 40; c++) {
        const iso = new Date(start + c * 9 * 86_400_000).toISOString();
        sql.exec(
          "INSERT INTO conversations (id, agent_type, summary, created_at, updated_at) VALUES (?, 'workout', ?, ?, ?)",
          `c-${c}`,
          `Talked about week ${c}`,
          iso,
          iso,
        );
        for (let m = 0; m < 20; m++)
          sql.exec(
            "INSERT INTO chat_messages (conversation_id, role, agent_type, content, created_at) VALUES (?, ?, 'workout', ?, ?)",
            `c-${c}`,
            m % 2 ? "assistant" : "user",
            m % 2
              ? "Keep the bar path over mid-foot and add 2.5 kg next week."
              : `How did my squat go on week ${c}?`,
            iso,
          );
      }
    });
    return sql.databaseSize;
  });
}
