import { swaggerUI } from "@hono/swagger-ui";
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../app-env";

/** Serves the OpenAPI 3.1 document generated from the route definitions, and a docs UI. */
export function mountDocs(app: OpenAPIHono<AppEnv>): void {
  app.openAPIRegistry.registerComponent("securitySchemes", "bearerAuth", {
    type: "http",
    scheme: "bearer",
    bearerFormat: "JWT",
    description:
      "Access token from /v1/auth/login or /v1/auth/signup (or your identity provider's).",
  });
  app.openAPIRegistry.registerComponent("securitySchemes", "agentToken", {
    type: "http",
    scheme: "bearer",
    bearerFormat: "JWT",
    description: "The agent_token from a voice session's dispatch metadata (audience agent-host).",
  });
  app.doc31("/openapi.json", (c) => ({
    openapi: "3.1.0",
    info: {
      title: "Fitness Coach API",
      version: c.get("config").APP_VERSION,
      description:
        "Edge API for the AI fitness coach. Errors use one envelope: " +
        "`{error: {code, message, details?, request_id}}`.",
    },
    servers: [{ url: new URL(c.req.url).origin }],
  }));
  app.get("/docs", swaggerUI({ url: "/openapi.json" }));
}
