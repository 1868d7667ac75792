// npm run deps: what is outdated, from `npm outdated`, sorted into three kinds:
//   behind      a newer release exists and docs/dependencies.md does not say why we wait
//   held        a newer release exists and docs/dependencies.md's "Held back" table says why
//   ahead       our pin is newer than the registry's `latest` tag (a beta line, or a tag that
//               lags; nothing to do)
// Exit code 1 when anything is behind without a reason: upgrade it or write the reason down.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";

interface Outdated {
  current?: string;
  latest: string;
  dependent: string;
}

/** `npm outdated` exits 1 whenever something is outdated; its JSON is on stdout either way. */
function npmOutdated(): Record<string, Outdated | Outdated[]> {
  try {
    return JSON.parse(execFileSync("npm", ["outdated", "--json"], { encoding: "utf8" }) || "{}");
  } catch (error) {
    const stdout = (error as { stdout?: string }).stdout;
    if (!stdout) throw error;
    return JSON.parse(stdout);
  }
}

/** The first column of docs/dependencies.md's "Held back" table: package names in backticks. */
function heldBack(): Map<string, string> {
  const doc = readFileSync(join(import.meta.dirname, "../docs/dependencies.md"), "utf8");
  const section = doc.split(/^## Held back/m)[1]?.split(/^## /m)[0] ?? "";
  const held = new Map<string, string>();
  for (const line of section.split("\n")) {
    const cells = line.split("|").map((cell) => cell.trim());
    const names = cells[1]?.match(/`[^`]+`/g) ?? [];
    // The reason's first sentence; the table has the rest.
    const reason = (cells[4] ?? "").split(/(?<=\.)\s/)[0]?.replaceAll("`", "") ?? "";
    for (const name of names) held.set(name.slice(1, -1), reason);
  }
  return held;
}

/** Numeric comparison of x.y.z; a prerelease sorts before its release. */
function compare(a: string, b: string): number {
  const [coreA = "", preA] = a.split("-", 2);
  const [coreB = "", preB] = b.split("-", 2);
  const partsA = coreA.split(".").map(Number);
  const partsB = coreB.split(".").map(Number);
  for (let i = 0; i < 3; i++) {
    const diff = (partsA[i] ?? 0) - (partsB[i] ?? 0);
    if (diff !== 0) return diff;
  }
  if (preA === preB) return 0;
  return preA === undefined ? 1 : preB === undefined ? -1 : preA < preB ? -1 : 1;
}

const held = heldBack();
const rows: Array<[kind: string, name: string, current: string, latest: string, note: string]> = [];
for (const [name, entries] of Object.entries(npmOutdated())) {
  for (const entry of [entries].flat()) {
    const current = entry.current ?? "missing";
    const where = entry.dependent;
    if (entry.current && compare(entry.current, entry.latest) >= 0) {
      rows.push(["ahead", name, current, entry.latest, `${where}: newer than the 'latest' tag`]);
    } else if (held.has(name)) {
      rows.push(["held", name, current, entry.latest, `${where}: ${held.get(name)}`]);
    } else {
      rows.push(["behind", name, current, entry.latest, `${where}: not in docs/dependencies.md`]);
    }
  }
}

const order = ["behind", "held", "ahead"];
rows.sort((a, b) => order.indexOf(a[0]) - order.indexOf(b[0]) || a[1].localeCompare(b[1]));
const width = (i: number) => Math.max(...rows.map((row) => row[i]?.length ?? 0), 0);
for (const row of rows) {
  const cells = row.slice(0, 4).map((cell, i) => cell.padEnd(width(i)));
  console.log(`${cells.join("  ")}  ${row[4]}`);
}
const behind = rows.filter((row) => row[0] === "behind").length;
console.log(
  rows.length === 0
    ? "deps: everything is on its latest release"
    : `deps: ${behind} behind without a reason, ${rows.length - behind} held or ahead`,
);
process.exit(behind > 0 ? 1 : 0);
