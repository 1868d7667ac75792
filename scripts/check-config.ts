// Validates the Worker's configuration the way the Worker will, before `wrangler dev` or a
// deploy starts, and names what is missing. Exit code 1 on any problem.
//   npm run check-config            wrangler.toml [vars] + .dev.vars (created if absent) + env
//   npm run check-config -- --remote --env staging|production
//                                   that environment's vars + secret names set in Cloudflare,
//                                   and a real D1 database id
import { execFileSync } from "node:child_process";
import { unstable_readConfig } from "wrangler";
import { parseConfig } from "../kernel/config";
import { ensureDevVars, readDevVars } from "./dev-vars";

const remote = process.argv.includes("--remote");
const envIndex = process.argv.indexOf("--env");
const env = envIndex > 0 ? process.argv[envIndex + 1] : undefined;
if (remote && !env) {
  console.error("check-config: --remote needs --env staging|production");
  process.exit(1);
}
const wrangler = unstable_readConfig({ config: "wrangler.toml", env });
const wranglerVars = Object.fromEntries(
  Object.entries(wrangler.vars ?? {}).map(([k, v]) => [k, String(v)]),
);
// The ids in wrangler.toml are placeholders until `wrangler d1 create` prints the real one.
const placeholderDb = (wrangler.d1_databases ?? []).find((db: { database_id?: string }) =>
  /^0{8}-0{4}-0{4}-0{4}-0{10}/.test(db.database_id ?? ""),
);
if (remote && placeholderDb) {
  console.error(
    `check-config: ${placeholderDb.database_name} has the placeholder database_id; run ` +
      `\`wrangler d1 create ${placeholderDb.database_name}\` and put its id in wrangler.toml`,
  );
  process.exit(1);
}

let sources: Record<string, unknown>;
if (remote) {
  // Secret values are never readable; their presence is what matters. A placeholder stands in
  // so the schema checks presence only (length rules are enforced by the Worker at runtime).
  const listed = JSON.parse(
    execFileSync(
      "npx",
      ["wrangler", "secret", "list", "--format", "json", "--env", env as string],
      { encoding: "utf8" },
    ),
  ) as Array<{ name: string }>;
  const placeholder = "x".repeat(64);
  const secrets: Record<string, string> = Object.fromEntries(
    listed.map(({ name }) => [name, placeholder]),
  );
  // LIVEKIT_URL is a secret too; a URL stands in so the schema checks its presence only.
  if (secrets.LIVEKIT_URL) secrets.LIVEKIT_URL = "wss://placeholder.livekit.cloud";
  sources = { ...wranglerVars, ...secrets };
} else {
  if (ensureDevVars()) console.log("check-config: created .dev.vars from .dev.vars.example");
  sources = { ...wranglerVars, ...readDevVars(), ...process.env };
}

const result = parseConfig(sources);
// Signup, password resets and address changes all send email; locally the messages go to the
// log, but a deployed Worker must really send them.
// Their links need the app's address: unset, a local Worker uses the request's own origin,
// which a deployment must not trust.
const emailMissing = ["EMAIL_API_URL", "EMAIL_API_KEY", "APP_URL"].filter((name) => !sources[name]);
if (remote && emailMissing.length) {
  console.error(`check-config: missing ${emailMissing.join(", ")} (email is sent at signup,`);
  console.error("for password resets and address changes, with links to APP_URL; production");
  console.error("cannot log it instead)");
  process.exit(1);
}
if (result.ok) {
  console.log(`check-config: ok (${remote ? `${env}: vars and secret names` : "local"})`);
} else {
  if (result.missing.length) console.error(`check-config: missing ${result.missing.join(", ")}`);
  if (result.invalid.length) console.error(`check-config: invalid ${result.invalid.join(", ")}`);
  console.error(
    "Set them in .dev.vars for local runs, or with `wrangler secret put NAME --env ENV`.",
  );
  process.exit(1);
}
