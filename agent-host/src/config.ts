import { z } from "zod";

// The agent host's configuration, from the environment, validated at start: a missing or
// malformed variable stops the process with a message naming it (never its value).

const url = (schemes: RegExp, hint: string) =>
  z
    .string()
    .url()
    .refine((v) => schemes.test(v), hint);

export const agentConfigSchema = z
  .object({
    LIVEKIT_URL: url(/^(wss?|https?):\/\//, "must be a ws(s):// or http(s):// URL"),
    LIVEKIT_API_KEY: z.string().min(1),
    LIVEKIT_API_SECRET: z.string().min(1),
    COACH_API_URL: url(/^https?:\/\//, "must be the backend's http(s):// base URL"),
    DEEPGRAM_API_KEY: z.string().min(1),
    CARTESIA_API_KEY: z.string().min(1),
    VOICE_LLM: z.enum(["anthropic", "openai"]).default("anthropic"),
    ANTHROPIC_API_KEY: z.string().min(1).optional(),
    ANTHROPIC_BASE_URL: z.string().url().optional(),
    OPENAI_API_KEY: z.string().min(1).optional(),
    ANTHROPIC_MODEL: z.string().min(1).default("claude-sonnet-4-6"),
    OPENAI_MODEL: z.string().min(1).default("gpt-4.1-mini"),
    DEEPGRAM_MODEL: z.string().min(1).default("nova-3"),
    // The providers' endpoints; set only to reach a proxy or, in tests, a local stand-in.
    DEEPGRAM_BASE_URL: url(/^wss?:\/\//, "must be a ws(s):// URL").default(
      "wss://api.deepgram.com",
    ),
    CARTESIA_BASE_URL: url(/^https?:\/\//, "must be an http(s):// URL").default(
      "https://api.cartesia.ai",
    ),
    CARTESIA_MODEL: z.string().min(1).default("sonic-2"),
    CARTESIA_VOICE_ID: z.string().min(1).default("794f9389-aac1-45b6-b726-9d9369183238"),
    LIVEKIT_AGENT_NAME: z.string().min(1).default("fitness-coach"),
    // On SIGTERM (`npm run agent`) the worker takes no new calls and waits this long for the
    // running ones to end before it exits.
    AGENT_DRAIN_TIMEOUT_S: z.coerce.number().int().min(0).max(86_400).default(600),
    // The worker's health endpoint (`GET /` answers 200 once registered with LiveKit).
    AGENT_HEALTH_PORT: z.coerce.number().int().min(1).max(65_535).default(8081),
    LOG_LEVEL: z.enum(["trace", "debug", "info", "warn", "error", "fatal"]).default("info"),
  })
  .superRefine((config, ctx) => {
    if (config.VOICE_LLM === "anthropic" && !config.ANTHROPIC_API_KEY)
      ctx.addIssue({
        code: "custom",
        path: ["ANTHROPIC_API_KEY"],
        message: "is required when VOICE_LLM=anthropic",
      });
    if (config.VOICE_LLM === "openai" && !config.OPENAI_API_KEY)
      ctx.addIssue({
        code: "custom",
        path: ["OPENAI_API_KEY"],
        message: "is required when VOICE_LLM=openai",
      });
  });

export type AgentConfig = z.output<typeof agentConfigSchema>;

export class ConfigError extends Error {
  readonly problems: string[];

  constructor(problems: string[]) {
    super(`agent host configuration is invalid:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.problems = problems;
    this.name = "ConfigError";
  }
}

/** Parses the environment; throws a ConfigError that names every bad variable. */
export function loadConfig(env: Record<string, string | undefined>): AgentConfig {
  const input = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ""),
  );
  const parsed = agentConfigSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new ConfigError(
    parsed.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? "environment");
      return input[name] === undefined && issue.code !== "custom"
        ? `${name} is missing`
        : `${name} ${issue.message}`;
    }),
  );
}
