import { z } from "@hono/zod-openapi";

// Pieces every route group's OpenAPI definitions share.

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: "validation_failed" }),
      message: z.string().openapi({ example: "Invalid email." }),
      details: z.unknown().optional(),
      request_id: z.string().openapi({ example: "6f1c2d0e-7b1a-4a51-9a35-0e1f5b7c9d21" }),
    }),
  })
  .openapi("Error");

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: "Malformed request (for example a body that is not JSON).",
  401: "Missing, expired or invalid bearer token.",
  403: "The resource belongs to someone else.",
  404: "Not found.",
  409: "Conflicts with the current state.",
  413: "Request body larger than 64 KiB.",
  422: "Validation failed; `details` lists `{field, message}` for each bad field.",
  429: "Rate limited; retry after the `Retry-After` header's seconds.",
  500: "Unexpected server error; details are in the logs under the request id.",
  503: "The service is misconfigured or a dependency is unavailable.",
};

/** OpenAPI responses for the given error statuses, all in the one error envelope. */
export function errorResponses(...statuses: number[]) {
  return Object.fromEntries(
    statuses.map((status) => [
      status,
      {
        description: ERROR_DESCRIPTIONS[status] ?? "Error.",
        content: { "application/json": { schema: ErrorSchema } },
      },
    ]),
  );
}

export const bearerSecurity = [{ bearerAuth: [] }];

export const jsonBody = <T extends z.ZodType>(schema: T, description?: string) => ({
  required: true,
  ...(description ? { description } : {}),
  content: { "application/json": { schema } },
});

export const jsonResponse = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});
