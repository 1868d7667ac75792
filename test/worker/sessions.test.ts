import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { actorFor } from "../../worker/actor";
import { call, json, linkToken, mailTo, type SignedUp, signUp } from "./helpers";

// Sessions end when the password changes (issue 26, item 4): every access token issued before
// a password change or reset, a suspension or "sign out everywhere" is refused, at once in the
// isolate that made the change and within the account status cache's bound (5 s) elsewhere.

const NEW_PASSWORD = "battery-staple-77";

/** A second device of the same user: its own login, its own tokens. */
async function otherDevice(user: SignedUp) {
  const login = await call("/v1/auth/login", {
    body: { email: user.email, password: user.password },
  });
  expect(login.status).toBe(200);
  const body = await json(login);
  return { accessToken: body.access_token as string, refreshToken: body.refresh_token as string };
}

async function expectRevoked(accessToken: string) {
  const response = await call("/v1/me", { token: accessToken });
  expect(response.status).toBe(401);
  expect((await json(response)).error.code).toBe("session_revoked");
}

/**
 * Refused within the account status cache's bound (5 s), as in an isolate that did not make
 * the change and had the account cached just before it.
 */
async function refusedWithinCacheBound(accessToken: string) {
  await expect
    .poll(async () => (await call("/v1/me", { token: accessToken })).status, {
      timeout: 6_000,
      interval: 250,
    })
    .toBe(401);
  await expectRevoked(accessToken);
}

describe("ending sessions", () => {
  it("a password change refuses every older access token at once, and keeps the new one", async () => {
    const user = await signUp();
    const device = await otherDevice(user);
    const changed = await call("/v1/auth/password/change", {
      token: user.accessToken,
      body: { current_password: user.password, new_password: NEW_PASSWORD },
    });
    expect(changed.status).toBe(200);
    await expectRevoked(device.accessToken);
    await expectRevoked(user.accessToken);
    const fresh = await json(changed);
    expect((await call("/v1/me", { token: fresh.access_token })).status).toBe(200);
  });

  it("a password reset refuses every access token issued before it", async () => {
    const user = await signUp();
    await call("/v1/auth/password/forgot", { body: { email: user.email } });
    const token = linkToken(await mailTo(user.email, /Reset/));
    const reset = await call("/v1/auth/password/reset", {
      body: { token, new_password: NEW_PASSWORD },
    });
    expect(reset.status).toBe(204);
    await expectRevoked(user.accessToken);
    const login = await call("/v1/auth/login", {
      body: { email: user.email, password: NEW_PASSWORD },
    });
    expect((await call("/v1/me", { token: (await json(login)).access_token })).status).toBe(200);
  });

  it("a suspension ends the sessions for good: reinstated, the old token stays refused", async () => {
    const user = await signUp();
    const { operator } = actorFor(env, user.userId);
    await operator.setSuspended(true);
    await operator.setSuspended(false);
    // Another isolate's status cache (this one's too: the actor was called directly) may hold
    // the account's state for up to 5 s.
    await refusedWithinCacheBound(user.accessToken);
    expect(
      (await call("/v1/auth/refresh", { body: { refresh_token: user.refreshToken } })).status,
    ).toBe(401);
    const login = await call("/v1/auth/login", {
      body: { email: user.email, password: user.password },
    });
    expect(login.status).toBe(200);
  }, 15_000);

  it("POST /v1/auth/logout {all: true} signs out every device: access and refresh tokens", async () => {
    const user = await signUp();
    const device = await otherDevice(user);
    const out = await call("/v1/auth/logout", { token: device.accessToken, body: { all: true } });
    expect(out.status).toBe(204);
    await expectRevoked(user.accessToken);
    await expectRevoked(device.accessToken);
    for (const refresh_token of [user.refreshToken, device.refreshToken])
      expect((await call("/v1/auth/refresh", { body: { refresh_token } })).status).toBe(401);
    expect((await otherDevice(user)).accessToken).toBeTruthy();
  });

  it("an isolate that did not make the change refuses the old token within the cache's bound", async () => {
    const user = await signUp();
    expect((await call("/v1/me", { token: user.accessToken })).status).toBe(200);
    // The actor ends the sessions (as another isolate's request would have asked it to):
    // this isolate's cache still says the account is fine, for at most 5 s.
    await actorFor(env, user.userId).account.endSessions();
    await refusedWithinCacheBound(user.accessToken);
  }, 15_000);
});

describe("POST /v1/auth/logout with a device_id", () => {
  it("unregisters that device, so it gets no more pushes", async () => {
    const user = await signUp();
    const device = await json(
      await call("/v1/devices", {
        token: user.accessToken,
        body: {
          platform: "ios",
          provider: "expo",
          token: `ExponentPushToken[${crypto.randomUUID()}]`,
        },
      }),
    );
    const out = await call("/v1/auth/logout", {
      token: user.accessToken,
      body: { refresh_token: user.refreshToken, device_id: device.id },
    });
    expect(out.status).toBe(204);
    const fresh = await json(
      await call("/v1/auth/login", { body: { email: user.email, password: user.password } }),
    );
    const devices = await json(await call("/v1/devices", { token: fresh.access_token }));
    expect(devices.items).toEqual([]);
    expect(
      (await call("/v1/auth/refresh", { body: { refresh_token: user.refreshToken } })).status,
    ).toBe(401);
  });
});
