import { createExecutionContext, env } from "cloudflare:test";
import { afterEach, describe, expect, it, vi } from "vitest";
import { parseConfig } from "../../kernel/config";
import app from "../../worker/index";

afterEach(() => vi.restoreAllMocks());

async function fetchWith(overrides: Record<string, unknown>, path: string) {
  return app.fetch(
    new Request(`https://api.test${path}`),
    { ...env, ...overrides },
    createExecutionContext(),
  );
}

describe("configuration", () => {
  it.each(["JWT_SECRET", "LIVEKIT_API_KEY", "LIVEKIT_API_SECRET", "LIVEKIT_URL"])(
    "answers every route with 503 misconfigured when %s is missing, and logs its name",
    async (name) => {
      const logged = vi.spyOn(console, "error").mockImplementation(() => {});
      for (const path of ["/health", "/v1/me", "/openapi.json", "/nowhere"]) {
        const response = await fetchWith({ [name]: undefined }, path);
        expect(response.status).toBe(503);
        const body = await response.json<{ error: { code: string; message: string } }>();
        expect(body.error.code).toBe("misconfigured");
        // The client learns nothing about which secret is missing.
        expect(JSON.stringify(body)).not.toContain(name);
      }
      const lines = logged.mock.calls.map((args) => JSON.parse(String(args[0])));
      expect(lines).toContainEqual(
        expect.objectContaining({ level: "error", event: "config_invalid", missing: [name] }),
      );
    },
  );

  it("treats a blank secret as missing and a too-short JWT secret as invalid", () => {
    const base = {
      LIVEKIT_URL: "ws://127.0.0.1:7880",
      LIVEKIT_API_KEY: "k",
      LIVEKIT_API_SECRET: "s",
    };
    expect(parseConfig({ ...base, JWT_SECRET: "   " })).toEqual({
      ok: false,
      missing: ["JWT_SECRET"],
      invalid: [],
    });
    expect(parseConfig({ ...base, JWT_SECRET: "short" })).toEqual({
      ok: false,
      missing: [],
      invalid: ["JWT_SECRET"],
    });
  });

  it("accepts LiveKit Cloud and self-hosted URLs and refuses other schemes", () => {
    const base = { JWT_SECRET: "s".repeat(32), LIVEKIT_API_KEY: "k", LIVEKIT_API_SECRET: "s" };
    for (const url of [
      "wss://my-project-abc123.livekit.cloud",
      "ws://127.0.0.1:7880",
      "https://livekit.example.com",
    ]) {
      expect(parseConfig({ ...base, LIVEKIT_URL: url }).ok).toBe(true);
    }
    expect(parseConfig({ ...base, LIVEKIT_URL: "ftp://x.example.com" })).toMatchObject({
      ok: false,
      invalid: ["LIVEKIT_URL"],
    });
  });

  it("gives every optional variable a default", () => {
    const result = parseConfig({
      JWT_SECRET: "s".repeat(32),
      LIVEKIT_URL: "ws://127.0.0.1:7880",
      LIVEKIT_API_KEY: "devkey",
      LIVEKIT_API_SECRET: "secret",
    });
    expect(result.ok && result.config).toMatchObject({
      ACCESS_TOKEN_TTL_SECONDS: 1800,
      AUTH_RATE_LIMIT_PER_MINUTE: 10,
      CORS_ORIGINS: ["*"],
      JWT_AUDIENCE: "fitness-coach-api",
    });
  });

  it("leaves the push endpoints unset by default, so local development pushes to no real service", () => {
    const result = parseConfig({
      JWT_SECRET: "s".repeat(32),
      LIVEKIT_URL: "ws://127.0.0.1:7880",
      LIVEKIT_API_KEY: "devkey",
      LIVEKIT_API_SECRET: "secret",
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.EXPO_PUSH_URL).toBeUndefined();
    expect(result.config.FCM_BASE_URL).toBeUndefined();
  });

  it("requires the three external-auth variables together", () => {
    const result = parseConfig({
      JWT_SECRET: "s".repeat(32),
      LIVEKIT_URL: "ws://127.0.0.1:7880",
      LIVEKIT_API_KEY: "devkey",
      LIVEKIT_API_SECRET: "secret",
      AUTH_JWKS_URL: "https://idp.example.com/jwks.json",
    });
    expect(result).toEqual({ ok: false, missing: ["AUTH_ISSUER", "AUTH_AUDIENCE"], invalid: [] });
  });
});
