import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { onboardedUser, signUp } from "../support/api-client";
import {
  buildBundle,
  type LocalWorker,
  startMiniflare,
  type WorkerBundle,
} from "../support/local-worker";

// `npm run backup:verify` against the production bundle served by Miniflare (local D1, R2 and
// actors): an operator checks that a test user's snapshot restores equal.

let bundle: WorkerBundle;
let worker: LocalWorker;
let adminToken: string;

beforeAll(async () => {
  bundle = buildBundle();
  worker = await startMiniflare(bundle.scriptPath, 0);
  const operator = await signUp(worker.url);
  await worker.sql?.("UPDATE users SET role = 'admin' WHERE id = ?", operator.userId);
  const login = await fetch(`${worker.url}/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: operator.email, password: operator.password }),
  });
  adminToken = ((await login.json()) as { access_token: string }).access_token;
}, 120_000);

afterAll(async () => {
  await worker?.stop();
  bundle?.cleanup();
});

const verify = (userId: string) =>
  spawnSync("npx", ["tsx", "scripts/backup-verify.ts", "--url", worker.url, "--user", userId], {
    env: { ...process.env, ADMIN_TOKEN: adminToken },
    encoding: "utf8",
  });

describe("npm run backup:verify", () => {
  it("restores the user's newest snapshot into a scratch actor and reports it equal", async () => {
    const user = await onboardedUser(worker.url);
    expect(verify(user.userId).status).toBe(1);
    const taken = await fetch(`${worker.url}/admin/users/${user.userId}/backups`, {
      method: "POST",
      headers: { authorization: `Bearer ${adminToken}`, "content-type": "application/json" },
      body: "{}",
    });
    expect(taken.status).toBe(201);
    const { id } = (await taken.json()) as { id: string };
    const run = verify(user.userId);
    expect(run.stderr).toBe("");
    expect(run.stdout).toContain(`backup:verify: ${id} restores equal`);
    expect(run.status).toBe(0);
  }, 120_000);
});
