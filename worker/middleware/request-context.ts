import type { MiddlewareHandler } from "hono";
import { createLogger, logLevel } from "../../kernel/logger";
import type { AppEnv } from "../app-env";

const CLIENT_REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

/**
 * Gives every request an id (the client's x-request-id when it is sane, else a new uuid),
 * a logger carrying it, and one access-log line when the response is ready.
 */
export function requestContext(): MiddlewareHandler<AppEnv> {
  return async function requestContextMiddleware(c, next) {
    const incoming = c.req.header("x-request-id");
    const requestId = incoming && CLIENT_REQUEST_ID.test(incoming) ? incoming : crypto.randomUUID();
    const level = logLevel(c.env.LOG_LEVEL);
    const log = createLogger({ request_id: requestId }, level);
    c.set("requestId", requestId);
    c.set("log", log);
    const started = Date.now();
    await next();
    c.header("x-request-id", requestId);
    // The access line's fields are built only when it is written.
    if (level === "debug" || level === "info")
      log.info("request", {
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        duration_ms: Date.now() - started,
        user_id: c.get("userId"),
      });
  };
}
