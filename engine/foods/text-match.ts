import type { FoodRecord } from "./food";

// Matching food names by their words, for a local search (built-in foods and the cache, with
// no provider) and for matching what a vision model saw on a plate to a food. Words are
// lower-cased, stripped of accents and of plural endings ("potatoes" is "potato"). Words that
// describe preparation or size ("grilled", "cooked", "large") count a quarter of a word and
// filler words nothing: "grilled chicken breast" is close to "Chicken breast", while
// "chicken" alone is not "Chicken soup".

const FILLER = new Set(["a", "an", "and", "the", "of", "with", "in", "on", "or", "to", "for"]);
const MINOR = new Set([
  ...["raw", "cooked", "grilled", "roasted", "boiled", "steamed", "baked", "fried", "broiled"],
  ...["braised", "poached", "fresh", "plain", "sliced", "chopped", "diced", "whole", "mixed"],
  ...["large", "medium", "small", "piece", "pieces", "portion", "serving", "homemade"],
  ...["enriched", "regular", "meat", "only", "skinless", "boneless", "prepared", "unprepared"],
]);
const MINOR_WEIGHT = 0.25;

function singular(word: string): string {
  if (word.length <= 3) return word;
  if (word.endsWith("ies")) return `${word.slice(0, -3)}y`;
  if (/(oes|ches|shes|xes|sses)$/.test(word)) return word.slice(0, -2);
  if (word.endsWith("s") && !word.endsWith("ss")) return word.slice(0, -1);
  return word;
}

/** The words of a name, normalised; filler words dropped. */
export function words(text: string): string[] {
  return text
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word && !FILLER.has(word))
    .map(singular);
}

const weight = (word: string) => (MINOR.has(word) ? MINOR_WEIGHT : 1);
const total = (list: readonly string[]) => list.reduce((sum, word) => sum + weight(word), 0);

/**
 * Weighted Dice coefficient of two names' word sets, 0..1: twice the weight of the shared
 * words over the weight of both. 1 for the same words in any order.
 */
export function nameSimilarity(a: string, b: string): number {
  const left = [...new Set(words(a))];
  const right = new Set(words(b));
  const denominator = total(left) + total([...right]);
  if (denominator === 0) return 0;
  const shared = left.filter((word) => right.has(word));
  return (2 * total(shared)) / denominator;
}

/**
 * Whether every word of a search query starts a word of the food's name or brand (so "chick
 * bre" finds "Chicken breast" while the user types). Preparation words in the query are
 * required only when the query has nothing else.
 */
export function matchesQuery(query: string, food: Pick<FoodRecord, "name" | "brand">): boolean {
  const wanted = words(query);
  const major = wanted.filter((word) => !MINOR.has(word));
  const required = major.length ? major : wanted;
  if (required.length === 0) return false;
  const have = words(`${food.name} ${food.brand ?? ""}`);
  return required.every((word) => have.some((candidate) => candidate.startsWith(word)));
}

/**
 * Foods that match a query, best first: the closest name (similarity, then the shortest
 * name, which is usually the plainest food), then id for a stable order.
 */
export function rankFoods<T extends Pick<FoodRecord, "id" | "name" | "brand">>(
  query: string,
  foods: readonly T[],
): T[] {
  return foods
    .filter((food) => matchesQuery(query, food))
    .map((food) => ({ food, score: nameSimilarity(query, food.name) }))
    .sort(
      (a, b) =>
        b.score - a.score ||
        a.food.name.length - b.food.name.length ||
        a.food.id.localeCompare(b.food.id),
    )
    .map(({ food }) => food);
}
