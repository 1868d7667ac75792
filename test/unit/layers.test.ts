import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// Who may import whom (docs/architecture.md): the kernel imports nothing of ours, the engine
// only the kernel, the actor never the edge, and the edge reaches the actor only through its
// one client (worker/actor.ts, by type) and the Worker's export of the actor classes. A
// feature that breaks the rule fails here, not in review.

const FOLDERS = ["kernel", "engine", "d1", "providers", "worker", "durable-objects"] as const;
type Folder = (typeof FOLDERS)[number];

const sources = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return sources(file);
    return /\.tsx?$/.test(name) && !name.endsWith(".d.ts") ? [file] : [];
  });

interface Import {
  from: string;
  to: string;
  typeOnly: boolean;
}

/** Every relative import and re-export of our folders, with whether it is type-only. */
function importsOf(file: string): Import[] {
  const text = readFileSync(file, "utf8");
  const found: Import[] = [];
  const statement = /^\s*(import|export)\s+(type\s+)?([^;]*?)\s+from\s+["'](\.[^"']+)["']/gms;
  for (const match of text.matchAll(statement)) {
    const names = (match[3] ?? "").trim();
    const allTypes =
      /^\{[^}]*\}$/s.test(names) &&
      names
        .slice(1, -1)
        .split(",")
        .map((name) => name.trim())
        .filter(Boolean)
        .every((name) => name.startsWith("type "));
    found.push({
      from: file,
      to: path.normalize(path.join(path.dirname(file), match[4] ?? "")),
      typeOnly: Boolean(match[2]) || allTypes,
    });
  }
  for (const match of text.matchAll(/import\(\s*["'](\.[^"']+)["']\s*\)/g))
    found.push({
      from: file,
      to: path.normalize(path.join(path.dirname(file), match[1] ?? "")),
      typeOnly: false,
    });
  return found;
}

const folderOf = (file: string): Folder | null =>
  FOLDERS.find((folder) => file.startsWith(`${folder}${path.sep}`)) ?? null;

const imports = FOLDERS.flatMap((folder) => sources(folder)).flatMap(importsOf);
const into = (from: Folder, allowed: Folder[]) =>
  imports
    .filter((i) => folderOf(i.from) === from)
    .filter((i) => {
      const to = folderOf(i.to);
      return to !== null && !allowed.includes(to);
    })
    .map((i) => `${i.from} -> ${i.to}`);

describe("who may import whom", () => {
  it("the kernel imports only the kernel", () => {
    expect(into("kernel", ["kernel"])).toEqual([]);
  });

  it("the engine imports only the kernel and itself", () => {
    expect(into("engine", ["kernel", "engine"])).toEqual([]);
  });

  it("D1 access and the outside services' clients import neither the edge nor the actor", () => {
    expect(into("d1", ["kernel", "engine", "d1"])).toEqual([]);
    expect(into("providers", ["kernel", "providers"])).toEqual([]);
  });

  it("the actor never imports the edge", () => {
    expect(
      into("durable-objects", ["kernel", "engine", "d1", "providers", "durable-objects"]),
    ).toEqual([]);
  });

  it("the edge reaches the actor only through worker/actor.ts, by type", () => {
    const crossings = imports
      .filter((i) => folderOf(i.from) === "worker" && folderOf(i.to) === "durable-objects")
      .map((i) => `${i.from} -> ${i.to}${i.typeOnly ? " (type)" : ""}`);
    expect(crossings.sort()).toEqual([
      // The Worker exports the classes the runtime instantiates; nothing else is a value.
      `${path.join("worker", "actor.ts")} -> ${path.join("durable-objects", "user-actor")} (type)`,
      `${path.join("worker", "index.ts")} -> ${path.join("durable-objects", "account", "deleted-account-usage")}`,
      `${path.join("worker", "index.ts")} -> ${path.join("durable-objects", "rate-limiter")}`,
      `${path.join("worker", "index.ts")} -> ${path.join("durable-objects", "user-actor")}`,
    ]);
  });

  it("finds the imports it checks (the scan itself works)", () => {
    expect(imports.length).toBeGreaterThan(500);
    expect(imports.some((i) => i.typeOnly)).toBe(true);
  });
});
