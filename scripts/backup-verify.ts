// Checks that a user's snapshot restores: the deployed (or local) Worker restores it into a
// scratch actor and compares rows and checksums per table with the snapshot
// (POST /admin/users/{id}/backups/{backup_id}/verify). The newest snapshot unless --backup.
//   ADMIN_TOKEN=... npm run backup:verify -- --url https://api.example.com --user USER_ID [--backup ID]
// Exits 1 when the snapshot does not read back equal (or the user has none), 2 on bad usage.
// The same check runs nightly on a sample of users (the cron trigger, worker/backups/).
import { parseArgs } from "node:util";

const USAGE =
  "usage: ADMIN_TOKEN=... npm run backup:verify -- --url URL --user USER_ID [--backup BACKUP_ID]";
const { values } = parseArgs({
  options: {
    url: { type: "string", default: "http://127.0.0.1:8787" },
    user: { type: "string" },
    backup: { type: "string" },
  },
});
const token = process.env.ADMIN_TOKEN;
if (!token || !values.user) {
  console.error(`backup:verify: give ADMIN_TOKEN and --user\n${USAGE}`);
  process.exit(2);
}

interface Verification {
  equal: boolean;
  migrated: boolean;
  duration_ms: number;
  tables: Array<{ table: string; rows: number; restored_rows: number; checksum_equal: boolean }>;
}

async function admin<T>(path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${values.url}/admin/users/${values.user}${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const answer = (await response.json()) as T;
  if (!response.ok) {
    console.error(`backup:verify: ${path}: ${response.status} ${JSON.stringify(answer)}`);
    process.exit(1);
  }
  return answer;
}

const backupId: string | undefined =
  values.backup ?? (await admin<{ items: Array<{ id: string }> }>("/backups")).items[0]?.id;
if (!backupId) {
  console.error("backup:verify: the user has no snapshot yet");
  process.exit(1);
}
const result = await admin<Verification>(`/backups/${backupId}/verify`, {
  reason: "npm run backup:verify",
});
console.table(result.tables);
console.log(
  `backup:verify: ${backupId} ${result.equal ? "restores equal" : "DIFFERS"}` +
    `${result.migrated ? " (older schema: rows compared)" : ""} in ${result.duration_ms} ms`,
);
process.exit(result.equal ? 0 : 1);
