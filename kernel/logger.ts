import { DrizzleQueryError } from "drizzle-orm/errors";

// One JSON object a line, so an operator can filter by event, request_id and user_id.
// Never pass secrets, tokens or passwords in fields.

export type LogLevel = "debug" | "info" | "warn" | "error";
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface Logger {
  debug(event: string, fields?: Record<string, unknown>): void;
  info(event: string, fields?: Record<string, unknown>): void;
  warn(event: string, fields?: Record<string, unknown>): void;
  error(event: string, fields?: Record<string, unknown>): void;
  with(fields: Record<string, unknown>): Logger;
}

/** The LOG_LEVEL variable as a level; anything unknown means "info". */
export function logLevel(value: unknown): LogLevel {
  return value === "debug" || value === "warn" || value === "error" ? value : "info";
}

export function createLogger(
  base: Record<string, unknown> = {},
  minLevel: LogLevel = "info",
): Logger {
  return new JsonLogger(base, ORDER[minLevel]);
}

// A class, not closures: every request makes two loggers (its own, then the user's), and most
// never write a line, so making one costs one small object and `with` copies nothing.
class JsonLogger implements Logger {
  constructor(
    private readonly base: Record<string, unknown>,
    private readonly min: number,
    private readonly extra?: Record<string, unknown>,
  ) {}

  debug(event: string, fields?: Record<string, unknown>): void {
    if (ORDER.debug >= this.min) this.#write("debug", event, fields);
  }
  info(event: string, fields?: Record<string, unknown>): void {
    if (ORDER.info >= this.min) this.#write("info", event, fields);
  }
  warn(event: string, fields?: Record<string, unknown>): void {
    if (ORDER.warn >= this.min) this.#write("warn", event, fields);
  }
  error(event: string, fields?: Record<string, unknown>): void {
    if (ORDER.error >= this.min) this.#write("error", event, fields);
  }

  with(fields: Record<string, unknown>): Logger {
    return new JsonLogger(
      this.extra ? { ...this.base, ...this.extra } : this.base,
      this.min,
      fields,
    );
  }

  #write(level: LogLevel, event: string, fields?: Record<string, unknown>): void {
    const line = JSON.stringify({
      level,
      event,
      time: new Date().toISOString(),
      ...this.base,
      ...this.extra,
      ...fields,
    });
    if (level === "error") console.error(line);
    else if (level === "warn") console.warn(line);
    else console.log(line);
  }
}

/**
 * Error details for a log line: message and stack, never a response body. A failed query's
 * message ends in its bound values ("params: <user id>,<date>"): drizzle writes them there,
 * and an actor's RPC error carries the same text, so they are cut from message and stack and
 * only their count (when known) and a short hash (to tell repeats apart) are kept.
 */
export function errorFields(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { error: String(error) };
  const at = error.message.indexOf(PARAMS);
  if (at < 0) return { error: error.message, stack: error.stack };
  const message = error.message.slice(0, at);
  const params = error.message.slice(at + PARAMS.length);
  const cause = error.cause instanceof Error ? { cause: error.cause.message } : {};
  return {
    error: message,
    ...(error instanceof DrizzleQueryError ? { param_count: error.params.length } : {}),
    params_hash: shortHash(params),
    ...cause,
    stack: error.stack?.replace(error.message, message),
  };
}

const PARAMS = "\nparams: ";

/** FNV-1a, 32 bits: tells equal inputs apart in logs without revealing them. */
function shortHash(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return (hash >>> 0).toString(16).padStart(8, "0");
}
