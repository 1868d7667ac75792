import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The importer CLI end to end, against a real local D1 (the one `wrangler dev --persist-to`
// would serve) and the real free-exercise-db dataset committed in data/.

const DATASET = path.resolve("data/free-exercise-db/exercises.json");
const env = {
  ...process.env,
  WRANGLER_SEND_METRICS: "false",
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
  CI: "true",
};
let state: string;

function importFile(file: string): Record<string, any> {
  const out = execFileSync(
    "npx",
    ["tsx", "scripts/import-exercises.ts", file, "--persist-to", state, "--json"],
    {
      env,
      encoding: "utf8",
    },
  );
  return JSON.parse(out.trim().split("\n").at(-1) ?? "{}");
}

beforeAll(() => {
  state = mkdtempSync(path.join(tmpdir(), "import-test-"));
  execFileSync(
    "npx",
    ["wrangler", "d1", "migrations", "apply", "DB", "--local", "--persist-to", state],
    {
      env,
      stdio: "ignore",
    },
  );
}, 120_000);

afterAll(() => rmSync(state, { recursive: true, force: true }));

describe("npm run exercises:import", () => {
  it("maps the free-exercise-db file, reports skips by reason, and a second import changes nothing", () => {
    const first = importFile(DATASET);
    expect(first.total).toBe(873);
    expect(first.mapped + first.skipped).toBe(873);
    expect(first.mapped).toBeGreaterThan(800);
    const reasons = Object.values(first.by_reason as Record<string, number>).reduce(
      (a, b) => a + b,
      0,
    );
    expect(reasons).toBe(first.skipped);
    expect(first).toMatchObject({ inserted: first.mapped, updated: 0, unchanged: 0 });

    const second = importFile(DATASET);
    expect(second).toMatchObject({ inserted: 0, updated: 0, unchanged: first.mapped });
  }, 120_000);

  it("updates only the records whose content changed", () => {
    const records = JSON.parse(readFileSync(DATASET, "utf8"));
    records[0].name = `${records[0].name} (edited)`;
    const edited = path.join(state, "edited.json");
    writeFileSync(edited, JSON.stringify(records));
    const report = importFile(edited);
    expect(report).toMatchObject({ inserted: 0, updated: 1 });
    expect(report.unchanged).toBe(report.mapped - 1);
  }, 120_000);

  it("refuses a file that is not a free-exercise-db export", () => {
    const bad = path.join(state, "bad.json");
    writeFileSync(bad, JSON.stringify({ exercises: [] }));
    expect(() =>
      execFileSync("npx", ["tsx", "scripts/import-exercises.ts", bad, "--persist-to", state], {
        env,
        stdio: "pipe",
      }),
    ).toThrow(/top_level_not_array/);
  }, 60_000);
});
