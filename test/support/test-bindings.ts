import { configSchema } from "../../kernel/config.ts";

// Variables the Worker sees in tests. Every variable the Worker reads is set here, most of
// them blank (which the config reads as unset), so nothing from a developer's `.dev.vars`,
// `.env` or shell (an LLM key, push credentials, a LiveKit URL) can reach a test run.
// Test-only values; nothing real is ever used.

/** Every configuration variable, blank: the base every local run starts from. */
export const blankConfig: Record<string, string> = Object.fromEntries(
  Object.keys(configSchema.shape).map((name) => [name, ""]),
);

export const testBindings = {
  ...blankConfig,
  APP_VERSION: "0.1.0",
  JWT_SECRET: "test-jwt-secret-that-is-long-enough-for-hs256",
  LIVEKIT_API_KEY: "devkey",
  LIVEKIT_API_SECRET: "secret-for-tests-only-32-characters",
  AUTH_RATE_LIMIT_PER_MINUTE: "10",
  LOG_LEVEL: "warn",
  // Retry failed job stages at once, so tests need no clock control.
  JOB_RETRY_BASE_MS: "0",
  SCHEDULE_RETRY_BASE_MS: "0",
};
