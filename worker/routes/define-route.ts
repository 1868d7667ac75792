import { createRoute, type RouteConfig, z } from "@hono/zod-openapi";
import { ERROR_CODES, type ErrorCode } from "../../kernel/error-codes";
import { type DocTag, ErrorSchema, FieldErrorSchema } from "./common.schemas";

// Every operation of the API is defined through defineRoute, so the OpenAPI document is
// complete by construction: an operationId, a description, one tag, the X-Request-Id header
// on every response, and for each error status the `code` values the operation can answer.
// The errors every route shares (bad JSON, unknown query parameters, auth, 500, 503) are
// added from the route's shape; a route lists only its own.

type ErrorStatus =
  | 400
  | 401
  | 403
  | 404
  | 409
  | 412
  | 413
  | 415
  | 422
  | 426
  | 429
  | 500
  | 502
  | 503
  | 504;
export type RouteErrors = Partial<Record<ErrorStatus, readonly ErrorCode[]>>;

const STATUS_TEXT: Record<ErrorStatus, string> = {
  400: "Malformed request.",
  401: "Not authenticated.",
  403: "Not allowed.",
  404: "Not found.",
  409: "Conflicts with the current state.",
  412: "The precondition (If-Match) failed.",
  413: "Request body too large.",
  415: "Unsupported content type.",
  422: "Validation failed; `details` lists `{field, code, message}` for each bad field.",
  426: "WebSocket upgrade required.",
  429: "Too many requests.",
  500: "Unexpected server error.",
  502: "An upstream service failed.",
  503: "Temporarily unavailable.",
  504: "An upstream service timed out.",
};

const header = (description: string, example?: string) => ({
  description,
  schema: { type: "string" as const, ...(example ? { example } : {}) },
});

/** The response headers, registered once as components (docs.ts) and referenced by name. */
export const RESPONSE_HEADERS = {
  "X-Request-Id": header(
    "The request's id (the client's own when it sent a sane one); logs carry it.",
    "6f1c2d0e-7b1a-4a51-9a35-0e1f5b7c9d21",
  ),
  Location: header("Where to follow the created resource or the accepted job."),
  ETag: header("The version of the representation, for If-None-Match and If-Match."),
  "Retry-After": header("Seconds to wait before trying again.", "60"),
  "WWW-Authenticate": header("The authentication scheme to use.", 'Bearer realm="api"'),
};
type HeaderName = keyof typeof RESPONSE_HEADERS;

const withHeaders = (names: readonly HeaderName[]) =>
  Object.fromEntries(
    ["X-Request-Id", ...names].map((name) => [name, { $ref: `#/components/headers/${name}` }]),
  );

// The 422 codes whose details list the bad fields (others carry an object, or nothing).
const FIELD_LIST_CODES: ReadonlySet<ErrorCode> = new Set(["validation_failed", "unknown_exercise"]);

/** The envelope's `error` of one status: its codes as an enum; a 422's details as fields. */
function narrowed(status: ErrorStatus, codes: [ErrorCode, ...ErrorCode[]]) {
  const code = z.enum(codes);
  if (status !== 422) return z.object({ code });
  const fields = z.array(FieldErrorSchema);
  const details = codes.every((c) => FIELD_LIST_CODES.has(c))
    ? fields
    : z.union([fields, z.record(z.string(), z.unknown())]);
  return z.object({ code, details: details.optional() });
}

/** The error responses of one operation: per status, the envelope with its codes as an enum. */
function errorResponses(errors: RouteErrors) {
  return Object.fromEntries(
    Object.entries(errors).map(([key, codes]) => {
      const status = Number(key) as ErrorStatus;
      const unique = [...new Set(codes)].sort() as [ErrorCode, ...ErrorCode[]];
      const list = unique.map((code) => `\`${code}\`: ${ERROR_CODES[code]}`).join("\n- ");
      const headers: HeaderName[] = [];
      if (status === 401) headers.push("WWW-Authenticate");
      if (status === 429 || status === 503) headers.push("Retry-After");
      return [
        status,
        {
          description: `${STATUS_TEXT[status]} Codes:\n- ${list}`,
          headers: withHeaders(headers),
          content: {
            "application/json": {
              // The shared envelope, narrowed to this operation's codes.
              schema: z.intersection(ErrorSchema, z.object({ error: narrowed(status, unique) })),
            },
          },
        },
      ];
    }),
  );
}

function merge(...specs: RouteErrors[]): RouteErrors {
  const merged: Record<number, ErrorCode[]> = {};
  for (const spec of specs)
    for (const [status, codes] of Object.entries(spec))
      merged[Number(status)] = [...(merged[Number(status)] ?? []), ...(codes ?? [])];
  return merged;
}

/** Errors that follow from the route's shape rather than its logic. */
function sharedErrors(route: RouteConfig): RouteErrors {
  const schemes = (route.security ?? []).flatMap((entry) => Object.keys(entry));
  const hasBody = Boolean(route.request?.body);
  return merge(
    // Every route validates its query (unknown parameters included) and may fail.
    { 422: ["validation_failed"], 500: ["internal_error"], 503: ["misconfigured"] },
    hasBody
      ? { 400: ["bad_request"], 413: ["payload_too_large"], 415: ["unsupported_media_type"] }
      : {},
    // A deleted account's tokens are refused, a suspended one's forbidden, a token older than
    // the account's last password change (or sign out everywhere) refused, on every route;
    // every authenticated route counts against the user's request limit.
    schemes.includes("bearerAuth")
      ? {
          401: ["unauthorized", "account_deleted", "account_not_found", "session_revoked"],
          403: ["account_suspended"],
          429: ["rate_limited"],
        }
      : {},
    schemes.includes("agentToken")
      ? { 401: ["unauthorized"], 403: ["session_ended"], 429: ["rate_limited"] }
      : {},
  );
}

export interface RouteDefinition {
  operationId: string;
  summary: string;
  description: string;
  tags: [DocTag];
  /** The codes this route's own logic answers, by status. */
  errors?: RouteErrors;
  /** Headers its success responses send besides X-Request-Id, by status. */
  successHeaders?: Partial<Record<number, readonly HeaderName[]>>;
}

export function defineRoute<P extends string, R extends Omit<RouteConfig, "path"> & { path: P }>(
  route: R & RouteDefinition,
) {
  const { errors = {}, successHeaders = {}, ...config } = route;
  // Unknown query parameters are a 422 on every route, as on the ones that take some.
  const request = { query: z.object({}).strict(), ...config.request };
  const responses = Object.fromEntries(
    Object.entries(config.responses).map(([status, response]) => [
      status,
      { ...response, headers: withHeaders(successHeaders[Number(status)] ?? []) },
    ]),
  );
  // A status that is both a declared response and an error (health's 503) takes either body.
  for (const [status, error] of Object.entries(
    errorResponses(merge(sharedErrors(config), errors)),
  )) {
    const declared = responses[status] as { content?: Record<string, { schema: z.ZodType }> };
    const body = declared?.content?.["application/json"];
    if (!body) responses[status] = error;
    else body.schema = z.union([body.schema, error.content["application/json"].schema]);
  }
  return createRoute({ ...config, request, responses } as unknown as R);
}
