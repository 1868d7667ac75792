import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { AccountStatus } from "../kernel/account-state";
import { type CodeWithStatus, type ErrorCode, statusOf } from "../kernel/error-codes";
import { type FieldError, invalidFieldsMessage } from "../kernel/field-errors";
import type { DomainError, Result } from "../kernel/result";

/**
 * An error the client should see: a stable code (its HTTP status from the one table) and a
 * message. A provider's failure travels along as `cause`, which the error handler logs and
 * never sends (as Hono's HTTPException carries it).
 */
export class ApiError extends Error {
  readonly status: ContentfulStatusCode;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    readonly headers?: Record<string, string>,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "ApiError";
    this.status = statusOf(code) as ContentfulStatusCode;
  }
}

/**
 * A domain error from a service or the actor, as the HTTP error it is answered with. A quota's
 * `details.retry_after_seconds` becomes the `Retry-After` header.
 */
export function apiError(error: DomainError, headers?: Record<string, string>): ApiError {
  const retryAfter = (error.details as { retry_after_seconds?: unknown } | undefined)
    ?.retry_after_seconds;
  const withRetry =
    typeof retryAfter === "number" ? { "Retry-After": String(retryAfter), ...headers } : headers;
  return new ApiError(error.code, error.message, error.details, withRetry);
}

export const unauthorized = (
  message = "Missing or invalid access token.",
  code: CodeWithStatus<401> = "unauthorized",
) => new ApiError(code, message, undefined, { "WWW-Authenticate": 'Bearer realm="api"' });

export const forbidden = (message = "You do not have access to this resource.") =>
  new ApiError("forbidden", message);

export const notFound = (message: string, code: CodeWithStatus<404>) => new ApiError(code, message);

export const conflict = (code: CodeWithStatus<409>, message: string, details?: unknown) =>
  new ApiError(code, message, details);

export const validationFailed = (details: FieldError[]) =>
  new ApiError("validation_failed", invalidFieldsMessage(details), details);

export const tooManyRequests = (retryAfterSeconds: number) =>
  new ApiError("rate_limited", "Too many requests. Try again later.", undefined, {
    "Retry-After": String(retryAfterSeconds),
  });

export interface ErrorEnvelope {
  error: { code: string; message: string; details?: unknown; request_id: string };
}

export function envelope(
  code: ErrorCode,
  message: string,
  requestId: string,
  details?: unknown,
): ErrorEnvelope {
  return {
    error: { code, message, ...(details === undefined ? {} : { details }), request_id: requestId },
  };
}

/** The value of a service or actor result; its domain error becomes the HTTP error. */
export function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw apiError(result.error);
  return result.value;
}

/** The API error for a closed account: 401 deleted or gone, 403 suspended. */
export function closedAccountError(state: Exclude<AccountStatus, "active">): ApiError {
  if (state === "suspended")
    return new ApiError("account_suspended", "This account is suspended. Contact support.");
  if (state === "deleted")
    return new ApiError("account_deleted", "This account was deleted.", undefined, {
      "WWW-Authenticate": 'Bearer realm="api", error="invalid_token"',
    });
  return new ApiError("account_not_found", "This account no longer exists.", undefined, {
    "WWW-Authenticate": 'Bearer realm="api", error="invalid_token"',
  });
}

const CLOSED_CODES = new Set(["account_suspended", "account_deleted", "account_not_found"]);

/** Whether an error is the one a closed account's call was answered with. */
export const isClosedAccountError = (error: unknown): error is ApiError =>
  error instanceof ApiError && CLOSED_CODES.has(error.code);
