import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../kernel/config";
import { capabilitiesOf } from "../../worker/routes/capabilities";
import { call, json } from "./helpers";

// GET /v1/capabilities tells a client, before anyone tries, which optional parts this server
// has configured. This project's Worker has email (the stub), both push providers and a
// LiveKit on this machine, but no LLM key (test/worker-llm/ has one).

describe("GET /v1/capabilities", () => {
  it("says, without a token, what is configured and which variables would enable the rest", async () => {
    const response = await call("/v1/capabilities");
    expect(response.status).toBe(200);
    expect(await json(response)).toEqual({
      chat: { configured: false, missing: ["ANTHROPIC_API_KEY"] },
      voice: { configured: true, missing: [], livekit: "local" },
      push: { configured: true, missing: [], providers: ["expo", "fcm"] },
      email: { configured: true, missing: [] },
    });
  });

  it("never carries a configured value: no key, secret or address", async () => {
    const text = await (await call("/v1/capabilities")).text();
    const bindings = env as unknown as Record<string, unknown>;
    for (const name of [
      "JWT_SECRET",
      "LIVEKIT_URL",
      "LIVEKIT_API_KEY",
      "LIVEKIT_API_SECRET",
      "EMAIL_API_URL",
      "EMAIL_API_KEY",
      "EXPO_ACCESS_TOKEN",
    ]) {
      const value = String(bindings[name]);
      expect(value.length, name).toBeGreaterThan(3);
      expect(text, name).not.toContain(value);
    }
  });

  it("tells a LiveKit project elsewhere from a local one, and Expo-only push from both", () => {
    const parsed = parseConfig({
      JWT_SECRET: "x".repeat(32),
      LIVEKIT_URL: "wss://coach.livekit.cloud",
      LIVEKIT_API_KEY: "key",
      LIVEKIT_API_SECRET: "secret",
      EMAIL_API_URL: "https://api.resend.com/emails",
    });
    if (!parsed.ok) throw new Error("config did not parse");
    expect(capabilitiesOf(parsed.config)).toMatchObject({
      voice: { livekit: "remote" },
      push: { configured: false, missing: ["FCM_SERVICE_ACCOUNT"], providers: ["expo"] },
      email: { configured: false, missing: ["EMAIL_API_KEY"] },
    });
  });
});
