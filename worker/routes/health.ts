import { z } from "@hono/zod-openapi";
import { jsonResponse } from "./common.schemas";
import { defineRoute } from "./define-route";
import { routeGroup } from "./route-group";

const HealthSchema = z
  .object({
    status: z.enum(["ok", "degraded"]),
    version: z.string().openapi({ example: "0.1.0" }),
    d1: z.enum(["ok", "unreachable"]),
  })
  .openapi("Health");

const healthRoute = defineRoute({
  method: "get",
  path: "/",
  operationId: "getHealth",
  tags: ["health"],
  summary: "Readiness: the Worker runs and D1 answers (public)",
  description: "200 when D1 answers a query, 503 (with the same body) when it does not.",
  responses: {
    200: jsonResponse(HealthSchema, "Healthy.", { status: "ok", version: "0.1.0", d1: "ok" }),
    503: jsonResponse(HealthSchema, "D1 is unreachable (or, as for any route, `misconfigured`).", {
      status: "degraded",
      version: "0.1.0",
      d1: "unreachable",
    }),
  },
  successHeaders: { 503: ["Retry-After"] },
});

const liveRoute = defineRoute({
  method: "get",
  path: "/live",
  operationId: "getLiveness",
  tags: ["health"],
  summary: "Liveness only: answers without touching D1 (public)",
  description: "For load balancers: 200 whenever the Worker can run at all.",
  responses: {
    200: jsonResponse(
      z.object({ status: z.literal("ok") }).openapi("Liveness"),
      "The Worker runs.",
      {
        status: "ok",
      },
    ),
  },
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
      c.header("Retry-After", "10");
      return c.json({ status: "degraded" as const, version, d1: "unreachable" as const }, 503);
    }
  });
