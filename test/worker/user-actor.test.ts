import { env, evictDurableObject, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { STORAGE_SCHEMA_VERSION } from "../../durable-objects/storage/storage-schema";
import { actorFor } from "../../worker/actor";
import { call, signUp } from "./helpers";

/**
 * `stub.account(userId).get()` on the raw stub, pipelined as the edge's client makes it: the
 * answer unchanged (`{account_closed}` included), the concern disposed after, so an eviction
 * does not wait for it. A refused accessor rejects its own promise too: handled here.
 */
async function accountOf(userId: string, actorId = userId) {
  const account = env.USER_ACTOR.getByName(actorId).account(userId);
  account.catch(() => {});
  try {
    return await account.get();
  } finally {
    (account as unknown as Disposable)[Symbol.dispose]();
  }
}

describe("UserActor", () => {
  it("creates its storage schema at the current version on first use", async () => {
    const user = await signUp();
    const stub = env.USER_ACTOR.getByName(user.userId);
    await accountOf(user.userId);
    const version = await runInDurableObject(stub, (_, state) =>
      state.storage.sql.exec<{ version: number }>("SELECT version FROM _schema_version").one(),
    );
    expect(version.version).toBe(STORAGE_SCHEMA_VERSION);
  });

  it("serves the user from its cache after an eviction without asking D1 again", async () => {
    const user = await signUp({ name: "Cached" });
    const stub = env.USER_ACTOR.getByName(user.userId);
    expect(await accountOf(user.userId)).toMatchObject({
      ok: true,
      value: { id: user.userId, name: "Cached" },
    });
    // Change D1 behind the actor's back: a cache hit must not see it.
    await env.DB.prepare("UPDATE users SET name = 'Changed' WHERE id = ?").bind(user.userId).run();
    await evictDurableObject(stub);
    expect(await accountOf(user.userId)).toMatchObject({
      ok: true,
      value: { name: "Cached" },
    });
  });

  it("refuses to serve a user other than the one it is bound to", async () => {
    const alice = await signUp();
    const bob = await signUp();
    await accountOf(alice.userId);
    const outcome = await accountOf(bob.userId, alice.userId).then(
      () => "served",
      (error: Error) => error.message,
    );
    expect(outcome).toMatch(/called for/);
  });

  it("refuses every call once the account is deleted through it, after an eviction too", async () => {
    const user = await signUp();
    expect((await call("/v1/me", { token: user.accessToken })).status).toBe(200);
    await call("/v1/me", {
      method: "DELETE",
      token: user.accessToken,
      body: { current_password: user.password },
    });
    await evictDurableObject(env.USER_ACTOR.getByName(user.userId));
    const outcome = await accountOf(user.userId);
    expect(outcome).toEqual({ account_closed: "deleted" });
  });

  it("answers a closed account's calls with a value, not a thrown error (logged as uncaught)", async () => {
    const suspended = await signUp();
    await actorFor(env, suspended.userId).operator.setSuspended(true);
    await expect(accountOf(suspended.userId)).resolves.toEqual({ account_closed: "suspended" });
    const deleted = await signUp();
    await actorFor(env, deleted.userId).account.delete();
    await expect(accountOf(deleted.userId)).resolves.toEqual({ account_closed: "deleted" });
  });
});
