// Validates the Worker's configuration the way the Worker will, before `wrangler dev` or a
// deploy starts, and names what is missing. Exit code 1 on any problem.
//   npm run check-config            wrangler.toml [vars] + .dev.vars (created if absent) + env
//   npm run check-config -- --remote wrangler.toml [vars] + secret names set in Cloudflare
import { execFileSync } from "node:child_process";
import { unstable_readConfig } from "wrangler";
import { parseConfig } from "../worker/config";
import { ensureDevVars, readDevVars } from "./dev-vars";

const remote = process.argv.includes("--remote");
const wranglerVars = Object.fromEntries(
  Object.entries(unstable_readConfig({ config: "wrangler.toml" }).vars ?? {}).map(([k, v]) => [
    k,
    String(v),
  ]),
);

let sources: Record<string, unknown>;
if (remote) {
  // Secret values are never readable; their presence is what matters. A placeholder stands in
  // so the schema checks presence only (length rules are enforced by the Worker at runtime).
  const listed = JSON.parse(
    execFileSync("npx", ["wrangler", "secret", "list", "--format", "json"], { encoding: "utf8" }),
  ) as Array<{ name: string }>;
  const placeholder = "x".repeat(64);
  const secrets = Object.fromEntries(listed.map(({ name }) => [name, placeholder]));
  sources = { ...wranglerVars, ...secrets, LIVEKIT_URL: wranglerVars.LIVEKIT_URL ?? placeholder };
} else {
  if (ensureDevVars()) console.log("check-config: created .dev.vars from .dev.vars.example");
  sources = { ...wranglerVars, ...readDevVars(), ...process.env };
}

const result = parseConfig(sources);
// Signup, password resets and address changes all send email; locally the messages go to the
// log, but a deployed Worker must really send them.
const emailMissing = ["EMAIL_API_URL", "EMAIL_API_KEY"].filter((name) => !sources[name]);
if (remote && emailMissing.length) {
  console.error(`check-config: missing ${emailMissing.join(", ")} (email is sent at signup,`);
  console.error("for password resets and address changes; production cannot log it instead)");
  process.exit(1);
}
if (result.ok) {
  console.log(`check-config: ok (${remote ? "remote secrets" : "local"})`);
} else {
  if (result.missing.length) console.error(`check-config: missing ${result.missing.join(", ")}`);
  if (result.invalid.length) console.error(`check-config: invalid ${result.invalid.join(", ")}`);
  console.error("Set them in .dev.vars for local runs, or with `wrangler secret put NAME`.");
  process.exit(1);
}
