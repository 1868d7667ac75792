import { copyFileSync, existsSync, readFileSync } from "node:fs";

/** Reads a .dev.vars file (KEY=VALUE lines, # comments, optional quotes). */
export function readDevVars(path = ".dev.vars"): Record<string, string> {
  if (!existsSync(path)) return {};
  const vars: Record<string, string> = {};
  for (const line of readFileSync(path, "utf8").split(/\r?\n/)) {
    const match = line.match(/^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/);
    if (!match?.[1]) continue;
    vars[match[1]] = (match[2] ?? "").replace(/^(['"])(.*)\1$/, "$2");
  }
  return vars;
}

/** First `npm run dev` on a fresh clone: start from the committed example. */
export function ensureDevVars(): boolean {
  if (existsSync(".dev.vars")) return false;
  copyFileSync(".dev.vars.example", ".dev.vars");
  return true;
}
