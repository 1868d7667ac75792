import type { MiddlewareHandler } from "hono";
import { configFor } from "../../kernel/config";
import type { AppEnv } from "../app-env";
import { ApiError } from "../errors";

/**
 * Parses the configuration once per isolate. A missing or invalid variable makes every
 * request a 503 whose body names nothing; the log line names the variables for the operator.
 */
export function requireConfig(): MiddlewareHandler<AppEnv> {
  return async function requireConfigMiddleware(c, next) {
    const result = configFor(c.env);
    if (!result.ok) {
      c.get("log").error("config_invalid", { missing: result.missing, invalid: result.invalid });
      throw new ApiError(
        "misconfigured",
        "The service is temporarily unavailable. Please try again later.",
        undefined,
        { "Retry-After": "60" },
      );
    }
    c.set("config", result.config);
    await next();
  };
}
