import { z } from "@hono/zod-openapi";
import { FIELD_ERROR_CODES } from "../../kernel/validation-messages";

// Pieces every route group's OpenAPI definitions share.

/** The document's tags: one per route group, each with what a client finds there. */
export const DOC_TAGS = {
  health: "Liveness and readiness probes (public).",
  capabilities:
    "Which optional parts (chat, voice, push, email) this server has configured (public).",
  auth: "Accounts and tokens: sign up, log in, refresh, log out, the signed-in user.",
  exercises: "The exercise catalog.",
  onboarding: "The eight onboarding steps and their completion into a profile.",
  profile: "The coaching profile and the coaching context the coaches see.",
  programs: "Workout programs: generation jobs, the active program, today's workout.",
  tracking:
    "Workout sessions and sets, body weight, meals, today's nutrition and progress. Weights are accepted in kg or lb.",
  reminders: "Reminder preferences and the reminders they schedule.",
  notifications: "The notification inbox and push devices.",
  realtime: "The live event WebSocket and its tickets.",
  "voice-sessions": "Voice coaching calls on LiveKit.",
  chat: "Text chat with the six coaches (streamed).",
  agent: "The callback API of the LiveKit agent host (agent token only).",
  webhooks: "Webhooks from LiveKit (signed by LiveKit).",
  "admin-users": "Operators: find a user, see status and counts, suspend, delete on request.",
  "admin-jobs": "Operators: failed program jobs and their retry.",
  "admin-schedules": "Operators: parked pushes and reminders, retried or dropped.",
  "admin-catalog": "Operators: add, edit and retire exercises of the catalog.",
} as const;
export type DocTag = keyof typeof DOC_TAGS;

export const FieldErrorSchema = z
  .object({
    field: z.string().openapi({
      description: "The field's path in the request: `weight_kg`, `quiet_hours.start`, `items[2]`.",
      example: "weight_kg",
    }),
    code: z.enum(FIELD_ERROR_CODES).openapi({
      description:
        "What is wrong, for code: `required` (missing), `invalid_type` (e.g. text for a " +
        "number), `invalid_value` (not one of the allowed values), `invalid_format`, " +
        "`too_small`, `too_big`, `not_multiple_of`, `unknown_field`, `invalid` (any other rule).",
      example: "invalid_type",
    }),
    message: z.string().openapi({
      description:
        "The same in plain words, to read after the field's name (a client may show its own " +
        "label before it): `must be a number`, `must be at least 13`, `is required`.",
      example: "must be a number",
    }),
  })
  .openapi("FieldError");

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z
        .string()
        .openapi({ description: "Stable machine-readable code (see each response)." }),
      message: z.string().openapi({ description: "A short text that can be shown to the user." }),
      details: z
        .unknown()
        .optional()
        .openapi({
          description:
            "For 422 `validation_failed`: a list of `FieldError`, one per bad field; for some " +
            "other errors an object (e.g. `missing_steps`).",
        }),
      request_id: z.string().openapi({ example: "6f1c2d0e-7b1a-4a51-9a35-0e1f5b7c9d21" }),
    }),
  })
  .openapi("Error");

export const bearerSecurity = [{ bearerAuth: [] }];
export const agentSecurity = [{ agentToken: [] }];

/** A JSON request body with an example a client generator and the docs UI show. */
export const jsonBody = <T extends z.ZodType>(
  schema: T,
  example: z.input<T>,
  description?: string,
) => ({
  required: true,
  ...(description ? { description } : {}),
  content: { "application/json": { schema, example } },
});

/** A JSON response with an example (typed: it must be a valid value of the schema). */
export const jsonResponse = <T extends z.ZodType>(
  schema: T,
  description: string,
  example: z.output<T>,
) => ({
  description,
  content: { "application/json": { schema, example } },
});

/** `limit` and `cursor`, the two query parameters of every list route. */
export const pageQuery = {
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(100)
    .default(20)
    .openapi({ description: "Items per page (1-100)." }),
  cursor: z
    .string()
    .max(200)
    .optional()
    .openapi({ description: "The `next_cursor` of the previous page; omit for the first." }),
};

/** A page of a list: `{items, next_cursor}`; `next_cursor` is null on the last page. */
export const pageOf = <T extends z.ZodType>(item: T, name: string) =>
  z
    .object({
      items: z.array(item),
      next_cursor: z
        .string()
        .nullable()
        .openapi({ description: "Pass as `cursor` for the next page; null when there is none." }),
    })
    .openapi(name);

// Dates and instants outside this range are typos or probes of the date maths (0001-01-01 was
// stored with a local date "1-01-01", 9999-12-31 with "10000-01-01"): no log of a training app
// is older, and nothing is planned further ahead.
const EARLIEST = Date.parse("2000-01-01T00:00:00Z");
const LATEST = Date.parse("2100-01-01T00:00:00Z");
const IN_RANGE = "must be between 2000-01-01 and 2100-01-01";
const inRange = (at: number) => at >= EARLIEST && at <= LATEST;

/** Whether "YYYY-MM-DD" names a day of the calendar (not 2026-02-30). */
const isCalendarDate = (date: string) => {
  const at = Date.parse(`${date}T00:00:00Z`);
  return !Number.isNaN(at) && new Date(at).toISOString().slice(0, 10) === date;
};

/** A local date "YYYY-MM-DD" from 2000-01-01 to 2100-01-01. */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: "must be a date YYYY-MM-DD", abort: true })
  .refine(isCalendarDate, { message: "must be a day of the calendar", abort: true })
  .refine((date) => inRange(Date.parse(`${date}T00:00:00Z`)), IN_RANGE);

/** An instant, ISO 8601 with an offset, from 2000-01-01 to 2100-01-01 (UTC). */
export const isoTime = z
  .string()
  .datetime({ offset: true, message: "must be an ISO 8601 date-time", abort: true })
  .refine((value) => isCalendarDate(value.slice(0, 10)), {
    message: "must be a day of the calendar",
    abort: true,
  })
  .refine((value) => inRange(Date.parse(value)), IN_RANGE);

export const clientId = z.string().trim().min(1).max(100).openapi({
  description:
    "The app's id for this record; sending it again returns the stored record instead of a copy.",
});

/** The `_lb` twin of a `_kg` field, present for users who prefer imperial units. */
export const imperialOnly = (what: string) =>
  z
    .number()
    .optional()
    .openapi({ description: `${what} in lb; imperial users only` });

/** `from`/`to` local dates (inclusive) and a page. */
export const DateRangeQuery = z
  .object({
    from: isoDate.optional().openapi({ description: "first local date (inclusive)" }),
    to: isoDate.optional().openapi({ description: "last local date (inclusive)" }),
    ...pageQuery,
  })
  .strict();
