// `npm run dev [-- wrangler dev flags]`: builds the static assets, checks the configuration
// (creating .dev.vars from the example), applies the local D1 migrations, then runs
// `wrangler dev` with its flags (`--port 8880`, `--ip 0.0.0.0`). No Cloudflare login,
// telemetry or cf-fetch.
//
// One line per request: the Worker logs each request itself (a JSON line with its request id
// and user), so wrangler's own request lines are dropped from its output. wrangler has no
// switch for those (its proxy logs them at the level that also shows the Worker's lines), so
// its output passes through this filter; wrangler then sees no terminal and leaves out its
// hotkeys (Ctrl-C stops it). The address goes to .wrangler/dev-server.json, where
// `npm run console:dev` finds the API.
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { createInterface } from "node:readline";
import { devServerUrl } from "./dev-address";

const args = process.argv.slice(2);
const env = {
  ...process.env,
  WRANGLER_SEND_METRICS: "false",
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
};

for (const step of ["build:assets", "check-config", "db:migrate:local"]) {
  const run = spawnSync("npm", ["run", "--silent", step], { stdio: "inherit", env });
  if (run.status !== 0) process.exit(run.status ?? 1);
}

mkdirSync(".wrangler", { recursive: true });
writeFileSync(".wrangler/dev-server.json", `${JSON.stringify({ url: devServerUrl(args) })}\n`);

const REQUEST_LINE = /^\[wrangler:info\] [A-Z]+ \/\S* \d{3} /;
// biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI colour codes
const ANSI = /\u001b\[[0-9;]*m/g;

// wrangler itself, not through npx, so a signal to this process reaches it.
const wranglerBin = path.join(
  path.dirname(createRequire(import.meta.url).resolve("wrangler/package.json")),
  "bin/wrangler.js",
);
const wrangler = spawn(process.execPath, [wranglerBin, "dev", ...args], {
  stdio: ["inherit", "pipe", "inherit"],
  env: { ...env, ...(process.stdout.isTTY ? { FORCE_COLOR: "1" } : {}) },
});
createInterface({ input: wrangler.stdout }).on("line", (line) => {
  if (!REQUEST_LINE.test(line.replace(ANSI, ""))) console.log(line);
});
for (const signal of ["SIGINT", "SIGTERM"] as const)
  process.on(signal, () => wrangler.kill(signal));
wrangler.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
