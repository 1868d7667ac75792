import { database } from "../../d1/client";
import {
  cachedBarcode,
  cachedFoods,
  cachedFoodsNamed,
  cooldownUntil,
  lookupAnswer,
  type Provider,
  startCooldown,
  storeAnswer,
} from "../../d1/foods";
import { canonicalBarcode } from "../../engine/foods/barcode";
import { BUILTIN_FOODS, builtinFood } from "../../engine/foods/builtin";
import { type FoodRecord, parseFoodId } from "../../engine/foods/food";
import { matchesQuery, rankFoods, words } from "../../engine/foods/text-match";
import type { Config } from "../../kernel/config";
import { fail, ok, type Result } from "../../kernel/result";
import {
  COOLDOWN_SECONDS,
  fetchFdcFood,
  fetchOpenFoodFactsProduct,
  type ProviderAnswer,
  searchFdc,
} from "./food-databases";

// Foods as the edge finds them: built-in foods (code), the shared D1 cache, then the provider,
// whose answer is cached so the same question is answered from D1 afterwards. A provider's
// 429 starts a cooldown in D1 that every request honours (no call until it passes), so a
// burst of users cannot turn one 429 into a retry storm.

/** How long a provider's answer to a search stands before it is asked again. */
export const SEARCH_KEPT_DAYS = 30;
/** A barcode the provider does not know is asked again after this long. */
export const MISS_KEPT_HOURS = 24;
/** FDC hits read per search (its pages go to 200); the rest is ranked and paged here. */
const FDC_PAGE_SIZE = 50;
/** Cached foods read for a name search before ranking. */
const CACHE_CANDIDATES = 200;

/** What the food database contributed to a search. */
export type ProviderStatus =
  | "fetched"
  | "cached"
  | "not_configured"
  | "rate_limited"
  | "unavailable";

export interface FoodSearch {
  foods: FoodRecord[];
  fdc: ProviderStatus;
  retryAfterSeconds?: number;
}

const isoAgo = (ms: number) => new Date(Date.now() - ms).toISOString();
const secondsUntil = (iso: string) => Math.max(1, Math.ceil((Date.parse(iso) - Date.now()) / 1000));

export class FoodLookup {
  readonly #db;

  constructor(
    env: Pick<Env, "DB">,
    private readonly config: Config,
  ) {
    this.#db = database(env.DB);
  }

  /** Every food matching the query, best first: built-in, cached, and FDC's answer. */
  async search(query: string): Promise<FoodSearch> {
    const major = words(query);
    const [cached, fdc] = await Promise.all([
      cachedFoodsNamed(this.#db, major, CACHE_CANDIDATES),
      this.#fdcSearch(query, major),
    ]);
    const builtin = BUILTIN_FOODS.filter((food) => matchesQuery(query, food));
    const byId = new Map<string, FoodRecord>();
    for (const food of [...builtin, ...cached, ...fdc.foods]) byId.set(food.id, food);
    return { ...fdc, foods: rankFoods(query, [...byId.values()]) };
  }

  async #fdcSearch(query: string, major: string[]): Promise<FoodSearch> {
    if (!this.config.FDC_API_KEY) return { foods: [], fdc: "not_configured" };
    const key = `fdc-search:${[...new Set(major)].sort().join(" ")}`;
    const known = await lookupAnswer(this.#db, key, isoAgo(SEARCH_KEPT_DAYS * 86_400_000));
    if (known) return { foods: [...(await cachedFoods(this.#db, known)).values()], fdc: "cached" };
    const answer = await this.#ask("fdc", () => searchFdc(this.config, query, FDC_PAGE_SIZE));
    if (!answer.ok)
      return {
        foods: [],
        fdc: answer.kind === "rate_limited" ? "rate_limited" : "unavailable",
        ...answer.retry,
      };
    await storeAnswer(this.#db, {
      foods: answer.value,
      lookupKey: key,
      at: new Date().toISOString(),
    });
    return { foods: answer.value, fdc: "fetched" };
  }

  /** A packaged food by its barcode: cached, else Open Food Facts (misses are kept a day). */
  async barcode(raw: string): Promise<Result<FoodRecord>> {
    const code = canonicalBarcode(raw);
    if (!code.ok)
      return fail(
        "validation_failed",
        "The barcode is not a valid EAN-8, UPC-A, EAN-13 or GTIN-14.",
        [
          {
            field: "ean",
            code: "invalid_format",
            message: `is not a barcode (${code.reason.replace("_", " ")})`,
          },
        ],
      );
    const cached = await cachedBarcode(this.#db, code.code);
    if (cached) return ok(cached);
    const key = `off-barcode:${code.code}`;
    if (await lookupAnswer(this.#db, key, isoAgo(MISS_KEPT_HOURS * 3_600_000))) return notFound();
    const answer = await this.#ask("off", () => fetchOpenFoodFactsProduct(this.config, code.code));
    if (!answer.ok) return providerFailure(answer.kind, answer.retry);
    const food = answer.value;
    await storeAnswer(this.#db, {
      foods: food ? [food] : [],
      lookupKey: key,
      at: new Date().toISOString(),
    });
    return food ? ok(food) : notFound();
  }

  /** Foods by id, for a meal log: built-in, cached, then FDC or OFF for ones not seen yet. */
  async byIds(ids: readonly string[]): Promise<Result<Map<string, FoodRecord>>> {
    const found = new Map<string, FoodRecord>();
    for (const id of ids) {
      const food = builtinFood(id);
      if (food) found.set(id, food);
    }
    const rest = ids.filter((id) => !found.has(id));
    for (const [id, food] of await cachedFoods(this.#db, rest)) found.set(id, food);
    for (const id of new Set(ids.filter((i) => !found.has(i)))) {
      const parsed = parseFoodId(id);
      if (parsed?.source === "off") {
        const answer = await this.barcode(parsed.sourceId);
        if (answer.ok) found.set(id, answer.value);
        else if (
          answer.error.code !== "food_not_found" &&
          answer.error.code !== "validation_failed"
        )
          return answer;
      } else if (parsed?.source === "fdc" && this.config.FDC_API_KEY) {
        const answer = await this.#ask("fdc", () => fetchFdcFood(this.config, parsed.sourceId));
        if (!answer.ok) return providerFailure(answer.kind, answer.retry);
        if (answer.value) {
          await storeAnswer(this.#db, { foods: [answer.value], at: new Date().toISOString() });
          found.set(id, answer.value);
        }
      }
    }
    return ok(found);
  }

  /**
   * Calls a provider unless it is cooling down; a 429 (or its last allowed request) starts
   * the cooldown for everyone.
   */
  async #ask<T>(
    provider: Provider,
    call: () => Promise<ProviderAnswer<T>>,
  ): Promise<
    | { ok: true; value: T }
    | { ok: false; kind: "rate_limited" | "failed"; retry: { retryAfterSeconds?: number } }
  > {
    const until = await cooldownUntil(this.#db, provider, new Date().toISOString());
    if (until)
      return { ok: false, kind: "rate_limited", retry: { retryAfterSeconds: secondsUntil(until) } };
    const answer = await call();
    if (answer.ok) {
      if (answer.lastAllowed)
        await startCooldown(
          this.#db,
          provider,
          new Date(Date.now() + COOLDOWN_SECONDS[provider] * 1000).toISOString(),
        );
      return { ok: true, value: answer.value };
    }
    if (answer.kind === "failed") return { ok: false, kind: "failed", retry: {} };
    const seconds = answer.retryAfterSeconds;
    await startCooldown(this.#db, provider, new Date(Date.now() + seconds * 1000).toISOString());
    return { ok: false, kind: "rate_limited", retry: { retryAfterSeconds: seconds } };
  }
}

const notFound = () => fail<never>("food_not_found", "No food with this barcode.");

function providerFailure(kind: "rate_limited" | "failed", retry: { retryAfterSeconds?: number }) {
  return kind === "rate_limited"
    ? fail<never>("provider_rate_limited", "The food database is busy; retry later.", {
        retry_after_seconds: retry.retryAfterSeconds ?? 60,
      })
    : fail<never>("provider_unavailable", "The food database could not be reached.");
}
