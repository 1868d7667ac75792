import type { ErrorCode } from "./error-codes";

// The one result shape of service and actor calls: a value, or a domain error whose code the
// error table (kernel/error-codes.ts) turns into an HTTP status or a tool error.

export interface DomainError {
  code: ErrorCode;
  /** Short text that can be shown to the user (or read to the model). */
  message: string;
  details?: unknown;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: DomainError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });

export const fail = <T = never>(
  code: ErrorCode,
  message: string,
  details?: unknown,
): Result<T> => ({
  ok: false,
  error: details === undefined ? { code, message } : { code, message, details },
});
