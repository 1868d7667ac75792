// Applies the D1 migrations to the local database (`npm run db:migrate:local`, run by
// `npm run dev`) with wrangler, printing one line per migration applied instead of wrangler's
// tables. On a failure wrangler's whole output is printed, as it said it.
//   npm run db:migrate:local [-- --persist-to DIR]
import { spawnSync } from "node:child_process";

const run = spawnSync(
  "npx",
  ["wrangler", "d1", "migrations", "apply", "DB", "--local", ...process.argv.slice(2)],
  {
    encoding: "utf8",
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false" },
  },
);
const output = `${run.stdout ?? ""}${run.stderr ?? ""}`;
if (run.status !== 0) {
  process.stderr.write(output);
  console.error(`db:migrate:local: wrangler exited ${run.status ?? run.signal}`);
  process.exit(1);
}
// wrangler's result table has one row per migration ("│ 0003_profiles.sql │ ✅ │"), and
// without a terminal it prints the table again after each one.
const applied = new Set([...output.matchAll(/│\s*(\S+\.sql)\s*│\s*✅/g)].map((match) => match[1]));
for (const name of applied) console.log(`db:migrate:local: applied ${name}`);
if (!applied.size) console.log("db:migrate:local: the local database is up to date");
