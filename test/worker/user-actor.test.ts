import { env, evictDurableObject, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { STORAGE_SCHEMA_VERSION } from "../../durable-objects/storage/storage-schema";
import { call, signUp } from "./helpers";

describe("UserActor", () => {
  it("creates its storage schema at the current version on first use", async () => {
    const user = await signUp();
    const stub = env.USER_ACTOR.getByName(user.userId);
    await stub.getUser(user.userId);
    const version = await runInDurableObject(stub, (_, state) =>
      state.storage.sql.exec<{ version: number }>("SELECT version FROM _schema_version").one(),
    );
    expect(version.version).toBe(STORAGE_SCHEMA_VERSION);
  });

  it("serves the user from its cache after an eviction without asking D1 again", async () => {
    const user = await signUp({ name: "Cached" });
    const stub = env.USER_ACTOR.getByName(user.userId);
    expect(await stub.getUser(user.userId)).toMatchObject({
      ok: true,
      value: { id: user.userId, name: "Cached" },
    });
    // Change D1 behind the actor's back: a cache hit must not see it.
    await env.DB.prepare("UPDATE users SET name = 'Changed' WHERE id = ?").bind(user.userId).run();
    await evictDurableObject(stub);
    const fresh = env.USER_ACTOR.getByName(user.userId);
    expect(await fresh.getUser(user.userId)).toMatchObject({ ok: true, value: { name: "Cached" } });
  });

  it("refuses to serve a user other than the one it is bound to", async () => {
    const alice = await signUp();
    const bob = await signUp();
    const stub = env.USER_ACTOR.getByName(alice.userId);
    await stub.getUser(alice.userId);
    const outcome = await stub.getUser(bob.userId).then(
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
    const outcome = await env.USER_ACTOR.getByName(user.userId).getUser(user.userId);
    expect(outcome).toEqual({ account_closed: "deleted" });
  });

  it("answers a closed account's calls with a value, not a thrown error (logged as uncaught)", async () => {
    const suspended = await signUp();
    const stub = env.USER_ACTOR.getByName(suspended.userId);
    await stub.setSuspended(suspended.userId, true);
    await expect(stub.getUser(suspended.userId)).resolves.toEqual({ account_closed: "suspended" });
    const deleted = await signUp();
    await env.USER_ACTOR.getByName(deleted.userId).deleteAccount(deleted.userId);
    await expect(env.USER_ACTOR.getByName(deleted.userId).getUser(deleted.userId)).resolves.toEqual(
      { account_closed: "deleted" },
    );
  });
});
