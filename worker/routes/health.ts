import { createRoute, z } from "@hono/zod-openapi";
import { errorResponses, jsonResponse } from "./common.schemas";
import { routeGroup } from "./route-group";

const HealthSchema = z
  .object({
    status: z.enum(["ok", "degraded"]),
    version: z.string().openapi({ example: "0.1.0" }),
    d1: z.enum(["ok", "unreachable"]),
  })
  .openapi("Health");

const healthRoute = createRoute({
  method: "get",
  path: "/health",
  tags: ["health"],
  summary: "Liveness and D1 reachability (public)",
  responses: {
    200: jsonResponse(HealthSchema, "Healthy."),
    503: jsonResponse(HealthSchema, "D1 is unreachable."),
    ...errorResponses(500),
  },
});

const liveRoute = createRoute({
  method: "get",
  path: "/health/live",
  tags: ["health"],
  summary: "Liveness only: answers without touching D1 (public)",
  responses: { 200: jsonResponse(z.object({ status: z.literal("ok") }), "The Worker runs.") },
});

export const healthRoutes = routeGroup()
  .openapi(liveRoute, (c) => c.json({ status: "ok" as const }, 200))
  .openapi(healthRoute, async (c) => {
    const version = c.get("config").APP_VERSION;
    try {
      await c.env.DB.prepare("SELECT 1").first();
      return c.json({ status: "ok" as const, version, d1: "ok" as const }, 200);
    } catch (error) {
      c.get("log").error("health_d1_unreachable", { error: String(error) });
      return c.json({ status: "degraded" as const, version, d1: "unreachable" as const }, 503);
    }
  });
