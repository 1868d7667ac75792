import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { call, json, signUp, uniqueEmail, verifyEmail } from "./helpers";
import { onboard } from "./onboarding-helpers";
import { generate } from "./program-helpers";
import { livekitStubState, startSession } from "./voice-helpers";

// Nothing paid and nothing that touches recovery before the address is verified (issue 26,
// items 2 and 9): no voice or chat, PROGRAM_JOBS_PER_DAY_UNVERIFIED program jobs a day, no
// email change; and an address parked by a stale unverified account is released at signup.

const roomsOf = async (userId: string) =>
  ((await livekitStubState()).rooms as Array<{ name: string }>).filter((room) =>
    room.name.includes(userId),
  );

describe("an unverified account", () => {
  it("cannot start voice (no room, no agent) until it verifies its address", async () => {
    const user = await signUp();
    const refused = await startSession(user);
    expect(refused.status).toBe(403);
    const { error } = await json(refused);
    expect(error.code).toBe("email_not_verified");
    expect(error.message).toContain("/v1/auth/email/verification");
    expect(await roomsOf(user.userId)).toEqual([]);

    await verifyEmail(user);
    expect((await startSession(user)).status).toBe(201);
    expect(await roomsOf(user.userId)).toHaveLength(1);
  });

  it("gets PROGRAM_JOBS_PER_DAY_UNVERIFIED (2) program jobs a day, the rest once verified", async () => {
    const user = await signUp();
    await onboard(user.accessToken);
    for (const weeks of [4, 6])
      expect((await generate(user.accessToken, { duration_weeks: weeks })).status).toBe(202);
    const third = await generate(user.accessToken, { duration_weeks: 8 });
    expect(third.status).toBe(429);
    expect((await json(third)).error.code).toBe("program_quota_exceeded");
    await verifyEmail(user);
    expect((await generate(user.accessToken, { duration_weeks: 8 })).status).toBe(202);
  });

  it("cannot change its email", async () => {
    const user = await signUp();
    const response = await call("/v1/me", {
      method: "PATCH",
      token: user.accessToken,
      body: { email: uniqueEmail("elsewhere"), current_password: user.password },
    });
    expect(response.status).toBe(403);
    expect((await json(response)).error.code).toBe("email_not_verified");
  });
});

describe("signing up with an address an unverified account holds", () => {
  it("is still 409 while that account is younger than UNVERIFIED_ACCOUNT_TTL_HOURS", async () => {
    const holder = await signUp();
    const again = await call("/v1/auth/signup", {
      body: { email: holder.email, password: "another-password-7" },
    });
    expect(again.status).toBe(409);
    expect((await call("/v1/me", { token: holder.accessToken })).status).toBe(200);
  });

  it("releases an older one: erased as a deletion erases, the address to the new signup", async () => {
    const squatter = await signUp();
    await env.DB.prepare("UPDATE users SET created_at = ? WHERE id = ?")
      .bind(new Date(Date.now() - 25 * 3_600_000).toISOString(), squatter.userId)
      .run();
    const owner = await call("/v1/auth/signup", {
      body: { email: squatter.email, password: "owners-password-8" },
    });
    expect(owner.status).toBe(201);
    const created = await json(owner);
    expect(created.user).toMatchObject({ email: squatter.email, email_verified: false });
    expect(created.user.id).not.toBe(squatter.userId);
    expect((await call("/v1/me", { token: squatter.accessToken })).status).toBe(401);
    const tombstone = await env.DB.prepare("SELECT account_status, email FROM users WHERE id = ?")
      .bind(squatter.userId)
      .first();
    expect(tombstone).toEqual({ account_status: "deleted", email: null });
    const login = await call("/v1/auth/login", {
      body: { email: squatter.email, password: squatter.password },
    });
    expect(login.status).toBe(401);
  });

  it("never releases a verified account, however old", async () => {
    const holder = await signUp({ verified: true });
    await env.DB.prepare("UPDATE users SET created_at = ? WHERE id = ?")
      .bind(new Date(Date.now() - 30 * 86_400_000).toISOString(), holder.userId)
      .run();
    const again = await call("/v1/auth/signup", {
      body: { email: holder.email, password: "another-password-7" },
    });
    expect(again.status).toBe(409);
  });
});
