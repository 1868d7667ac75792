import { importJWK, SignJWT } from "jose";
import { describe, expect, inject, it } from "vitest";
import {
  call,
  freshIp,
  json,
  linkToken,
  mailTo,
  type SignedUp,
  sentTo,
  signUp,
  uniqueEmail,
} from "./helpers";

// A stolen access token alone cannot take an account over or wipe it (issue 26, items 1, 3
// and 5): changing the email and deleting the account need the current password, which goes
// through the login guard; a pending email change can be cancelled and dies with a password
// change or reset.

const NEW_PASSWORD = "battery-staple-77";

const patchMe = (user: SignedUp, body: Record<string, unknown>, ip?: string) =>
  call("/v1/me", { method: "PATCH", token: user.accessToken, body, ...(ip ? { ip } : {}) });

/** Starts an email change with the right password; the new address and its link's token. */
async function pendingChange(user: SignedUp) {
  const address = uniqueEmail("moved");
  const response = await patchMe(user, { email: address, current_password: user.password });
  expect(response.status).toBe(200);
  return { address, token: linkToken(await mailTo(address, /Confirm/)) };
}

const verify = (token: string) => call("/v1/auth/email/verify", { body: { token } });

const pendingEmailOf = async (user: SignedUp) =>
  (await json(await call("/v1/me", { token: user.accessToken }))).pending_email;

describe("changing the email", () => {
  it("needs the current password: missing is a 422 naming it, wrong a 403", async () => {
    const user = await signUp({ verified: true });
    const address = uniqueEmail("attacker");
    const missing = await patchMe(user, { email: address });
    expect(missing.status).toBe(422);
    expect((await json(missing)).error.details).toEqual([
      expect.objectContaining({ field: "current_password" }),
    ]);
    const wrong = await patchMe(user, { email: address, current_password: "not-it-at-all-1" });
    expect(wrong.status).toBe(403);
    expect((await json(wrong)).error.code).toBe("wrong_password");
    expect(await pendingEmailOf(user)).toBeNull();

    const right = await patchMe(user, { email: address, current_password: user.password });
    expect(right.status).toBe(200);
    expect(await json(right)).toMatchObject({ email: user.email, pending_email: address });
    // The refused attempts mailed nothing: one confirmation, the right one's.
    await mailTo(address, /Confirm/);
    expect(await sentTo(address)).toHaveLength(1);
  });

  it("is cancelled by the link in the notice to the old address", async () => {
    const user = await signUp({ verified: true });
    const { token } = await pendingChange(user);
    const notice = await mailTo(user.email, /changing/);
    expect(notice?.text).toContain("https://app.fitness-coach.test/cancel-email-change?token=");
    const cancelToken = linkToken(notice, "/cancel-email-change");
    const cancelled = await call("/v1/auth/email/cancel", { body: { token: cancelToken } });
    expect(cancelled.status).toBe(204);
    expect(await pendingEmailOf(user)).toBeNull();
    const late = await verify(token);
    expect(late.status).toBe(400);
    expect((await json(late)).error.code).toBe("invalid_verification_token");
    const again = await call("/v1/auth/email/cancel", { body: { token: cancelToken } });
    expect(again.status).toBe(400);
    expect((await json(again)).error.code).toBe("invalid_cancel_token");
  });

  it('is cancelled by PATCH /v1/me {"email": null}', async () => {
    const user = await signUp({ verified: true });
    const { token } = await pendingChange(user);
    const cancelled = await patchMe(user, { email: null });
    expect(cancelled.status).toBe(200);
    expect(await json(cancelled)).toMatchObject({ email: user.email, pending_email: null });
    expect((await verify(token)).status).toBe(400);
  });

  it("dies with a password change: its link no longer verifies", async () => {
    const user = await signUp({ verified: true });
    const { token } = await pendingChange(user);
    const changed = await call("/v1/auth/password/change", {
      token: user.accessToken,
      body: { current_password: user.password, new_password: NEW_PASSWORD },
    });
    expect(changed.status).toBe(200);
    const late = await verify(token);
    expect(late.status).toBe(400);
    const me = await json(await call("/v1/me", { token: (await json(changed)).access_token }));
    expect(me).toMatchObject({ email: user.email, pending_email: null });
  });

  it("dies with a password reset, as does every other outstanding link", async () => {
    const user = await signUp({ verified: true });
    const { token } = await pendingChange(user);
    await call("/v1/auth/password/forgot", { body: { email: user.email } });
    const reset = linkToken(await mailTo(user.email, /Reset/));
    expect(
      (
        await call("/v1/auth/password/reset", {
          body: { token: reset, new_password: NEW_PASSWORD },
        })
      ).status,
    ).toBe(204);
    expect((await verify(token)).status).toBe(400);
    const login = await call("/v1/auth/login", {
      body: { email: user.email, password: NEW_PASSWORD },
    });
    expect((await json(login)).user).toMatchObject({ email: user.email, pending_email: null });
  });
});

describe("a password change", () => {
  it("voids a reset link mailed before it", async () => {
    const user = await signUp();
    await call("/v1/auth/password/forgot", { body: { email: user.email } });
    const reset = linkToken(await mailTo(user.email, /Reset/));
    await call("/v1/auth/password/change", {
      token: user.accessToken,
      body: { current_password: user.password, new_password: NEW_PASSWORD },
    });
    const late = await call("/v1/auth/password/reset", {
      body: { token: reset, new_password: "a-third-password-9" },
    });
    expect(late.status).toBe(400);
    expect((await json(late)).error.code).toBe("invalid_reset_token");
  });
});

describe("DELETE /v1/me", () => {
  it("needs the current password: none is a 422 naming it, a wrong one 403, the right one deletes", async () => {
    const user = await signUp();
    const none = await call("/v1/me", { method: "DELETE", token: user.accessToken });
    expect(none.status).toBe(422);
    expect((await json(none)).error.details).toEqual([
      expect.objectContaining({ field: "current_password" }),
    ]);
    const wrong = await call("/v1/me", {
      method: "DELETE",
      token: user.accessToken,
      body: { current_password: "not-it-at-all-1" },
    });
    expect(wrong.status).toBe(403);
    expect((await json(wrong)).error.code).toBe("wrong_password");
    expect((await call("/v1/me", { token: user.accessToken })).status).toBe(200);

    const right = await call("/v1/me", {
      method: "DELETE",
      token: user.accessToken,
      body: { current_password: user.password },
    });
    expect(right.status).toBe(200);
    expect((await call("/v1/me", { token: user.accessToken })).status).toBe(401);
  });

  it("for an identity provider's account, needs a sign-in of the last few minutes", async () => {
    const subject = `idp-${crypto.randomUUID()}`;
    const minutesAgo = (minutes: number) => Math.floor(Date.now() / 1000) - minutes * 60;
    const idToken = async (authTime: number) =>
      new SignJWT({ email: uniqueEmail("idp"), auth_time: authTime })
        .setProtectedHeader({ alg: "RS256", kid: inject("jwksPrivateKey").kid })
        .setSubject(subject)
        .setIssuer("https://idp.test/")
        .setAudience("fitness-coach-test")
        .setIssuedAt()
        .setExpirationTime("5m")
        .sign(await importJWK(inject("jwksPrivateKey"), "RS256"));
    const stale = await call("/v1/me", { method: "DELETE", token: await idToken(minutesAgo(30)) });
    expect(stale.status).toBe(403);
    expect((await json(stale)).error.code).toBe("reauthentication_required");
    const fresh = await call("/v1/me", { method: "DELETE", token: await idToken(minutesAgo(1)) });
    expect(fresh.status).toBe(200);
  });
});

describe("password confirmation goes through the login guard", () => {
  it("stops guessing the current password on password change after 5 failures from an IP", async () => {
    const user = await signUp();
    const guesser = freshIp();
    const statuses: number[] = [];
    for (let i = 0; i < 15; i++)
      statuses.push(
        (
          await call("/v1/auth/password/change", {
            ip: guesser,
            token: user.accessToken,
            body: { current_password: `guess-${i}-cccc`, new_password: NEW_PASSWORD },
          })
        ).status,
      );
    expect(statuses).toEqual([...Array(5).fill(403), ...Array(10).fill(429)]);
    const right = await call("/v1/auth/password/change", {
      ip: guesser,
      token: user.accessToken,
      body: { current_password: user.password, new_password: NEW_PASSWORD },
    });
    expect(right.status).toBe(429);
    expect(Number(right.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("counts wrong passwords at deletion and email change with the login's", async () => {
    const user = await signUp({ verified: true });
    const guesser = freshIp();
    for (let i = 0; i < 2; i++) {
      const deletion = await call("/v1/me", {
        method: "DELETE",
        ip: guesser,
        token: user.accessToken,
        body: { current_password: `guess-${i}-dddd` },
      });
      expect(deletion.status).toBe(403);
      const change = await patchMe(
        user,
        { email: uniqueEmail("x"), current_password: `guess-${i}-eeee` },
        guesser,
      );
      expect(change.status).toBe(403);
    }
    const login = await call("/v1/auth/login", {
      ip: guesser,
      body: { email: user.email, password: "guess-login-ffff" },
    });
    expect(login.status).toBe(401);
    const owner = await call("/v1/auth/login", {
      ip: guesser,
      body: { email: user.email, password: user.password },
    });
    expect(owner.status).toBe(429);
  });
});
