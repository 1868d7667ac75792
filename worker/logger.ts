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
  const write = (level: LogLevel, event: string, fields?: Record<string, unknown>) => {
    if (ORDER[level] < ORDER[minLevel]) return;
    const line = JSON.stringify({
      level,
      event,
      time: new Date().toISOString(),
      ...base,
      ...fields,
    });
    if (level === "error") console.error(line);
    else if (level === "warn") console.warn(line);
    else console.log(line);
  };
  return {
    debug: (event, fields) => write("debug", event, fields),
    info: (event, fields) => write("info", event, fields),
    warn: (event, fields) => write("warn", event, fields),
    error: (event, fields) => write("error", event, fields),
    with: (fields) => createLogger({ ...base, ...fields }, minLevel),
  };
}

/** Error details for a log line: message and stack, never a response body. */
export function errorFields(error: unknown): Record<string, unknown> {
  if (error instanceof Error) return { error: error.message, stack: error.stack };
  return { error: String(error) };
}
