// Makes an existing account an operator (role `admin`), or takes the role back. Never done
// through the API: whoever can run this can already write the database.
//   npm run admin:grant -- EMAIL [--env staging|production] [--revoke] [--persist-to DIR]
// Without --env it changes the local D1 (`npm run dev`'s); with it, that environment's
// remote D1 (wrangler must be logged in). The user signs in again (or refreshes) to get a
// token that carries the role. Exits 1 when no account has that email, or when --revoke would
// leave no active admin (recovering from that would need raw SQL).
import { execFileSync } from "node:child_process";
import { parseArgs } from "node:util";
import { z } from "zod";

const USAGE =
  "usage: npm run admin:grant -- EMAIL [--env staging|production] [--revoke] [--persist-to DIR]";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    env: { type: "string" },
    revoke: { type: "boolean", default: false },
    "persist-to": { type: "string" },
  },
});

function usage(problem: string): never {
  console.error(`admin:grant: ${problem}\n${USAGE}`);
  process.exit(2);
}

const emailArg = positionals[0];
if (!emailArg || positionals.length > 1) usage("give exactly one email address");
const parsed = z.string().trim().toLowerCase().email().max(254).safeParse(emailArg);
// The address goes into SQL text (wrangler d1 execute binds no parameters): no quotes at all.
if (!parsed.success || /['"\\;]/.test(parsed.data)) usage(`not an email address: ${emailArg}`);
const email = parsed.data;
const environment = values.env;
if (environment !== undefined && environment !== "staging" && environment !== "production")
  usage(`unknown environment: ${environment}`);
if (environment && values["persist-to"]) usage("--persist-to is for the local database only");

const role = values.revoke ? "user" : "admin";
const account = `email = '${email}' AND deleted_at IS NULL`;
// A revoke keeps at least one active admin, checked in the same statement.
const anotherAdmin =
  "EXISTS (SELECT 1 FROM users AS other WHERE other.role = 'admin' AND " +
  "other.account_status = 'active' AND other.deleted_at IS NULL AND other.id <> users.id)";
const command =
  `UPDATE users SET role = '${role}', updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') ` +
  `WHERE ${account}${values.revoke ? ` AND (role <> 'admin' OR ${anotherAdmin})` : ""} ` +
  "RETURNING id, email, role";

/** Runs one statement on the D1 (`wrangler d1 execute`, which binds no parameters). */
function execute(statement: string): Array<{ id: string; role: string }> {
  const args = [
    "wrangler",
    "d1",
    "execute",
    "DB",
    environment ? "--remote" : "--local",
    ...(environment ? ["--env", environment] : []),
    ...(values["persist-to"] ? ["--persist-to", values["persist-to"]] : []),
    "--command",
    statement,
    "--json",
  ];
  try {
    const output = execFileSync("npx", args, {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
      env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
    });
    return (JSON.parse(output) as Array<{ results?: Array<{ id: string; role: string }> }>).flatMap(
      (result) => result.results ?? [],
    );
  } catch (error) {
    console.error(`admin:grant: wrangler d1 execute failed (${(error as Error).message})`);
    process.exit(1);
  }
}

const where = environment ? `${environment} (remote D1)` : "the local D1";
const user = execute(command)[0];
if (!user) {
  const exists = values.revoke && execute(`SELECT id, role FROM users WHERE ${account}`)[0];
  console.error(
    exists
      ? `admin:grant: ${email} is the last active admin in ${where}; make another admin first`
      : `admin:grant: no account with the email ${email} in ${where}`,
  );
  process.exit(1);
}
console.log(
  `admin:grant: ${email} (user ${user.id}) is now role ${user.role} in ${where}; ` +
    "their next login or token refresh carries it.",
);
