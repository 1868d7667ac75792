import { OpenAPIHono } from "@hono/zod-openapi";
import { fieldErrors } from "../../kernel/field-errors";
import type { AppEnv } from "../app-env";
import { validationFailed } from "../errors";

/**
 * A new route group. Every group shares this validation hook, so a bad body, query or path
 * parameter is always a 422 naming each field, in the one error envelope.
 */
export function routeGroup(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw validationFailed(fieldErrors(result.error.issues));
    },
  });
}
