import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../app-env";
import { DOC_TAGS, type DocTag } from "./common.schemas";
import { RESPONSE_HEADERS } from "./define-route";
import { type DocumentName, type OpenApiDocument, splitDocument } from "./openapi-document";

// Three OpenAPI 3.1 documents from the one set of route definitions: what an app calls
// (/openapi.json), what the agent host and LiveKit call (/internal/openapi.json) and what
// operators call (/admin/openapi.json).

const INTERNAL_TAGS: readonly DocTag[] = ["agent", "webhooks"];
const ADMIN_TAGS: readonly DocTag[] = [
  "admin-users",
  "admin-jobs",
  "admin-schedules",
  "admin-catalog",
  "admin-backups",
];

function documentOf(tags: string[]): DocumentName {
  if (tags.some((tag) => ADMIN_TAGS.includes(tag as DocTag))) return "admin";
  if (tags.some((tag) => INTERNAL_TAGS.includes(tag as DocTag))) return "internal";
  return "app";
}

const DESCRIPTION = {
  app:
    "The REST API the mobile apps call. Conventions (errors, pagination, units, idempotency " +
    "keys, time zones) are in docs/api.md, API conventions. Every error is " +
    "`{error: {code, message, details?, request_id}}`; each response lists its codes.",
  internal:
    "The callback API of the LiveKit agent host (authenticated with the agent token from a " +
    "voice session's dispatch metadata) and the LiveKit webhook receiver.",
  admin:
    "The operators' API: an access token of an account whose role is `admin` (made with " +
    "`npm run admin:grant`, never through the API). Every call is recorded in the " +
    "`admin_audit` table with the admin's id and logged as `admin_action`. Users are shown " +
    "with status and counts only, never health details.",
};

// The docs UI's code and styles are static assets built from the pinned swagger-ui-dist
// package (scripts/build-assets.ts), served at /docs/ui/*: the page works offline.
const DOCS_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Fitness Coach API</title>
<link rel="icon" type="image/png" href="/docs/ui/favicon-32x32.png">
<link rel="stylesheet" href="/docs/ui/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="/docs/ui/swagger-ui-bundle.js"></script>
<script src="/docs/ui/swagger-ui-standalone-preset.js"></script>
<script>
window.ui = SwaggerUIBundle({
  urls: [
    { url: "/openapi.json", name: "App API" },
    { url: "/internal/openapi.json", name: "Agent API and webhooks" },
    { url: "/admin/openapi.json", name: "Operators' API" },
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
  let documents: Record<DocumentName, OpenApiDocument> | null = null;
  const serve = (which: DocumentName) => (c: Context<AppEnv>) => {
    documents ??= splitDocument(
      app.getOpenAPI31Document({
        openapi: "3.1.0",
        info: { title: "Fitness Coach API", version: c.get("config").APP_VERSION },
      }) as unknown as OpenApiDocument,
      {
        documentOf,
        tags: DOC_TAGS,
        titles: {
          app: "Fitness Coach API",
          internal: "Fitness Coach internal API",
          admin: "Fitness Coach operators' API",
        },
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
  app.get("/admin/openapi.json", serve("admin"));
  app.get("/docs", (c) => c.html(DOCS_PAGE));
  app.get("/docs/", (c) => c.redirect("/docs", 301));
}
