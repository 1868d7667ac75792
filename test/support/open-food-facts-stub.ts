import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import fixture from "./fixtures/off-products.json";

/**
 * Open Food Facts' read API (https://world.openfoodfacts.org) on a loopback port:
 * `GET /api/v2/product/{barcode}` (also with `.json`), answered from recorded-shape fixtures
 * (fixtures/off-products.json): `{code, product, status: 1, status_verbose: "product found"}`,
 * or 404 `{code, status: 0, status_verbose: "product not found"}`. `fields=a,b` keeps those
 * product fields, as the real API does.
 *
 * It checks what OFF asks of every client: a User-Agent naming the app, its version and a
 * contact (`AppName/1.0 (contact@example.com)`); a library's default (or none) gets 403, where
 * the real service may block the client. It counts product reads per client against OFF's
 * published limit (100 a minute) and answers 429 past it.
 *
 * Controls for tests: GET /_stub/requests (`?code=BARCODE` for one product's), POST
 * /_stub/exhaust `{seconds}` (every read is over the limit for that long), POST /_stub/reset.
 */

export interface OffRequest {
  path: string;
  code: string | null;
  userAgent: string | null;
  status: number;
}

const PRODUCTS = (fixture as { products: Record<string, Record<string, unknown>> }).products;

/** `AppName/Version (contact)`: a name, a version and something in parentheses to reach. */
const DESCRIPTIVE_AGENT = /^[A-Za-z0-9][\w.-]*\/[\w.-]+ \((?=[^)]*[@.])[^)]+\)/;

export type OpenFoodFactsStub = Awaited<ReturnType<typeof startOpenFoodFactsStub>>;

export async function startOpenFoodFactsStub(options: { readsPerMinute?: number } = {}) {
  const limit = options.readsPerMinute ?? 100;
  const requests: OffRequest[] = [];
  let reads: number[] = [];
  let exhaustedUntil = 0;

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://stub");
    let body = "";
    for await (const chunk of req) body += chunk;
    const send = (status: number, payload: unknown) => {
      res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
      res.end(JSON.stringify(payload));
    };
    if (url.pathname.startsWith("/_stub/")) {
      if (url.pathname === "/_stub/requests") {
        const code = url.searchParams.get("code");
        return send(200, code ? requests.filter((r) => r.code === code) : requests);
      }
      if (url.pathname === "/_stub/exhaust") {
        const seconds = Number(safeJson(body)?.seconds ?? 60);
        exhaustedUntil = Date.now() + 1000 * seconds;
        return send(200, {});
      }
      if (url.pathname === "/_stub/reset") {
        requests.length = 0;
        reads = [];
        exhaustedUntil = 0;
        return send(200, {});
      }
      return send(404, {});
    }

    const match = url.pathname.match(/^\/api\/v2\/product\/([^/]+?)(?:\.json)?$/);
    const agent = req.headers["user-agent"] ?? null;
    const record: OffRequest = {
      path: url.pathname,
      code: match?.[1] ?? null,
      userAgent: agent,
      status: 0,
    };
    requests.push(record);
    const answer = (status: number, payload: unknown) => {
      record.status = status;
      send(status, payload);
    };
    if (!agent || !DESCRIPTIVE_AGENT.test(agent))
      return answer(403, {
        status: 0,
        status_verbose:
          "Set a User-Agent with your app's name, version and contact, e.g. MyApp/1.0 (me@example.com)",
      });
    const now = Date.now();
    reads = reads.filter((at) => at > now - 60_000);
    if (reads.length >= limit || now < exhaustedUntil)
      return answer(429, { status: 0, status_verbose: "Too Many Requests" });
    reads.push(now);
    if (req.method !== "GET" || !match)
      return answer(404, { status: 0, status_verbose: "not found" });
    const code = match[1] as string;
    if (!/^\d{1,14}$/.test(code))
      return answer(404, { code, status: 0, status_verbose: "no code or invalid code" });
    const product = PRODUCTS[code];
    if (!product) return answer(404, { code, status: 0, status_verbose: "product not found" });
    const fields = url.searchParams
      .get("fields")
      ?.split(",")
      .map((f) => f.trim());
    const shown = fields
      ? Object.fromEntries(Object.entries(product).filter(([key]) => fields.includes(key)))
      : product;
    answer(200, { code, product: shown, status: 1, status_verbose: "product found" });
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// biome-ignore lint/suspicious/noExplicitAny: a control body, read field by field
function safeJson(text: string): any {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
