// Imports a free-exercise-db exercises.json into the local D1 (the same database
// `npm run dev` serves):
//   npm run exercises:import -- FILE [--persist-to DIR] [--image-base-url URL] [--dry-run] [--json]
// Records that cannot be mapped onto our vocabularies are skipped and reported by reason.
// Idempotent: an exercise already stored with the same content is not written again.
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { convertV4MiniflareOptions, Miniflare } from "miniflare";
import { unstable_readConfig } from "wrangler";
import { upsertExercises } from "../d1/exercises";
import { validateFreeExerciseDbFile } from "../engine/coaching/free-exercise-db";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    "persist-to": { type: "string" },
    "image-base-url": { type: "string" },
    "dry-run": { type: "boolean", default: false },
    json: { type: "boolean", default: false },
  },
});

const file = positionals[0];
if (!file) {
  console.error(
    "usage: npm run exercises:import -- FILE [--persist-to DIR] [--image-base-url URL] [--dry-run] [--json]",
  );
  process.exit(2);
}

let json: unknown;
try {
  json = JSON.parse(readFileSync(file, "utf8"));
} catch (error) {
  console.error(`exercises:import: cannot read ${file}: ${(error as Error).message}`);
  process.exit(1);
}
const mapped = validateFreeExerciseDbFile(json, { imageBaseUrl: values["image-base-url"] });
if (!mapped.ok) {
  console.error(`exercises:import: ${file} is not a free-exercise-db file (${mapped.error})`);
  process.exit(1);
}

const report: Record<string, unknown> = { file, ...mapped.counts };
if (!values["dry-run"]) {
  // The same SQLite file `wrangler dev` uses: D1 lives under <persist-to>/v3/d1, keyed by the
  // database_id in wrangler.toml (wrangler opens it the same way: v3 is the resource root).
  const persistTo = values["persist-to"] ?? ".wrangler/state";
  const databaseId = unstable_readConfig({ config: "wrangler.toml" }).d1_databases[0]?.database_id;
  const mf = new Miniflare(
    convertV4MiniflareOptions({
      modules: true,
      script: "export default { fetch() { return new Response(null, { status: 404 }); } }",
      d1Databases: { DB: databaseId ?? "DB" },
      resourcePersistencePath: path.join(persistTo, "v3"),
    }),
  );
  try {
    const db = (await mf.getD1Database("DB")) as unknown as D1Database;
    const table = await db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'exercises'")
      .first();
    if (!table) {
      console.error("exercises:import: no exercises table; run `npm run db:migrate:local` first");
      process.exit(1);
    }
    Object.assign(report, await upsertExercises(db, mapped.mapped));
  } finally {
    await mf.dispose();
  }
}

if (values.json) {
  console.log(JSON.stringify(report));
} else {
  console.log(
    `records ${mapped.counts.total}: mapped ${mapped.counts.mapped}, skipped ${mapped.counts.skipped}`,
  );
  for (const [reason, count] of Object.entries(mapped.counts.by_reason).sort((a, b) => b[1] - a[1]))
    console.log(`  skipped ${count}: ${reason}`);
  if (!values["dry-run"])
    console.log(
      `D1: inserted ${report.inserted}, updated ${report.updated}, unchanged ${report.unchanged}`,
    );
}
