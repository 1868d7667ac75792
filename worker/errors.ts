import type { ContentfulStatusCode } from "hono/utils/http-status";
import { z } from "zod";
import { type CodeWithStatus, type ErrorCode, statusOf } from "../kernel/error-codes";
import type { DomainError, Result } from "../kernel/result";
import {
  type FieldErrorCode,
  fieldErrorCode,
  humanMessage,
  UNKNOWN_FIELD_MESSAGE,
} from "./validation-messages";

// Every schema of the Worker (and its actors: one isolate) reports in plain words; set here,
// where the 422 details are built, so no parse can run before it.
z.config({ customError: humanMessage });

/** An error the client should see: a stable code (its HTTP status from the one table) and a message. */
export class ApiError extends Error {
  readonly status: ContentfulStatusCode;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
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

/** "Invalid a, b." naming each bad field once. */
export const invalidFieldsMessage = (details: FieldError[]) =>
  `Invalid ${[...new Set(details.map((detail) => detail.field))].join(", ")}.`;

export const validationFailed = (details: FieldError[]) =>
  new ApiError("validation_failed", invalidFieldsMessage(details), details);

export const tooManyRequests = (retryAfterSeconds: number) =>
  new ApiError("rate_limited", "Too many requests. Try again later.", undefined, {
    "Retry-After": String(retryAfterSeconds),
  });

export interface FieldError {
  field: string;
  /** What is wrong, for code (validation-messages.ts). */
  code: FieldErrorCode;
  /** The same for a person, to read after the field's name: "must be a number". */
  message: string;
}

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

/** Turns zod issues into `[{field: "a.b[0]", code, message}]`, the shape every 422 carries. */
export function fieldErrors(
  issues: ReadonlyArray<{
    path: ReadonlyArray<PropertyKey>;
    message: string;
    code?: string;
    keys?: readonly string[];
    params?: Record<string, unknown>;
  }>,
): FieldError[] {
  return issues.flatMap((issue) => {
    const at = fieldPath(issue.path);
    // An unknown field is named itself, not its parent object.
    if (issue.code === "unrecognized_keys" && issue.keys)
      return issue.keys.map((key) => ({
        field: at === "body" ? key : `${at}.${key}`,
        code: "unknown_field" as const,
        message: UNKNOWN_FIELD_MESSAGE,
      }));
    return [{ field: at, code: fieldErrorCode(issue), message: issue.message }];
  });
}

function fieldPath(path: ReadonlyArray<PropertyKey>): string {
  return (
    path.reduce<string>(
      (acc, key) =>
        typeof key === "number" ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key),
      "",
    ) || "body"
  );
}

/** The value of a service or actor result; its domain error becomes the HTTP error. */
export function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw apiError(result.error);
  return result.value;
}
