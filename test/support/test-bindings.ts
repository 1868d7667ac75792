// Variables the Worker sees in tests. Test-only values; nothing real is ever used.
export const testBindings = {
  JWT_SECRET: "test-jwt-secret-that-is-long-enough-for-hs256",
  LIVEKIT_API_KEY: "devkey",
  LIVEKIT_API_SECRET: "secret-for-tests-only-32-characters",
  AUTH_RATE_LIMIT_PER_MINUTE: "10",
  LOG_LEVEL: "warn",
  // Retry failed job stages at once, so tests need no clock control.
  JOB_RETRY_BASE_MS: "0",
  SCHEDULE_RETRY_BASE_MS: "0",
};
