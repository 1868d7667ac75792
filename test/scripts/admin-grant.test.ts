import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// `npm run admin:grant` against a real local D1 (the one `wrangler dev --persist-to` serves).
// The remote path (--env) differs only in wrangler's --remote/--env flags.

const env = {
  ...process.env,
  WRANGLER_SEND_METRICS: "false",
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
  CI: "true",
};
let state: string;

const d1 = (...args: string[]) =>
  execFileSync("npx", ["wrangler", "d1", ...args, "--local", "--persist-to", state], {
    env,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "ignore"],
  });

const grant = (...args: string[]) =>
  spawnSync("npx", ["tsx", "scripts/admin-grant.ts", ...args, "--persist-to", state], {
    env,
    encoding: "utf8",
  });

const roleOf = (id: string) =>
  JSON.parse(
    d1("execute", "DB", "--json", "--command", `SELECT role FROM users WHERE id = '${id}'`),
  )[0].results[0].role;

beforeAll(() => {
  state = mkdtempSync(path.join(tmpdir(), "admin-grant-test-"));
  d1("migrations", "apply", "DB");
  d1(
    "execute",
    "DB",
    "--command",
    "INSERT INTO users (id, email) VALUES ('op-1', 'ops@example.com'), ('op-2', 'ops2@example.com')",
  );
}, 120_000);

afterAll(() => rmSync(state, { recursive: true, force: true }));

describe("npm run admin:grant", () => {
  it("makes the account with that email (any case) an admin, says so, and --revoke takes it back", () => {
    const granted = grant("Ops@Example.com");
    expect(granted.status).toBe(0);
    expect(granted.stdout).toMatch(
      /ops@example\.com \(user op-1\) is now role admin in the local D1/,
    );
    expect(roleOf("op-1")).toBe("admin");
    expect(grant("ops2@example.com").status).toBe(0);
    expect(grant("ops2@example.com", "--revoke").status).toBe(0);
    expect(roleOf("op-2")).toBe("user");
  }, 120_000);

  it("refuses to take the role from the last active admin (recovery would need raw SQL)", () => {
    const revoked = grant("ops@example.com", "--revoke");
    expect(revoked.status).toBe(1);
    expect(revoked.stderr).toMatch(/ops@example\.com is the last active admin/);
    expect(roleOf("op-1")).toBe("admin");
  }, 120_000);

  it("exits 1 when no account has the email, and 2 for something that is not one", () => {
    const missing = grant("nobody@example.com");
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/no account with the email nobody@example\.com/);
    expect(grant("ops@example.com' OR 1=1 --").status).toBe(2);
    expect(grant("ops@example.com", "--env", "qa").status).toBe(2);
  }, 120_000);
});
