import type { MiddlewareHandler } from "hono";
import { matchedRoutes } from "hono/route";
import type { AppEnv } from "../app-env";

// One data point per request in Workers Analytics Engine (the METRICS dataset in
// wrangler.toml): every request is counted, unlike the sampled logs, so error rates and
// latency percentiles by route are exact. Locally the binding is a no-op. The layout is the
// contract of the queries in docs/operations.md:
//   index1  route pattern (also the sampling key)
//   blob1   route pattern   blob2 method   blob3 status class ("2xx")   blob4 error code or ""
//   double1 duration in ms  double2 status

/** The route's pattern, e.g. "/v1/programs/:program_id/activate", never the raw path (ids). */
function routeOf(c: Parameters<MiddlewareHandler<AppEnv>>[0]): string {
  const route = matchedRoutes(c).findLast((candidate) => candidate.method !== "ALL");
  return route?.path ?? "unmatched";
}

export function requestMetrics(): MiddlewareHandler<AppEnv> {
  return async function requestMetricsMiddleware(c, next) {
    const started = performance.now();
    await next();
    const metrics = c.env.METRICS;
    if (!metrics) return;
    const route = routeOf(c);
    const status = c.res.status;
    try {
      metrics.writeDataPoint({
        indexes: [route],
        blobs: [route, c.req.method, `${Math.floor(status / 100)}xx`, c.get("errorCode") ?? ""],
        doubles: [performance.now() - started, status],
      });
    } catch (error) {
      // Metrics never fail a request.
      c.get("log").warn("metrics_write_failed", { error: String(error) });
    }
  };
}
