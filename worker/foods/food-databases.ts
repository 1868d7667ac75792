import { fromFdcFood } from "../../engine/foods/fdc";
import type { FoodRecord } from "../../engine/foods/food";
import { fromOpenFoodFactsProduct } from "../../engine/foods/open-food-facts";
import type { Config } from "../../kernel/config";

// Clients of the two food databases (docs/nutrition.md): USDA FoodData Central's search and
// food endpoints, and Open Food Facts' product by barcode. Each answer is normalised to the
// one food shape (engine/foods); records that cannot be (no macros, implausible values) are
// left out. A 429, or a last allowed request (`X-RateLimit-Remaining: 0`), is reported with
// how long to wait, so the caller can stop every user's requests for that long: neither
// provider sends Retry-After, FDC's limit rolls over an hour and OFF's over a minute.

const TIMEOUT_MS = 5_000;
/** Waits after a 429 when the provider names none: a fraction of FDC's hour, OFF's minute. */
export const COOLDOWN_SECONDS = { fdc: 900, off: 60 } as const;
/** FDC's generic data types; Branded foods come by barcode from Open Food Facts instead. */
const FDC_DATA_TYPES = "Foundation,SR Legacy";

export type ProviderAnswer<T> =
  | { ok: true; value: T; lastAllowed: boolean }
  | { ok: false; kind: "rate_limited"; retryAfterSeconds: number }
  | { ok: false; kind: "failed"; detail: string };

function retryAfter(response: Response, fallback: number): number {
  const header = Number(response.headers.get("retry-after"));
  return Number.isFinite(header) && header > 0 ? Math.ceil(header) : fallback;
}

async function getJson(
  url: string,
  init: RequestInit,
  cooldown: number,
  found: (status: number) => boolean = (status) => status === 200,
): Promise<ProviderAnswer<{ status: number; body: unknown }>> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (error) {
    return { ok: false, kind: "failed", detail: String(error) };
  }
  if (response.status === 429)
    return { ok: false, kind: "rate_limited", retryAfterSeconds: retryAfter(response, cooldown) };
  if (!found(response.status)) {
    await response.body?.cancel();
    return { ok: false, kind: "failed", detail: `HTTP ${response.status}` };
  }
  const body = await response.json().catch(() => null);
  return {
    ok: true,
    value: { status: response.status, body },
    lastAllowed: response.headers.get("x-ratelimit-remaining") === "0",
  };
}

const normalised = (records: unknown[]) =>
  records.flatMap((record) => {
    const result = fromFdcFood(record);
    return result.ok ? [result.food] : [];
  });

/** Generic foods matching a query (FDC `GET /v1/foods/search`, Foundation and SR Legacy). */
export async function searchFdc(
  config: Config,
  query: string,
  pageSize: number,
): Promise<ProviderAnswer<FoodRecord[]>> {
  const url = new URL(`${config.FDC_API_URL}/v1/foods/search`);
  url.searchParams.set("query", query);
  url.searchParams.set("dataType", FDC_DATA_TYPES);
  url.searchParams.set("pageSize", String(pageSize));
  url.searchParams.set("api_key", config.FDC_API_KEY ?? "");
  const answer = await getJson(url.href, {}, COOLDOWN_SECONDS.fdc);
  if (!answer.ok) return answer;
  const hits = (answer.value.body as { foods?: unknown })?.foods;
  return { ...answer, value: normalised(Array.isArray(hits) ? hits : []) };
}

/** One FDC food by its id (`GET /v1/food/{fdcId}`), or null when FDC has none. */
export async function fetchFdcFood(
  config: Config,
  fdcId: string,
): Promise<ProviderAnswer<FoodRecord | null>> {
  const url = new URL(`${config.FDC_API_URL}/v1/food/${encodeURIComponent(fdcId)}`);
  url.searchParams.set("api_key", config.FDC_API_KEY ?? "");
  const answer = await getJson(url.href, {}, COOLDOWN_SECONDS.fdc, (s) => s === 200 || s === 404);
  if (!answer.ok) return answer;
  const [food] = answer.value.status === 200 ? normalised([answer.value.body]) : [];
  return { ...answer, value: food ?? null };
}

const OFF_FIELDS = [
  "code",
  "product_name",
  "product_name_en",
  "generic_name",
  "brands",
  "serving_size",
  "serving_quantity",
  "serving_quantity_unit",
  "nutriments",
].join(",");

/**
 * A packaged food by its canonical barcode (OFF `GET /api/v2/product/{code}`): the food, or
 * null when OFF has no such product or one without usable nutrition facts.
 */
export async function fetchOpenFoodFactsProduct(
  config: Config,
  code: string,
): Promise<ProviderAnswer<FoodRecord | null>> {
  const url = `${config.OPEN_FOOD_FACTS_URL}/api/v2/product/${code}?fields=${OFF_FIELDS}`;
  const answer = await getJson(
    url,
    {
      headers: {
        // OFF asks every client to name itself, its version and a contact.
        "user-agent": `FitnessCoach/${config.APP_VERSION} (${config.OPEN_FOOD_FACTS_CONTACT})`,
      },
    },
    COOLDOWN_SECONDS.off,
    (status) => status === 200 || status === 404,
  );
  if (!answer.ok) return answer;
  const product = (answer.value.body as { product?: unknown })?.product;
  const result = answer.value.status === 200 ? fromOpenFoodFactsProduct(product) : null;
  return { ...answer, value: result?.ok ? result.food : null };
}
