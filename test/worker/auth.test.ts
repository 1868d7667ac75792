import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { call, freshIp, json, signUp, uniqueEmail } from "./helpers";

describe("signup", () => {
  it("creates an account and returns the user with a token pair", async () => {
    const email = uniqueEmail("Signup");
    const response = await call("/v1/auth/signup", {
      body: { email, password: "correct-horse-42", name: "Sam" },
    });
    expect(response.status).toBe(201);
    const body = await json(response);
    expect(body.user).toMatchObject({
      email: email.toLowerCase(),
      name: "Sam",
      email_verified: false,
      account_status: "active",
      onboarding_completed: false,
    });
    expect(body.user.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.token_type).toBe("Bearer");
    expect(body.expires_in).toBe(1800);
    expect(body.access_token.split(".")).toHaveLength(3);
    expect(body.refresh_token).toMatch(/^rt_/);
  });

  it("stores the password hashed with PBKDF2 and the refresh token only as a hash", async () => {
    const user = await signUp();
    const credential = await env.DB.prepare(
      "SELECT password_hash FROM password_credentials WHERE user_id = ?",
    )
      .bind(user.userId)
      .first<{ password_hash: string }>();
    expect(credential?.password_hash).toMatch(/^pbkdf2-sha256\$100000\$[\w-]{22}\$[\w-]{43}$/);
    expect(credential?.password_hash).not.toContain(user.password);
    const tokens = await env.DB.prepare("SELECT token_hash FROM refresh_tokens WHERE user_id = ?")
      .bind(user.userId)
      .all<{ token_hash: string }>();
    expect(tokens.results).toHaveLength(1);
    expect(tokens.results[0]?.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(tokens.results[0]?.token_hash).not.toBe(user.refreshToken);
  });

  it("rejects an email that is already taken, whatever its case, with 409", async () => {
    const user = await signUp();
    const response = await call("/v1/auth/signup", {
      body: { email: user.email.toUpperCase(), password: "another-pass-99" },
    });
    expect(response.status).toBe(409);
    expect((await json(response)).error.code).toBe("email_taken");
  });

  it("explains each broken password rule in a 422 that names the field", async () => {
    const response = await call("/v1/auth/signup", {
      body: { email: uniqueEmail(), password: "short" },
    });
    expect(response.status).toBe(422);
    const { error } = await json(response);
    expect(error.code).toBe("validation_failed");
    expect(error.details).toEqual(
      expect.arrayContaining([
        { field: "password", code: "invalid", message: "must be at least 10 characters" },
        { field: "password", code: "invalid", message: "must contain a digit" },
      ]),
    );
    expect(error.request_id).toBe(response.headers.get("x-request-id"));
  });

  it("names a malformed email and a missing password", async () => {
    const response = await call("/v1/auth/signup", { body: { email: "not-an-email" } });
    expect(response.status).toBe(422);
    const fields = (await json(response)).error.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(expect.arrayContaining(["email", "password"]));
  });

  it("answers a body that is not JSON with 400", async () => {
    const response = await call("/v1/auth/signup", { body: "{not json" });
    expect(response.status).toBe(400);
    expect((await json(response)).error.code).toBe("bad_request");
  });
});

describe("login", () => {
  it("returns the user and a token pair for the right password, any email case", async () => {
    const user = await signUp();
    const response = await call("/v1/auth/login", {
      body: { email: user.email.toUpperCase(), password: user.password },
    });
    expect(response.status).toBe(200);
    const body = await json(response);
    expect(body.user.id).toBe(user.userId);
    expect(body.refresh_token).not.toBe(user.refreshToken);
  });

  it("gives the same 401 for a wrong password and for an unknown email", async () => {
    const user = await signUp();
    const wrongPassword = await call("/v1/auth/login", {
      body: { email: user.email, password: "wrong-password-1" },
    });
    const unknownEmail = await call("/v1/auth/login", {
      body: { email: uniqueEmail("nobody"), password: "wrong-password-1" },
    });
    expect(wrongPassword.status).toBe(401);
    expect(unknownEmail.status).toBe(401);
    const a = (await json(wrongPassword)).error;
    const b = (await json(unknownEmail)).error;
    expect(a.code).toBe("invalid_credentials");
    expect({ code: a.code, message: a.message }).toEqual({ code: b.code, message: b.message });
    expect(wrongPassword.headers.get("www-authenticate")).toMatch(/^Bearer/);
  });
});

/** Moves a rotated token's rotation out of the reuse grace window (30 s). */
async function rotatedLongAgo(token: string) {
  const hash = [
    ...new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(token))),
  ]
    .map((byte) => byte.toString(16).padStart(2, "0"))
    .join("");
  await env.DB.prepare("UPDATE refresh_tokens SET rotated_at = ? WHERE token_hash = ?")
    .bind(new Date(Date.now() - 31_000).toISOString(), hash)
    .run();
}

describe("refresh tokens", () => {
  it("rotate: a refresh gives a new pair and the new access token works", async () => {
    const user = await signUp();
    const response = await call("/v1/auth/refresh", { body: { refresh_token: user.refreshToken } });
    expect(response.status).toBe(200);
    const pair = await json(response);
    expect(pair.refresh_token).not.toBe(user.refreshToken);
    const me = await call("/v1/me", { token: pair.access_token });
    expect(me.status).toBe(200);
  });

  it("revoke the whole family when a rotated token is presented again after the grace window", async () => {
    const user = await signUp();
    const first = await json(
      await call("/v1/auth/refresh", { body: { refresh_token: user.refreshToken } }),
    );
    await rotatedLongAgo(user.refreshToken);
    // The old token comes back (stolen copy): rejected, and the legitimate new one dies too.
    const reuse = await call("/v1/auth/refresh", { body: { refresh_token: user.refreshToken } });
    expect(reuse.status).toBe(401);
    expect((await json(reuse)).error.code).toBe("invalid_refresh_token");
    const afterReuse = await call("/v1/auth/refresh", {
      body: { refresh_token: first.refresh_token },
    });
    expect(afterReuse.status).toBe(401);
  });

  it("answer two refreshes with one token at the same moment with the same successor", async () => {
    const user = await signUp();
    const [a, b] = await Promise.all([
      call("/v1/auth/refresh", { body: { refresh_token: user.refreshToken } }),
      call("/v1/auth/refresh", { body: { refresh_token: user.refreshToken } }),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const [pairA, pairB] = [await json(a), await json(b)];
    expect(pairA.refresh_token).toBe(pairB.refresh_token);
    // The login goes on: the successor works, once.
    const next = await call("/v1/auth/refresh", { body: { refresh_token: pairA.refresh_token } });
    expect(next.status).toBe(200);
    expect((await call("/v1/me", { token: pairB.access_token })).status).toBe(200);
  });

  it("leave other logins of the same user working after a reuse", async () => {
    const user = await signUp();
    const otherDevice = await json(
      await call("/v1/auth/login", { body: { email: user.email, password: user.password } }),
    );
    await call("/v1/auth/refresh", { body: { refresh_token: user.refreshToken } });
    await rotatedLongAgo(user.refreshToken);
    await call("/v1/auth/refresh", { body: { refresh_token: user.refreshToken } });
    const other = await call("/v1/auth/refresh", {
      body: { refresh_token: otherDevice.refresh_token },
    });
    expect(other.status).toBe(200);
  });

  it("reject an unknown refresh token with 401", async () => {
    const response = await call("/v1/auth/refresh", { body: { refresh_token: "rt_made-up" } });
    expect(response.status).toBe(401);
  });
});

describe("logout", () => {
  it("revokes the refresh token family of that login and answers 204", async () => {
    const user = await signUp();
    const logout = await call("/v1/auth/logout", {
      token: user.accessToken,
      body: { refresh_token: user.refreshToken },
    });
    expect(logout.status).toBe(204);
    const refresh = await call("/v1/auth/refresh", { body: { refresh_token: user.refreshToken } });
    expect(refresh.status).toBe(401);
  });

  it("cannot revoke another user's refresh token", async () => {
    const alice = await signUp();
    const bob = await signUp();
    await call("/v1/auth/logout", {
      token: bob.accessToken,
      body: { refresh_token: alice.refreshToken },
    });
    const refresh = await call("/v1/auth/refresh", { body: { refresh_token: alice.refreshToken } });
    expect(refresh.status).toBe(200);
  });

  it("requires an access token", async () => {
    const user = await signUp();
    const response = await call("/v1/auth/logout", { body: { refresh_token: user.refreshToken } });
    expect(response.status).toBe(401);
  });
});

describe("abuse limits", () => {
  it("limits logins per client IP to 10 a minute, then 429 with Retry-After", async () => {
    const ip = freshIp();
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      const response = await call("/v1/auth/login", {
        ip,
        body: { email: uniqueEmail(), password: "wrong-password-1" },
      });
      statuses.push(response.status);
      if (response.status === 429) {
        expect(Number(response.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
        expect(Number(response.headers.get("retry-after"))).toBeLessThanOrEqual(60);
        expect((await json(response)).error.code).toBe("rate_limited");
      }
    }
    expect(statuses.slice(0, 10).every((status) => status === 401)).toBe(true);
    expect(statuses[10]).toBe(429);
  });

  it("limits logins per email across many IPs", async () => {
    const user = await signUp();
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      const response = await call("/v1/auth/login", {
        body: { email: user.email, password: "wrong-password-1" },
      });
      statuses.push(response.status);
    }
    expect(statuses[10]).toBe(429);
    // The limit is per email: another account from the same moment is unaffected.
    const other = await signUp();
    const ok = await call("/v1/auth/login", {
      body: { email: other.email, password: other.password },
    });
    expect(ok.status).toBe(200);
  });

  it("limits signups per client IP", async () => {
    const ip = freshIp();
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      const response = await call("/v1/auth/signup", {
        ip,
        body: { email: uniqueEmail(), password: "correct-horse-42" },
      });
      statuses.push(response.status);
    }
    expect(statuses.filter((status) => status === 201)).toHaveLength(10);
    expect(statuses[10]).toBe(429);
  });

  it("limits refreshes per client IP", async () => {
    const ip = freshIp();
    let last = 0;
    for (let i = 0; i < 11; i++) {
      last = (await call("/v1/auth/refresh", { ip, body: { refresh_token: "rt_x" } })).status;
    }
    expect(last).toBe(429);
  });
});
