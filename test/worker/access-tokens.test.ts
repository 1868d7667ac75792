import { env } from "cloudflare:test";
import { importJWK, SignJWT, UnsecuredJWT } from "jose";
import { afterEach, describe, expect, inject, it, vi } from "vitest";
import { configFor } from "../../kernel/config";
import { verifyAccessToken } from "../../worker/auth/access-tokens";
import { testBindings } from "../support/test-bindings";
import { call, json, signUp } from "./helpers";

const secret = new TextEncoder().encode(testBindings.JWT_SECRET);

async function forge(
  userId: string,
  options: {
    secret?: Uint8Array;
    iss?: string;
    aud?: string;
    exp?: number | string;
    alg?: string;
    iat?: number;
  } = {},
) {
  return new SignJWT({})
    .setProtectedHeader({ alg: options.alg ?? "HS256" })
    .setSubject(userId)
    .setIssuer(options.iss ?? "fitness-coach")
    .setAudience(options.aud ?? "fitness-coach-api")
    .setIssuedAt(options.iat)
    .setExpirationTime(options.exp ?? "10m")
    .sign(options.secret ?? secret);
}

async function expectRejected(token: string) {
  const response = await call("/v1/me", { token });
  expect(response.status).toBe(401);
  expect(response.headers.get("www-authenticate")).toMatch(/^Bearer/);
  expect((await json(response)).error.code).toBe("unauthorized");
}

describe("access tokens", () => {
  it("accept a well-formed token of ours", async () => {
    const user = await signUp();
    expect((await call("/v1/me", { token: await forge(user.userId) })).status).toBe(200);
  });

  it("reject a token issued in the future beyond a minute of clock skew", async () => {
    const user = await signUp();
    const now = Math.floor(Date.now() / 1000);
    const later = await forge(user.userId, { iat: now + 3600, exp: now + 7200 });
    await expectRejected(later);
    const skewed = await forge(user.userId, { iat: now + 30 });
    expect((await call("/v1/me", { token: skewed })).status).toBe(200);
  });

  it("reject a request with no bearer token", async () => {
    const response = await call("/v1/me");
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toMatch(/^Bearer/);
  });

  it("reject the `none` algorithm", async () => {
    const user = await signUp();
    const token = new UnsecuredJWT({})
      .setSubject(user.userId)
      .setIssuer("fitness-coach")
      .setAudience("fitness-coach-api")
      .setIssuedAt()
      .setExpirationTime("10m")
      .encode();
    await expectRejected(token);
  });

  it("reject a token signed with another secret", async () => {
    const user = await signUp();
    await expectRejected(
      await forge(user.userId, { secret: new TextEncoder().encode("x".repeat(48)) }),
    );
  });

  it("reject a token signed with another HMAC algorithm", async () => {
    const user = await signUp();
    await expectRejected(await forge(user.userId, { alg: "HS512" }));
  });

  it("reject an expired token", async () => {
    const user = await signUp();
    await expectRejected(await forge(user.userId, { exp: Math.floor(Date.now() / 1000) - 60 }));
  });

  it("reject a token for another audience (e.g. an agent token)", async () => {
    const user = await signUp();
    await expectRejected(await forge(user.userId, { aud: "agent-host" }));
  });

  it("reject a token from another issuer", async () => {
    const user = await signUp();
    await expectRejected(await forge(user.userId, { iss: "someone-else" }));
  });

  it("reject a tampered payload", async () => {
    const alice = await signUp();
    const bob = await signUp();
    const [header, , signature] = alice.accessToken.split(".");
    const payload = btoa(
      JSON.stringify({
        sub: bob.userId,
        iss: "fitness-coach",
        aud: "fitness-coach-api",
        iat: 1,
        exp: 4102444800,
      }),
    )
      .replace(/=+$/, "")
      .replace(/\+/g, "-")
      .replace(/\//g, "_");
    await expectRejected(`${header}.${payload}.${signature}`);
  });

  it("reject an RS256 token signed by a key the identity provider does not publish", async () => {
    const user = await signUp();
    const { generateKeyPair } = await import("jose");
    const { privateKey } = await generateKeyPair("RS256");
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: "RS256", kid: inject("jwksPrivateKey").kid })
      .setSubject(user.userId)
      .setIssuer("https://idp.test/")
      .setAudience("fitness-coach-test")
      .setExpirationTime("10m")
      .sign(privateKey);
    await expectRejected(token);
  });

  it("reject garbage", async () => {
    await expectRejected("not.a.jwt");
    await expectRejected("a");
  });
});

describe("external identity provider tokens (local JWKS)", () => {
  async function idpToken(claims: Record<string, unknown>, audience = "fitness-coach-test") {
    const jwk = inject("jwksPrivateKey");
    const key = await importJWK(jwk, "RS256");
    return new SignJWT(claims)
      .setProtectedHeader({ alg: "RS256", kid: jwk.kid })
      .setIssuer("https://idp.test/")
      .setAudience(audience)
      .setIssuedAt()
      .setExpirationTime("10m")
      .sign(key);
  }

  it("provision a user on the first request and reuse it afterwards", async () => {
    const subject = `idp|${crypto.randomUUID()}`;
    const email = `ext-${crypto.randomUUID().slice(0, 8)}@example.com`;
    const token = await idpToken({ sub: subject, email, email_verified: true, name: "Ext" });
    const first = await json(await call("/v1/me", { token }));
    expect(first).toMatchObject({ email, name: "Ext", email_verified: true });
    const second = await json(await call("/v1/me", { token }));
    expect(second.id).toBe(first.id);
    const { env } = await import("cloudflare:test");
    const row = await env.DB.prepare("SELECT external_auth_id FROM users WHERE id = ?")
      .bind(first.id)
      .first<{ external_auth_id: string }>();
    expect(row?.external_auth_id).toBe(subject);
  });

  it("never attach an email that belongs to a password account", async () => {
    const existing = await signUp();
    const token = await idpToken({
      sub: `idp|${crypto.randomUUID()}`,
      email: existing.email,
      email_verified: true,
    });
    const me = await json(await call("/v1/me", { token }));
    expect(me.id).not.toBe(existing.userId);
    expect(me.email).toBeNull();
  });

  it("reject a provider token for another audience", async () => {
    await expectRejected(await idpToken({ sub: `idp|${crypto.randomUUID()}` }, "other-api"));
  });
});

describe("verified-token cache", () => {
  afterEach(() => vi.useRealTimers());

  it("refuses a token once it expires, though it was accepted before", async () => {
    const parsed = configFor(env);
    if (!parsed.ok) throw new Error("test config invalid");
    const now = Math.floor(Date.now() / 1000);
    const token = await forge("user-1", { iat: now, exp: now + 60 });
    expect(await verifyAccessToken(parsed.config, token)).toEqual({
      ok: true,
      userId: "user-1",
      role: "user",
      issuedAtMs: now * 1000,
    });
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime((now + 61) * 1000);
    expect(await verifyAccessToken(parsed.config, token)).toEqual({
      ok: false,
      reason: "expired",
    });
  });

  it("never accepts a token that failed once, and checks each token's own signature", async () => {
    const parsed = configFor(env);
    if (!parsed.ok) throw new Error("test config invalid");
    const good = await forge("user-2");
    expect((await verifyAccessToken(parsed.config, good)).ok).toBe(true);
    const [header, payload] = good.split(".");
    const forged = `${header}.${payload}.${"A".repeat(43)}`;
    expect(await verifyAccessToken(parsed.config, forged)).toEqual({
      ok: false,
      reason: "bad_signature",
    });
    expect(await verifyAccessToken(parsed.config, forged)).toMatchObject({ ok: false });
  });
});
