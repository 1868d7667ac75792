import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/config";

const complete = {
  LIVEKIT_URL: "wss://coach.livekit.cloud",
  LIVEKIT_API_KEY: "key",
  LIVEKIT_API_SECRET: "secret",
  COACH_API_URL: "http://127.0.0.1:8787",
  DEEPGRAM_API_KEY: "dg",
  CARTESIA_API_KEY: "ca",
  ANTHROPIC_API_KEY: "sk-ant",
};

describe("agent host configuration", () => {
  it("accepts a complete environment and fills the defaults", () => {
    expect(loadConfig(complete)).toMatchObject({
      VOICE_LLM: "anthropic",
      ANTHROPIC_MODEL: "claude-sonnet-4-6",
      LIVEKIT_AGENT_NAME: "fitness-coach",
      AGENT_DRAIN_TIMEOUT_S: 600,
    });
    expect(loadConfig({ ...complete, AGENT_DRAIN_TIMEOUT_S: "30" }).AGENT_DRAIN_TIMEOUT_S).toBe(30);
    expect(() => loadConfig({ ...complete, AGENT_DRAIN_TIMEOUT_S: "soon" })).toThrow(
      /AGENT_DRAIN_TIMEOUT_S/,
    );
  });

  it("names every missing variable and never prints a value", () => {
    const error = (() => {
      try {
        loadConfig({
          ...complete,
          DEEPGRAM_API_KEY: undefined,
          LIVEKIT_API_SECRET: "  ",
          COACH_API_URL: "ftp://x",
        });
      } catch (caught) {
        return caught as ConfigError;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect(error?.problems).toEqual(
      expect.arrayContaining([
        "DEEPGRAM_API_KEY is missing",
        "LIVEKIT_API_SECRET is missing",
        expect.stringMatching(/^COACH_API_URL /),
      ]),
    );
    expect(error?.message).not.toContain("sk-ant");
  });

  it("needs the key of the chosen voice LLM", () => {
    expect(() => loadConfig({ ...complete, ANTHROPIC_API_KEY: undefined })).toThrow(
      /ANTHROPIC_API_KEY is required/,
    );
    expect(() => loadConfig({ ...complete, VOICE_LLM: "openai" })).toThrow(
      /OPENAI_API_KEY is required/,
    );
    expect(loadConfig({ ...complete, VOICE_LLM: "openai", OPENAI_API_KEY: "sk" }).VOICE_LLM).toBe(
      "openai",
    );
  });
});
