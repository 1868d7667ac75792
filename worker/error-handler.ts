import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { createLogger, errorFields } from "../kernel/logger";
import type { AppEnv } from "./app-env";
import { humanMessage } from "./error-language";
import { ApiError, envelope } from "./errors";

/**
 * The one place errors become responses. ApiErrors carry their own status and code (and the
 * cause, logged here); Hono's
 * HTTPExceptions (malformed JSON) are mapped; anything else is logged with its
 * stack and answered as a bare 500, so no internal or provider text ever reaches a client.
 */
export function handleError(error: Error, c: Context<AppEnv>): Response {
  const requestId = c.get("requestId") ?? crypto.randomUUID();
  const log = c.get("log") ?? createLogger({ request_id: requestId });
  c.header("x-request-id", requestId);

  if (error instanceof ApiError) {
    c.set("errorCode", error.code);
    // What went wrong underneath (a provider's failure): for the log, never for the client.
    if (error.cause !== undefined)
      log[error.status >= 500 ? "error" : "warn"]("api_error_cause", {
        code: error.code,
        cause: error.cause instanceof Error ? error.cause.message : String(error.cause),
        cause_name: error.cause instanceof Error ? error.cause.name : typeof error.cause,
      });
    for (const [name, value] of Object.entries(error.headers ?? {})) c.header(name, value);
    const message = humanMessage(c.req.header("accept-language"), error.code, error.message);
    return c.json(envelope(error.code, message, requestId, error.details), error.status);
  }
  if (error instanceof HTTPException) {
    if (error.status === 400) {
      c.set("errorCode", "bad_request");
      const message = humanMessage(
        c.req.header("accept-language"),
        "bad_request",
        "Request body is not valid JSON.",
      );
      return c.json(envelope("bad_request", message, requestId), 400);
    }
    c.set("errorCode", "http_error");
    log.warn("http_exception", { status: error.status, ...errorFields(error) });
    return c.json(
      envelope("http_error", "The request could not be processed.", requestId),
      error.status,
    );
  }
  log.error("unhandled_error", {
    method: c.req.method,
    path: c.req.path,
    user_id: c.get("userId"),
    ...errorFields(error),
  });
  c.set("errorCode", "internal_error");
  return c.json(envelope("internal_error", "Something went wrong on our side.", requestId), 500);
}

export function handleNotFound(c: Context<AppEnv>): Response {
  const requestId = c.get("requestId") ?? crypto.randomUUID();
  c.set("errorCode", "not_found");
  const english = `No route for ${c.req.method} ${c.req.path}.`;
  const message = humanMessage(c.req.header("accept-language"), "not_found", english);
  return c.json(envelope("not_found", message, requestId), 404);
}
