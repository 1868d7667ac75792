import { z } from "zod";
import {
  type FieldErrorCode,
  fieldErrorCode,
  humanMessage,
  UNKNOWN_FIELD_MESSAGE,
} from "./validation-messages";

// The 422 details every invalid input carries, built on either side: the edge validates
// requests, the actor validates what it merges (a profile patch) against the same schemas.

// Every schema of the Worker and its actors (one isolate) reports in plain words; set where
// the 422 details are built, so no parse can run before it.
z.config({ customError: humanMessage });

export interface FieldError {
  field: string;
  /** What is wrong, for code (validation-messages.ts). */
  code: FieldErrorCode;
  /** The same for a person, to read after the field's name: "must be a number". */
  message: string;
}

/** "Invalid a, b." naming each bad field once. */
export const invalidFieldsMessage = (details: FieldError[]) =>
  `Invalid ${[...new Set(details.map((detail) => detail.field))].join(", ")}.`;

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
