import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { importJWK, SignJWT } from "jose";
import { describe, expect, inject, it } from "vitest";
import { actorFor } from "../../worker/actor";
import app from "../../worker/index";
import {
  call,
  freshIp,
  json,
  linkToken,
  mailTo,
  type SignedUp,
  signUp,
  uniqueEmail,
} from "./helpers";
import { onboard } from "./onboarding-helpers";
import { generate, runJob } from "./program-helpers";

// Accounts people can trust: passwords changed and recovered by email, addresses verified and
// changed, several devices refreshing at once, guessing slowed without lockouts, Turnstile,
// suspension, and a full data export. Email goes to a local stand-in of the email API.

describe("password change", () => {
  it("needs the current password, signs every other device out and keeps this one", async () => {
    const user = await signUp();
    const otherDevice = await json(
      await call("/v1/auth/login", { body: { email: user.email, password: user.password } }),
    );
    const wrong = await call("/v1/auth/password/change", {
      token: user.accessToken,
      body: { current_password: "not-it-at-all-1", new_password: "battery-staple-77" },
    });
    expect(wrong.status).toBe(403);
    expect((await json(wrong)).error.code).toBe("wrong_password");

    const changed = await call("/v1/auth/password/change", {
      token: user.accessToken,
      body: { current_password: user.password, new_password: "battery-staple-77" },
    });
    expect(changed.status).toBe(200);
    const pair = await json(changed);
    expect(
      (await call("/v1/auth/refresh", { body: { refresh_token: pair.refresh_token } })).status,
    ).toBe(200);
    for (const token of [user.refreshToken, otherDevice.refresh_token])
      expect((await call("/v1/auth/refresh", { body: { refresh_token: token } })).status).toBe(401);
    const oldPassword = await call("/v1/auth/login", {
      body: { email: user.email, password: user.password },
    });
    expect(oldPassword.status).toBe(401);
    const newPassword = await call("/v1/auth/login", {
      body: { email: user.email, password: "battery-staple-77" },
    });
    expect(newPassword.status).toBe(200);
    expect((await mailTo(user.email, /password was changed/)) !== undefined).toBe(true);
  });
});

describe("forgotten password", () => {
  it("answers known and unknown addresses alike, and mails a single-use link to a known one", async () => {
    const user = await signUp();
    const known = await call("/v1/auth/password/forgot", { body: { email: user.email } });
    const unknown = await call("/v1/auth/password/forgot", {
      body: { email: uniqueEmail("nobody") },
    });
    expect([known.status, unknown.status]).toEqual([202, 202]);
    expect(await json(known)).toEqual(await json(unknown));

    const reset = await mailTo(user.email, /Reset/);
    const token = linkToken(reset);
    expect(token).toHaveLength(43); // 32 random bytes, base64url
    expect(reset?.text).toContain("https://app.fitness-coach.test/reset-password?token=");
    const stored = await env.DB.prepare("SELECT token_hash FROM account_tokens WHERE user_id = ?")
      .bind(user.userId)
      .all<{ token_hash: string }>();
    expect(JSON.stringify(stored.results)).not.toContain(token); // stored hashed only

    const done = await call("/v1/auth/password/reset", {
      body: { token, new_password: "battery-staple-77" },
    });
    expect(done.status).toBe(204);
    expect(
      (await call("/v1/auth/refresh", { body: { refresh_token: user.refreshToken } })).status,
    ).toBe(401);
    expect(
      (await call("/v1/auth/login", { body: { email: user.email, password: "battery-staple-77" } }))
        .status,
    ).toBe(200);
    for (const bad of [token, "x".repeat(43)]) {
      const again = await call("/v1/auth/password/reset", {
        body: { token: bad, new_password: "battery-staple-88" },
      });
      expect(again.status).toBe(400);
      expect((await json(again)).error.code).toBe("invalid_reset_token");
    }
  });

  it("refuses an expired reset link", async () => {
    const user = await signUp();
    await call("/v1/auth/password/forgot", { body: { email: user.email } });
    const token = linkToken(await mailTo(user.email, /Reset/));
    await env.DB.prepare("UPDATE account_tokens SET expires_at = ? WHERE user_id = ?")
      .bind(new Date(Date.now() - 1000).toISOString(), user.userId)
      .run();
    const response = await call("/v1/auth/password/reset", {
      body: { token, new_password: "battery-staple-77" },
    });
    expect(response.status).toBe(400);
  });
});

describe("email verification and change", () => {
  it("mails a verification link at signup; the link verifies the address once", async () => {
    const user = await signUp();
    const mail = await mailTo(user.email, /Confirm/);
    const verified = await call("/v1/auth/email/verify", { body: { token: linkToken(mail) } });
    expect(verified.status).toBe(200);
    expect((await json(verified)).email_verified).toBe(true);
    expect((await json(await call("/v1/me", { token: user.accessToken }))).email_verified).toBe(
      true,
    );
    const again = await call("/v1/auth/email/verification", {
      method: "POST",
      token: user.accessToken,
    });
    expect(again.status).toBe(409);
    expect((await json(again)).error.code).toBe("email_already_verified");
  });

  it("changes the address only once the new one is verified, and tells the old one", async () => {
    const user = await signUp({ verified: true });
    const newAddress = uniqueEmail("moved");
    const patched = await call("/v1/me", {
      method: "PATCH",
      token: user.accessToken,
      body: { email: newAddress, current_password: user.password },
    });
    expect(patched.status).toBe(200);
    expect(await json(patched)).toMatchObject({ email: user.email, pending_email: newAddress });
    expect((await mailTo(user.email, /changing/)) !== undefined).toBe(true);
    const link = await mailTo(newAddress, /Confirm/);
    const verified = await json(
      await call("/v1/auth/email/verify", { body: { token: linkToken(link) } }),
    );
    expect(verified).toMatchObject({
      email: newAddress,
      pending_email: null,
      email_verified: true,
    });
    expect((await json(await call("/v1/me", { token: user.accessToken }))).email).toBe(newAddress);
    expect(
      (await call("/v1/auth/login", { body: { email: newAddress, password: user.password } }))
        .status,
    ).toBe(200);
    // An address another account holds cannot be taken.
    const other = await signUp();
    const taken = await call("/v1/me", {
      method: "PATCH",
      token: user.accessToken,
      body: { email: other.email, current_password: user.password },
    });
    expect(taken.status).toBe(409);
  });

  it("leaves password and email to an identity provider's accounts", async () => {
    const key = await importJWK(inject("jwksPrivateKey"), "RS256");
    const idToken = await new SignJWT({ email: uniqueEmail("idp") })
      .setProtectedHeader({ alg: "RS256", kid: inject("jwksPrivateKey").kid })
      .setSubject(`idp-${crypto.randomUUID()}`)
      .setIssuer("https://idp.test/")
      .setAudience("fitness-coach-test")
      .setIssuedAt()
      .setExpirationTime("5m")
      .sign(key);
    for (const [path, method, body] of [
      [
        "/v1/auth/password/change",
        "POST",
        { current_password: "x", new_password: "battery-staple-77" },
      ],
      ["/v1/auth/email/verification", "POST", undefined],
      ["/v1/me", "PATCH", { email: uniqueEmail("idp-new") }],
    ] as const) {
      const response = await call(path, { method, token: idToken, ...(body ? { body } : {}) });
      expect(response.status, path).toBe(409);
      expect((await json(response)).error.code, path).toBe("external_account");
    }
  });
});

describe("login guessing", () => {
  it("stops a guesser's IP after 5 failures, and still lets the owner in from another IP", async () => {
    const user = await signUp();
    const guesser = freshIp();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push(
        (
          await call("/v1/auth/login", {
            ip: guesser,
            body: { email: user.email, password: `guess-${i}-aaaa` },
          })
        ).status,
      );
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    const owner = await call("/v1/auth/login", {
      body: { email: user.email, password: user.password },
    });
    expect(owner.status).toBe(200);
  });

  it("slows guessing from many IPs with a growing delay, never a lockout of the right password", async () => {
    const user = await signUp();
    for (let i = 0; i < 10; i++)
      await call("/v1/auth/login", { body: { email: user.email, password: `guess-${i}-bbbb` } });
    const throttled = await call("/v1/auth/login", {
      body: { email: user.email, password: user.password },
    });
    expect(throttled.status).toBe(429);
    const wait = Number(throttled.headers.get("retry-after"));
    expect(wait).toBeGreaterThanOrEqual(1);
    expect(wait).toBeLessThanOrEqual(60);
    await new Promise((resolve) => setTimeout(resolve, wait * 1000 + 100));
    const owner = await call("/v1/auth/login", {
      body: { email: user.email, password: user.password },
    });
    expect(owner.status).toBe(200);
  });
});

describe("Turnstile (when TURNSTILE_SECRET is set)", () => {
  async function withTurnstile(path: string, body: Record<string, unknown>) {
    const ctx = createExecutionContext();
    const response = await app.fetch(
      new Request(`https://api.test${path}`, {
        method: "POST",
        headers: { "content-type": "application/json", "cf-connecting-ip": freshIp() },
        body: JSON.stringify(body),
      }),
      { ...env, TURNSTILE_SECRET: "turnstile-test-secret" },
      ctx,
    );
    await waitOnExecutionContext(ctx);
    return response;
  }

  it("refuses signup, login and forgot-password without a valid token", async () => {
    const email = uniqueEmail("bot");
    const signup = { email, password: "correct-horse-42" };
    const missing = await withTurnstile("/v1/auth/signup", signup);
    expect(missing.status).toBe(403);
    expect((await json(missing)).error.code).toBe("turnstile_failed");
    expect(
      (await withTurnstile("/v1/auth/signup", { ...signup, turnstile_token: "forged" })).status,
    ).toBe(403);
    expect(
      (
        await withTurnstile("/v1/auth/signup", {
          ...signup,
          turnstile_token: "valid-turnstile-token",
        })
      ).status,
    ).toBe(201);
    expect((await withTurnstile("/v1/auth/login", signup)).status).toBe(403);
    expect(
      (
        await withTurnstile("/v1/auth/login", {
          ...signup,
          turnstile_token: "valid-turnstile-token",
        })
      ).status,
    ).toBe(200);
    expect((await withTurnstile("/v1/auth/password/forgot", { email })).status).toBe(403);
  });
});

describe("a suspended account", () => {
  it("gets the same 401 for its right password as for a wrong one at login", async () => {
    const user = await signUp();
    await actorFor(env, user.userId).operator.setSuspended(true);
    const right = await call("/v1/auth/login", {
      body: { email: user.email, password: user.password },
    });
    const wrong = await call("/v1/auth/login", {
      body: { email: user.email, password: "not-it-at-all-1" },
    });
    expect([right.status, wrong.status]).toEqual([401, 401]);
    const { request_id: _right, ...rightError } = (await json(right)).error;
    const { request_id: _wrong, ...wrongError } = (await json(wrong)).error;
    expect(rightError).toEqual(wrongError);
  });

  it("is forbidden everywhere a deleted one is refused, and works again once reinstated", async () => {
    const user = await signUp();
    await actorFor(env, user.userId).operator.setSuspended(true);
    for (const path of ["/v1/me", "/v1/exercises", "/v1/programs"]) {
      const response = await call(path, { token: user.accessToken });
      expect(response.status, path).toBe(403);
      expect((await json(response)).error.code, path).toBe("account_suspended");
    }
    const login = await call("/v1/auth/login", {
      body: { email: user.email, password: user.password },
    });
    expect(login.status).toBe(401);
    expect(
      (await call("/v1/auth/refresh", { body: { refresh_token: user.refreshToken } })).status,
    ).toBe(403);
    await actorFor(env, user.userId).operator.setSuspended(false);
    expect(
      (await call("/v1/auth/login", { body: { email: user.email, password: user.password } }))
        .status,
    ).toBe(200);
  });
});

describe("GET /v1/me/export", () => {
  async function userWithData(): Promise<SignedUp> {
    const user = await signUp({ name: "Exporter" });
    await onboard(user.accessToken);
    const session = await json(
      await call("/v1/workouts/sessions", { token: user.accessToken, body: {} }),
    );
    await call(`/v1/workouts/sessions/${session.id}/sets`, {
      token: user.accessToken,
      body: { client_id: "e1", exercise_id: "barbell-back-squat", reps: 5, weight_kg: 90 },
    });
    await call("/v1/meals/logs", {
      token: user.accessToken,
      body: { meal: "dinner", calories: 650 },
    });
    await call("/v1/body/weight", { token: user.accessToken, body: { weight_kg: 80.5 } });
    await call("/v1/devices", {
      token: user.accessToken,
      body: {
        platform: "ios",
        provider: "expo",
        token: "ExponentPushToken[export-test-token-123]",
      },
    });
    return user;
  }

  it("downloads everything held about the user as one JSON attachment, tokens masked", async () => {
    const user = await userWithData();
    const other = await signUp();
    const response = await call("/v1/me/export", { token: user.accessToken });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toMatch(
      /^attachment; filename=".+\.json"$/,
    );
    const text = await response.text();
    const data = JSON.parse(text);
    expect(data).toMatchObject({
      format: "fitness-coach-export/1",
      account: { id: user.userId, email: user.email, name: "Exporter" },
      profile: { weight_kg: 80, timezone: "Europe/Berlin" },
      workout_sets: [{ exercise_id: "barbell-back-squat", reps: 5, weight_kg: 90 }],
      meal_logs: [{ meal: "dinner", calories: 650 }],
      body_weights: [{ weight_kg: 80.5 }],
    });
    expect(data.workout_sessions).toHaveLength(1);
    expect(data.devices[0].token).not.toContain("export-test-token");
    expect(text).not.toContain(other.userId);
  });

  it("includes the history of program jobs, each with its request and outcome", async () => {
    const user = await signUp();
    await onboard(user.accessToken);
    const { job_id } = await json(await generate(user.accessToken, { duration_weeks: 6 }));
    const job = await runJob(user.userId, user.accessToken, job_id);
    const data = await json(await call("/v1/me/export", { token: user.accessToken }));
    expect(data.program_jobs).toEqual([
      expect.objectContaining({
        job_id,
        status: "completed",
        program_id: job.program_id,
        request: { overrides: { duration_weeks: 6 }, activate: true },
        created_at: job.created_at,
        completed_at: job.completed_at,
      }),
    ]);
  });

  it("allows a few exports a day, then 429 with Retry-After", async () => {
    const user = await signUp();
    for (let i = 0; i < 3; i++)
      expect((await call("/v1/me/export", { token: user.accessToken })).status).toBe(200);
    const fourth = await call("/v1/me/export", { token: user.accessToken });
    expect(fourth.status).toBe(429);
    expect((await json(fourth)).error.code).toBe("export_limit_reached");
    expect(Number(fourth.headers.get("retry-after"))).toBeGreaterThan(0);
  });
});
