import { z } from "zod";

// Every variable the Worker reads, parsed by this one schema. Secrets have no default;
// everything else has a dev default so `npm run dev` works with no setup.

const csv = z.string().transform((value) =>
  value
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean),
);

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

// LiveKit Cloud (wss://<project>.livekit.cloud) and self-hosted servers (ws[s]:// or http[s]://).
const livekitUrl = z
  .string()
  .url()
  .refine(
    (value) => /^(wss?|https?):\/\//.test(value),
    "must be a ws://, wss://, http:// or https:// URL",
  );

export const configSchema = z.object({
  APP_VERSION: z.string().default("0.0.0-dev"),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  JWT_SECRET: z.string().min(32, "must be at least 32 characters"),
  JWT_ISSUER: z.string().min(1).default("fitness-coach"),
  JWT_AUDIENCE: z.string().min(1).default("fitness-coach-api"),
  ACCESS_TOKEN_TTL_SECONDS: positiveInt(30 * 60),
  REFRESH_TOKEN_TTL_DAYS: positiveInt(30),
  // An identity provider's account deletes itself only with a token from a sign-in this recent
  // (its `auth_time`, else `iat`): a stolen long-lived IdP session cannot wipe the account.
  REAUTH_MAX_AGE_SECONDS: positiveInt(300),
  AUTH_JWKS_URL: z.string().url().optional(),
  AUTH_ISSUER: z.string().min(1).optional(),
  AUTH_AUDIENCE: z.string().min(1).optional(),
  AUTH_RATE_LIMIT_PER_MINUTE: positiveInt(10),
  CORS_ORIGINS: csv.default(["*"]),
  ANTHROPIC_API_KEY: z.string().min(1).optional(),
  // For a proxy or the local test stub; the SDK's default when unset.
  ANTHROPIC_BASE_URL: z.string().url().optional(),
  ANTHROPIC_MODEL: z.string().min(1).default("claude-sonnet-4-6"),
  PERSONALISE_TIMEOUT_MS: positiveInt(20_000),
  // Text chat: a small fast model routes messages to a coach; each answer may take this many
  // tool steps; each Claude call this long; each user this many tokens in 24 hours (429 after).
  ANTHROPIC_ROUTER_MODEL: z.string().min(1).default("claude-haiku-4-5"),
  CHAT_MAX_TOOL_STEPS: positiveInt(5),
  CHAT_TIMEOUT_MS: positiveInt(30_000),
  CHAT_DAILY_TOKEN_BUDGET: positiveInt(200_000),
  // The most one chat turn may spend (held from the budget before it starts; the turn stops
  // calling the model before it could pass it): the day's budget is passed by at most this.
  CHAT_TURN_MAX_TOKENS: positiveInt(30_000),
  CHAT_HISTORY_MESSAGES: positiveInt(24),
  JOB_MAX_ATTEMPTS: positiveInt(3),
  // Backoff before retry n of a failed job stage: base * 2^(n-1). 0 retries at once (tests).
  JOB_RETRY_BASE_MS: z.coerce.number().int().min(0).default(2_000),
  // Retries of failed scheduled work (push delivery, reminders): base * 2^(n-1), then parked.
  SCHEDULE_RETRY_BASE_MS: z.coerce.number().int().min(0).default(60_000),
  SCHEDULE_MAX_ATTEMPTS: positiveInt(5),
  // Push services. Unset (local development), a push is logged (`push_not_sent`) and goes
  // nowhere; staging and production name the real services in wrangler.toml.
  EXPO_PUSH_URL: z.string().url().optional(),
  EXPO_ACCESS_TOKEN: z.string().min(1).optional(),
  // The Firebase service-account JSON (project_id, client_email, private_key, token_uri).
  FCM_SERVICE_ACCOUNT: z.string().min(1).optional(),
  FCM_BASE_URL: z.string().url().optional(),
  // Email (password resets, address verification): a Resend-compatible HTTP API. Without it,
  // messages are written to the log so local developers can copy the links.
  EMAIL_API_URL: z.string().url().optional(),
  EMAIL_API_KEY: z.string().min(1).optional(),
  EMAIL_FROM: z.string().min(3).default("Fitness Coach <no-reply@fitness-coach.local>"),
  // Where the links in emails point (the console or the app's universal links). Unset, the
  // origin the request came to (a local dev server on any port); a deployment sets it
  // (`npm run check-config -- --remote` requires it), so no Host header ever picks a link.
  APP_URL: z.string().url().optional(),
  PASSWORD_RESET_TTL_MINUTES: positiveInt(30),
  EMAIL_VERIFICATION_TTL_HOURS: positiveInt(48),
  // An unverified account older than this no longer holds its address: a signup for it
  // releases (erases) the account, so nobody can park someone else's address.
  UNVERIFIED_ACCOUNT_TTL_HOURS: positiveInt(24),
  // A rotated refresh token presented again within this many seconds (two requests of one
  // app racing) answers the same successor instead of revoking the login.
  REFRESH_REUSE_GRACE_SECONDS: z.coerce.number().int().min(0).default(30),
  // Optional Cloudflare Turnstile on signup, login and forgot-password.
  TURNSTILE_SECRET: z.string().min(1).optional(),
  TURNSTILE_VERIFY_URL: z
    .string()
    .url()
    .default("https://challenges.cloudflare.com/turnstile/v0/siteverify"),
  // Per user in any 24 hours: data exports (each reads everything held about the user), program
  // jobs (each a paid model call).
  EXPORTS_PER_DAY: positiveInt(3),
  PROGRAM_JOBS_PER_DAY: positiveInt(10),
  // The same for an account whose address is not verified yet (counted on the same day).
  PROGRAM_JOBS_PER_DAY_UNVERIFIED: positiveInt(2),
  MAX_DEVICES_PER_USER: positiveInt(10),
  REALTIME_SOCKETS_PER_USER: positiveInt(10),
  // Voice spend per user: live rooms at once (each runs a paid STT + TTS + LLM agent) and the
  // minutes the user may be in a call in 24 hours (measured from LiveKit's webhooks).
  VOICE_MAX_ACTIVE_SESSIONS: positiveInt(1),
  VOICE_DAILY_MINUTES: positiveInt(60),
  // Rooms a user may create in 24 hours, joined or not: each dispatches a voice agent.
  VOICE_ROOMS_PER_DAY: positiveInt(20),
  // Ended calls whose transcript the actor keeps; older calls keep their summary only.
  VOICE_TRANSCRIPTS_KEPT: positiveInt(20),
  LIVEKIT_AGENT_NAME: z.string().min(1).default("fitness-coach"),
  LIVEKIT_URL: livekitUrl,
  LIVEKIT_API_KEY: z.string().min(1),
  LIVEKIT_API_SECRET: z.string().min(1),
});

export type Config = z.infer<typeof configSchema>;

export type ConfigResult =
  | { ok: true; config: Config }
  | { ok: false; missing: string[]; invalid: string[] };

const VARIABLE_NAMES = Object.keys(configSchema.shape);

/** Parses the variables out of an env object (Worker bindings or process.env). */
export function parseConfig(source: Record<string, unknown>): ConfigResult {
  const input: Record<string, unknown> = {};
  for (const name of VARIABLE_NAMES) {
    const value = source[name];
    // Empty strings count as unset so a blank line in .dev.vars reads as "missing".
    if (typeof value === "string" && value.trim() !== "") input[name] = value;
  }
  const parsed = configSchema.safeParse(input);
  if (parsed.success) {
    const config = parsed.data;
    const external = [config.AUTH_JWKS_URL, config.AUTH_ISSUER, config.AUTH_AUDIENCE];
    const someExternal = external.some(Boolean);
    if (someExternal && !external.every(Boolean)) {
      return {
        ok: false,
        missing: ["AUTH_JWKS_URL", "AUTH_ISSUER", "AUTH_AUDIENCE"].filter((name) => !input[name]),
        invalid: [],
      };
    }
    return { ok: true, config };
  }
  const missing = new Set<string>();
  const invalid = new Set<string>();
  for (const issue of parsed.error.issues) {
    const name = String(issue.path[0]);
    if (input[name] === undefined) missing.add(name);
    else invalid.add(name);
  }
  return { ok: false, missing: [...missing], invalid: [...invalid] };
}

// Workers reuse one env object per isolate, so parse once per env object, not per request.
const cache = new WeakMap<object, ConfigResult>();

export function configFor(env: object): ConfigResult {
  let result = cache.get(env);
  if (!result) {
    result = parseConfig(env as Record<string, unknown>);
    cache.set(env, result);
  }
  return result;
}
