import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import app from "../../worker/index";
import { signUp } from "./helpers";

// Analytics Engine cannot be read back locally (the binding is a no-op), so this runs the real
// Worker with every real binding but METRICS, which records what the middleware writes.
type DataPoint = { indexes?: string[]; blobs?: string[]; doubles?: number[] };

async function served(request: Request) {
  const points: DataPoint[] = [];
  const METRICS = { writeDataPoint: (point: DataPoint) => points.push(point) };
  const ctx = createExecutionContext();
  const response = await app.fetch(request, { ...env, METRICS }, ctx);
  await waitOnExecutionContext(ctx);
  return { response, points };
}

describe("request metrics", () => {
  it("writes route pattern, method, status and error code per request, never the raw path", async () => {
    const user = await signUp();
    const headers = { authorization: `Bearer ${user.accessToken}` };

    const ok = await served(new Request("https://api.test/v1/me", { headers }));
    expect(ok.response.status).toBe(200);
    expect(ok.points).toHaveLength(1);
    expect(ok.points[0]?.indexes).toEqual(["/v1/me"]);
    expect(ok.points[0]?.blobs).toEqual(["/v1/me", "GET", "2xx", ""]);
    expect(ok.points[0]?.doubles?.[0]).toBeGreaterThanOrEqual(0);
    expect(ok.points[0]?.doubles?.[1]).toBe(200);

    const missing = await served(
      new Request("https://api.test/v1/programs/prog_does_not_exist", { headers }),
    );
    expect(missing.response.status).toBe(404);
    expect(missing.points[0]?.blobs).toEqual([
      "/v1/programs/:program_id",
      "GET",
      "4xx",
      "program_not_found",
    ]);

    const anonymous = await served(new Request("https://api.test/v1/me"));
    expect(anonymous.points[0]?.blobs?.slice(2)).toEqual(["4xx", "unauthorized"]);

    const unknown = await served(new Request("https://api.test/v1/no-such-route/123"));
    expect(unknown.points[0]?.blobs).toEqual(["unmatched", "GET", "4xx", "not_found"]);
  });
});
