import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import fixture from "./fixtures/fdc-foods.json";

/**
 * USDA FoodData Central's API (https://api.nal.usda.gov/fdc) on a loopback port: the food
 * search (`GET` or `POST /v1/foods/search`) and a food (`GET /v1/food/{fdcId}`), answered from
 * recorded-shape fixtures (fixtures/fdc-foods.json). It checks what api.data.gov, the gateway
 * in front of FDC, checks: an `api_key` query parameter or `X-Api-Key` header (403
 * API_KEY_MISSING / API_KEY_INVALID), and the key's hourly limit (`X-RateLimit-Limit` and
 * `X-RateLimit-Remaining` on every answer, 429 OVER_RATE_LIMIT past it, with no Retry-After:
 * the gateway sends none).
 *
 * The search matches any word of the query (FDC's default, `requireAllWords` false), most
 * words first, filtered by `dataType`, paged by `pageSize` (default 50, at most 200) and
 * `pageNumber` (from 1).
 *
 * Controls for tests (workerd tests call them over HTTP): GET /_stub/requests (every request;
 * `?query=WORD` keeps searches whose query contains WORD), POST /_stub/exhaust `{seconds}`
 * (the key is over its limit for that long), POST /_stub/reset.
 */

interface FixtureNutrient {
  nutrient: { id: number; number: string; name: string; unitName: string };
  amount: number;
}
interface FixturePortion {
  amount: number;
  gramWeight: number;
  modifier: string;
  sequenceNumber: number;
  measureUnit: { id: number; name: string; abbreviation: string };
}
interface FixtureFood {
  fdcId: number;
  description: string;
  dataType: string;
  publicationDate: string;
  ndbNumber?: number;
  foodCategory: { description: string };
  foodNutrients: FixtureNutrient[];
  foodPortions: FixturePortion[];
}

export interface FdcRequest {
  method: string;
  path: string;
  query: string | null;
  /** Whether a key came with the request (the key itself is never recorded). */
  keyed: boolean;
  status: number;
}

export interface FdcStubOptions {
  apiKey: string;
  /** Requests per key per rolling hour; api.data.gov's default is 1,000. */
  hourlyLimit?: number;
}

const FOODS = (fixture as { foods: FixtureFood[] }).foods;
const GATEWAY = "https://api.data.gov:443";

/** A food as the search lists it: nutrients flattened, portions as household measures. */
function searchHit(food: FixtureFood, score: number) {
  const [month, day, year] = food.publicationDate.split("/");
  return {
    fdcId: food.fdcId,
    description: food.description,
    dataType: food.dataType,
    publishedDate: `${year}-${month?.padStart(2, "0")}-${day?.padStart(2, "0")}`,
    ...(food.ndbNumber ? { ndbNumber: food.ndbNumber } : {}),
    foodCategory: food.foodCategory.description,
    allHighlightFields: "",
    score,
    foodNutrients: food.foodNutrients.map(({ nutrient, amount }) => ({
      nutrientId: nutrient.id,
      nutrientName: nutrient.name,
      nutrientNumber: nutrient.number,
      unitName: nutrient.unitName.toUpperCase(),
      value: amount,
    })),
    foodMeasures: food.foodPortions.map((portion) => ({
      disseminationText: `${portion.amount} ${portion.modifier}`,
      gramWeight: portion.gramWeight,
      modifier: portion.modifier,
      rank: portion.sequenceNumber,
      measureUnitAbbreviation: portion.measureUnit.abbreviation,
      measureUnitName: portion.measureUnit.name,
      measureUnitId: portion.measureUnit.id,
    })),
    foodAttributes: [],
    foodAttributeTypes: [],
    foodVersionIds: [],
  };
}

const words = (text: string) =>
  text
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);

function search(criteria: {
  query: string;
  dataType: string[];
  pageSize: number;
  pageNumber: number;
}) {
  const wanted = words(criteria.query);
  const hits = FOODS.filter(
    (food) => criteria.dataType.length === 0 || criteria.dataType.includes(food.dataType),
  )
    .map((food) => {
      const have = words(food.description);
      // FDC's index stems words, so "banana" finds "Bananas, raw".
      const stem = (word: string) => word.replace(/(es|s)$/, "");
      const matched = wanted.filter((word) => have.some((h) => stem(h) === stem(word))).length;
      return { food, matched };
    })
    .filter(({ matched }) => matched > 0)
    .sort((a, b) => b.matched - a.matched || a.food.fdcId - b.food.fdcId);
  const totalPages = Math.ceil(hits.length / criteria.pageSize);
  const start = (criteria.pageNumber - 1) * criteria.pageSize;
  return {
    totalHits: hits.length,
    currentPage: criteria.pageNumber,
    totalPages,
    pageList: Array.from({ length: Math.min(totalPages, 10) }, (_, i) => i + 1),
    foodSearchCriteria: {
      query: criteria.query,
      generalSearchInput: criteria.query,
      dataType: criteria.dataType,
      pageNumber: criteria.pageNumber,
      numberOfResultsPerPage: 50,
      pageSize: criteria.pageSize,
      requireAllWords: false,
    },
    foods: hits
      .slice(start, start + criteria.pageSize)
      .map(({ food, matched }) => searchHit(food, 100 * matched)),
    aggregations: { dataType: {}, nutrients: {} },
  };
}

async function readText(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

export type FdcStub = Awaited<ReturnType<typeof startFdcStub>>;

export async function startFdcStub(options: FdcStubOptions) {
  const hourlyLimit = options.hourlyLimit ?? 1000;
  const requests: FdcRequest[] = [];
  let hits: number[] = [];
  let exhaustedUntil = 0;

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://stub");
    const body = await readText(req);
    const send = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { "content-type": "application/json", ...headers });
      res.end(JSON.stringify(payload));
    };
    if (url.pathname.startsWith("/_stub/")) return control(url, body, send);

    const key = url.searchParams.get("api_key") ?? header(req, "x-api-key");
    const record: FdcRequest = {
      method: req.method ?? "GET",
      path: url.pathname,
      query: null,
      keyed: key !== undefined,
      status: 0,
    };
    requests.push(record);
    const answer = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      record.status = status;
      send(status, payload, headers);
    };
    if (!key)
      return answer(403, {
        error: {
          code: "API_KEY_MISSING",
          message: `No api_key was supplied. Get one at ${GATEWAY}`,
        },
      });
    if (key !== options.apiKey)
      return answer(403, {
        error: {
          code: "API_KEY_INVALID",
          message: `An invalid api_key was supplied. Get one at ${GATEWAY}`,
        },
      });
    const now = Date.now();
    hits = hits.filter((at) => at > now - 3_600_000);
    const over = hits.length >= hourlyLimit || now < exhaustedUntil;
    if (!over) hits.push(now);
    const limits = {
      "x-ratelimit-limit": String(hourlyLimit),
      "x-ratelimit-remaining": String(over ? 0 : hourlyLimit - hits.length),
    };
    if (over)
      return answer(
        429,
        {
          error: {
            code: "OVER_RATE_LIMIT",
            message: `You have exceeded your rate limit. Try again later or contact us at ${GATEWAY}/contact/ for assistance`,
          },
        },
        limits,
      );
    route(url, req.method ?? "GET", body, record, (status, payload) =>
      answer(status, payload, limits),
    );
  });

  function route(
    url: URL,
    method: string,
    body: string,
    record: FdcRequest,
    answer: (status: number, payload: unknown) => void,
  ) {
    if (url.pathname === "/v1/foods/search" && (method === "GET" || method === "POST")) {
      const criteria = method === "POST" ? parseJson(body) : undefined;
      if (method === "POST" && !criteria)
        return answer(400, { error: "Bad Request", message: "JSON parse error" });
      const query = String(criteria?.query ?? url.searchParams.get("query") ?? "");
      record.query = query;
      if (!query.trim())
        return answer(400, { error: "Bad Request", message: "query: must not be blank" });
      const dataType: string[] =
        criteria?.dataType ??
        (url.searchParams
          .get("dataType")
          ?.split(",")
          .map((t) => t.trim())
          .filter(Boolean) ||
          []);
      const pageSize = Number(criteria?.pageSize ?? url.searchParams.get("pageSize") ?? 50);
      const pageNumber = Number(criteria?.pageNumber ?? url.searchParams.get("pageNumber") ?? 1);
      if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 200)
        return answer(400, { error: "Bad Request", message: "pageSize: must be 1..200" });
      if (!Number.isInteger(pageNumber) || pageNumber < 1)
        return answer(400, { error: "Bad Request", message: "pageNumber: must be 1 or more" });
      return answer(200, search({ query, dataType, pageSize, pageNumber }));
    }
    const food = url.pathname.match(/^\/v1\/food\/(\d+)$/);
    if (food && method === "GET") {
      const found = FOODS.find((f) => f.fdcId === Number(food[1]));
      return found
        ? answer(200, found)
        : answer(404, { status: 404, error: "Not Found", message: "No message available" });
    }
    answer(404, { status: 404, error: "Not Found", message: "No message available" });
  }

  function control(url: URL, body: string, send: (status: number, payload: unknown) => void) {
    if (url.pathname === "/_stub/requests") {
      const word = url.searchParams.get("query")?.toLowerCase();
      return send(
        200,
        word ? requests.filter((r) => r.query?.toLowerCase().includes(word)) : requests,
      );
    }
    if (url.pathname === "/_stub/exhaust") {
      exhaustedUntil = Date.now() + 1000 * Number(parseJson(body)?.seconds ?? 3600);
      return send(200, {});
    }
    if (url.pathname === "/_stub/reset") {
      requests.length = 0;
      hits = [];
      exhaustedUntil = 0;
      return send(200, {});
    }
    send(404, {});
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    apiKey: options.apiKey,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

// biome-ignore lint/suspicious/noExplicitAny: a request body, read field by field
function parseJson(text: string): any {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
