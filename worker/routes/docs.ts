import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../app-env";
import { DOC_TAGS, type DocTag } from "./common.schemas";
import { RESPONSE_HEADERS } from "./define-route";
import { type OpenApiDocument, splitDocument } from "./openapi-document";

// Two OpenAPI 3.1 documents from the one set of route definitions: what an app calls
// (/openapi.json) and what the agent host and LiveKit call (/internal/openapi.json).

const INTERNAL_TAGS: readonly DocTag[] = ["agent", "webhooks"];

const DESCRIPTION = {
  app:
    "The REST API the mobile apps call. Conventions (errors, pagination, units, idempotency " +
    "keys, time zones) are in the README's API conventions section. Every error is " +
    "`{error: {code, message, details?, request_id}}`; each response lists its codes.",
  internal:
    "The callback API of the LiveKit agent host (authenticated with the agent token from a " +
    "voice session's dispatch metadata) and the LiveKit webhook receiver.",
};

// The docs UI's code and styles are static assets built from the pinned swagger-ui-dist
// package (scripts/build-assets.ts), served at /docs/*: the page works offline.
const DOCS_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Fitness Coach API</title>
<link rel="icon" type="image/png" href="/docs/favicon-32x32.png">
<link rel="stylesheet" href="/docs/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="/docs/swagger-ui-bundle.js"></script>
<script src="/docs/swagger-ui-standalone-preset.js"></script>
<script>
window.ui = SwaggerUIBundle({
  urls: [
    { url: "/openapi.json", name: "App API" },
    { url: "/internal/openapi.json", name: "Agent API and webhooks" },
  ],
  dom_id: "#swagger-ui",
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
  layout: "StandaloneLayout",
});
</script>
</body>
</html>
`;

export function mountDocs(app: OpenAPIHono<AppEnv>): void {
  app.openAPIRegistry.registerComponent("securitySchemes", "bearerAuth", {
    type: "http",
    scheme: "bearer",
    bearerFormat: "JWT",
    description:
      "Access token from /v1/auth/login or /v1/auth/signup (or your identity provider's).",
  });
  for (const [name, header] of Object.entries(RESPONSE_HEADERS))
    app.openAPIRegistry.registerComponent("headers", name, header);
  app.openAPIRegistry.registerComponent("securitySchemes", "agentToken", {
    type: "http",
    scheme: "bearer",
    bearerFormat: "JWT",
    description: "The agent_token from a voice session's dispatch metadata (audience agent-host).",
  });

  // Generated once per isolate: the routes do not change while it lives.
  let documents: { app: OpenApiDocument; internal: OpenApiDocument } | null = null;
  const serve = (which: "app" | "internal") => (c: Context<AppEnv>) => {
    documents ??= splitDocument(
      app.getOpenAPI31Document({
        openapi: "3.1.0",
        info: { title: "Fitness Coach API", version: c.get("config").APP_VERSION },
      }) as unknown as OpenApiDocument,
      {
        isInternal: (tags) => tags.some((tag) => INTERNAL_TAGS.includes(tag as DocTag)),
        tags: DOC_TAGS,
        titles: { app: "Fitness Coach API", internal: "Fitness Coach internal API" },
        descriptions: DESCRIPTION,
      },
    );
    return c.json({
      ...documents[which],
      servers: [{ url: new URL(c.req.url).origin, description: "This server" }],
    });
  };
  app.get("/openapi.json", serve("app"));
  app.get("/internal/openapi.json", serve("internal"));
  app.get("/docs", (c) => c.html(DOCS_PAGE));
}
