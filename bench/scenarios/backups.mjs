import { onboardedUser, signUp } from "../../test/support/api-client.ts";
import { load, sequential } from "../lib/measure.mjs";
import { post, seedYear, YEAR } from "../lib/seed-year.mjs";

/**
 * Backups of a user with a year of logs (bench/lib/seed-year.mjs, through the API): how long a
 * snapshot, a restore and a scratch-actor check take (sequential, server round trip), the
 * snapshot's compressed size, and what snapshots cost the user's requests: GET
 * /v1/workouts/today under load alone, and again while snapshots are taken back to back (the
 * worst case; the daily one runs once a day on the alarm). Needs D1 access to make an admin
 * (Miniflare's target), as `npm run admin:grant` does.
 */
export async function backups(target) {
  if (!target.sql) return { rows: [], notes: ["backups: skipped (no D1 access on this target)"] };
  const year = await onboardedUser(target.url);
  await seedYear(target.url, year.token);
  const operator = await signUp(target.url);
  await target.sql("UPDATE users SET role = 'admin' WHERE id = ?", operator.userId);
  const login = await fetch(`${target.url}/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: operator.email, password: operator.password }),
  });
  const adminToken = (await login.json()).access_token;
  const admin = (path, body = {}) =>
    post(target.url, adminToken, `/admin/users/${year.userId}${path}`, body);

  let snapshot;
  const take = await sequential(10, async () => {
    snapshot = await admin("/backups", { reason: "bench" });
  });
  const rows = Object.values(snapshot.rows).reduce((sum, n) => sum + n, 0);
  const restore = await sequential(5, () =>
    admin("/restore", { backup_id: snapshot.id, reason: "bench restore" }),
  );
  const verify = await sequential(5, () => admin(`/backups/${snapshot.id}/verify`));

  const today = `${target.url}/v1/workouts/today`;
  const headers = { authorization: `Bearer ${year.token}` };
  const alone = await load(today, { headers });
  let snapshotting = true;
  let taken = 0;
  const loop = (async () => {
    while (snapshotting) {
      await admin("/backups", { reason: "bench, under load" });
      taken += 1;
    }
  })();
  const during = await load(today, { headers });
  snapshotting = false;
  await loop;

  return {
    rows: [
      {
        scenario: "snapshot a user-year (POST /admin/users/{id}/backups)",
        ...take,
        note: `sequential (10); ${rows} rows, ${(snapshot.size_bytes / 1024).toFixed(0)} KiB gzip`,
      },
      {
        scenario: "restore a user-year (POST .../restore backup_id)",
        ...restore,
        note: "sequential (5); includes the pre-restore snapshot",
      },
      {
        scenario: "verify a snapshot in a scratch actor",
        ...verify,
        note: "sequential (5)",
      },
      { scenario: "GET /v1/workouts/today, year user", floor: "F1", ...alone },
      {
        scenario: "GET /v1/workouts/today, snapshots back to back",
        floor: "F1",
        ...during,
        note: `${taken} snapshots during the run (worst case)`,
      },
    ],
    notes: [
      `backups: the year is ${YEAR.sessions} sessions, ${YEAR.sets} sets, ${YEAR.days} weights, ${YEAR.days * YEAR.mealsPerDay} meals`,
    ],
  };
}
