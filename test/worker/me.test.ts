import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { call, deleteAccount, json, signUp } from "./helpers";

describe("GET /v1/me", () => {
  it("returns the signed-in user with onboarding status", async () => {
    const user = await signUp({ name: "Robin" });
    const response = await call("/v1/me", { token: user.accessToken });
    expect(response.status).toBe(200);
    expect(await json(response)).toMatchObject({
      id: user.userId,
      email: user.email,
      name: "Robin",
      onboarding_completed: false,
      onboarding_completed_at: null,
    });
  });

  it("shows each user only their own record", async () => {
    const alice = await signUp({ name: "Alice" });
    const bob = await signUp({ name: "Bob" });
    const asAlice = await json(await call("/v1/me", { token: alice.accessToken }));
    const asBob = await json(await call("/v1/me", { token: bob.accessToken }));
    expect(asAlice.id).toBe(alice.userId);
    expect(asBob.id).toBe(bob.userId);
    expect(asAlice.email).not.toBe(asBob.email);
  });
});

describe("DELETE /v1/me", () => {
  it("leaves a tombstone row; tokens and login stop working, the email is freed", async () => {
    const user = await signUp();
    const response = await deleteAccount(user);
    expect(response.status).toBe(200);
    expect(await json(response)).toEqual({ status: "deleted", erased: true });

    const row = await env.DB.prepare(
      "SELECT account_status, deleted_at, email FROM users WHERE id = ?",
    )
      .bind(user.userId)
      .first<{ account_status: string; deleted_at: string | null; email: string | null }>();
    expect(row?.account_status).toBe("deleted");
    expect(row?.deleted_at).not.toBeNull();
    expect(row?.email).toBeNull();

    expect((await call("/v1/me", { token: user.accessToken })).status).toBe(401);
    const login = await call("/v1/auth/login", {
      body: { email: user.email, password: user.password },
    });
    expect(login.status).toBe(401);
    const refresh = await call("/v1/auth/refresh", { body: { refresh_token: user.refreshToken } });
    expect(refresh.status).toBe(401);
    const again = await call("/v1/auth/signup", {
      body: { email: user.email, password: "correct-horse-42" },
    });
    expect(again.status).toBe(201);
  });
});
