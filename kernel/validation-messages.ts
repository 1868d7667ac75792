import type { z } from "zod";

// What a 422 says about each field: a machine code a client can switch on, and a message a
// person understands, written to read after the field's name ("weight_kg must be a number"),
// like the schemas' own messages ("must be a valid email address"). zod's defaults ("Invalid
// input: expected number, received string") are for programmers; this map replaces them for
// every schema that gives no message of its own (zod asks the schema first, then this map).

/** The codes of `details[].code` in a 422 (documented in the OpenAPI `FieldError`). */
export const FIELD_ERROR_CODES = [
  "required",
  "invalid_type",
  "invalid_value",
  "invalid_format",
  "too_small",
  "too_big",
  "not_multiple_of",
  "unknown_field",
  "invalid",
] as const;
export type FieldErrorCode = (typeof FIELD_ERROR_CODES)[number];

export const REQUIRED_MESSAGE = "is required";
export const UNKNOWN_FIELD_MESSAGE = "unknown field";

type Issue = z.core.$ZodRawIssue;

const TYPE_NAMES: Record<string, string> = {
  number: "a number",
  int: "a whole number",
  bigint: "a whole number",
  string: "text",
  boolean: "true or false",
  array: "a list",
  object: "an object",
  date: "a date",
  null: "null",
};

const FORMAT_NAMES: Record<string, string> = {
  email: "a valid email address",
  url: "a URL",
  uuid: "a UUID",
  guid: "a UUID",
  datetime: "a date and time (ISO 8601, e.g. 2026-11-23T09:00:00Z)",
  date: "a date YYYY-MM-DD",
  time: 'a time "HH:MM"',
  duration: "an ISO 8601 duration",
  base64: "base64 text",
  base64url: "base64url text",
  jwt: "a JWT",
};

const plural = (count: number | bigint, noun: string) =>
  `${count} ${noun}${Number(count) === 1 ? "" : "s"}`;

function sizeLimit(issue: Issue & { code: "too_small" | "too_big" }): string {
  const small = issue.code === "too_small";
  const limit = small ? issue.minimum : issue.maximum;
  const exact = issue.inclusive !== false;
  if (issue.origin === "string")
    return small && Number(limit) === 1
      ? "must not be empty"
      : `must be ${small ? "at least" : "at most"} ${plural(limit, "character")}`;
  if (issue.origin === "array" || issue.origin === "set")
    return small && Number(limit) === 1
      ? "must have at least one item"
      : `must have ${small ? "at least" : "at most"} ${plural(limit, "item")}`;
  if (issue.origin === "date")
    return `must be ${small ? "on or after" : "on or before"} ${new Date(Number(limit)).toISOString()}`;
  if (small) return exact ? `must be at least ${limit}` : `must be more than ${limit}`;
  return exact ? `must be at most ${limit}` : `must be less than ${limit}`;
}

/** The human message of a zod issue (the schema's own message, when it has one, wins). */
export function humanMessage(issue: Issue): string {
  switch (issue.code) {
    case "invalid_type":
      if (issue.input === undefined) return REQUIRED_MESSAGE;
      return `must be ${TYPE_NAMES[issue.expected] ?? issue.expected}`;
    case "invalid_value":
      if (issue.input === undefined) return REQUIRED_MESSAGE;
      return issue.values.length === 1
        ? `must be ${JSON.stringify(issue.values[0])}`
        : `must be one of: ${issue.values.map(String).join(", ")}`;
    case "too_small":
    case "too_big":
      return sizeLimit(issue);
    case "invalid_format":
      if (issue.format === "regex") return "is not in the expected format";
      if (issue.format === "starts_with") return `must start with "${issue.prefix}"`;
      if (issue.format === "ends_with") return `must end with "${issue.suffix}"`;
      if (issue.format === "includes") return `must include "${issue.includes}"`;
      return `must be ${FORMAT_NAMES[issue.format] ?? `a valid ${issue.format}`}`;
    case "not_multiple_of":
      return `must be a multiple of ${issue.divisor}`;
    case "unrecognized_keys":
      return UNKNOWN_FIELD_MESSAGE;
    case "invalid_union":
      // A discriminated union names the discriminator field itself.
      return issue.note === "No matching discriminator"
        ? "is not one of the accepted values"
        : "does not match any accepted form";
    case "invalid_key":
    case "invalid_element":
      return "has an invalid entry";
    default:
      return "is not valid";
  }
}

/**
 * The machine code of an issue. A custom issue may name one (`params: {code: "required"}`),
 * for rules a schema checks itself ("age or birth_year is required").
 */
export function fieldErrorCode(issue: {
  code?: string;
  message: string;
  params?: Record<string, unknown>;
}): FieldErrorCode {
  if (issue.code === "custom") {
    const named = issue.params?.code;
    return (FIELD_ERROR_CODES as readonly unknown[]).includes(named)
      ? (named as FieldErrorCode)
      : "invalid";
  }
  if (issue.code === "unrecognized_keys") return "unknown_field";
  if (
    (issue.code === "invalid_type" || issue.code === "invalid_value") &&
    issue.message === REQUIRED_MESSAGE
  )
    return "required";
  return (FIELD_ERROR_CODES as readonly unknown[]).includes(issue.code)
    ? (issue.code as FieldErrorCode)
    : "invalid";
}
