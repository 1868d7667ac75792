import { z } from "zod";
import type { FoodRecord } from "./food";
import { type Nutrients, nutrientsFor, sumNutrients } from "./portion";
import { nameSimilarity } from "./text-match";

// A photo of a plate becomes a draft meal: a vision model reports the foods and grams it sees
// (a forced tool call, `report_plate`, validated by the schema below), each reported food is
// matched by name to a known food (built-in, cached or found by a search), and the draft lists
// the matched items with their nutrients and the foods it could not match. Nothing is logged
// from a draft until the user confirms or edits it.
//
// A match needs a name similarity of at least MIN_MATCH (weighted word overlap, see
// text-match.ts); the item's confidence is the model's confidence times that similarity, so a
// sure model with a loose match is not shown as sure. Grams are rounded to 5 g (no one weighs
// a plate by eye more finely).

export const PLATE_TOOL_NAME = "report_plate";
export const MIN_MATCH = 0.5;
export const MAX_PLATE_ITEMS = 20;
export const MAX_ITEM_GRAMS_SEEN = 2000;

export const plateReportSchema = z
  .object({
    items: z
      .array(
        z
          .object({
            name: z
              .string()
              .trim()
              .min(1)
              .max(80)
              .describe("The food in plain words, with how it is cooked: 'white rice, cooked'."),
            grams: z
              .number()
              .positive()
              .max(MAX_ITEM_GRAMS_SEEN)
              .describe("Estimated weight of this food on the plate, in grams."),
            confidence: z
              .number()
              .min(0)
              .max(1)
              .describe("How sure you are of both the food and its weight, 0 to 1."),
          })
          .strict(),
      )
      .max(MAX_PLATE_ITEMS),
  })
  .strict();
export type PlateReport = z.infer<typeof plateReportSchema>;

export const PLATE_TOOL_DESCRIPTION =
  "Report each distinct food visible on the plate with its estimated weight in grams. " +
  "Report no items when the photo shows no food.";

export const PLATE_PROMPT =
  "This is a photo of a meal someone is about to eat. List every distinct food you can see " +
  "(a sauce or dressing counts when visible), name each plainly with how it is cooked, and " +
  "estimate its weight in grams from the plate and cutlery for scale. Do not guess hidden " +
  "ingredients. Answer only with the report_plate tool.";

export interface DraftItem {
  /** What the model called it, so the user sees why this food was picked. */
  seen_as: string;
  food: FoodRecord;
  grams: number;
  confidence: number;
  nutrients: Nutrients;
}

export interface PlateDraft {
  items: DraftItem[];
  unmatched: { seen_as: string; grams: number; confidence: number }[];
  totals: Nutrients;
}

/** The best-named candidate for what the model saw, if it is close enough. */
export function matchSeenFood(
  seenAs: string,
  candidates: readonly FoodRecord[],
): { food: FoodRecord; score: number } | null {
  let best: { food: FoodRecord; score: number } | null = null;
  for (const food of candidates) {
    const score = nameSimilarity(seenAs, food.name);
    if (score >= MIN_MATCH && (!best || score > best.score)) best = { food, score };
  }
  return best;
}

const roundGrams = (grams: number) => Math.max(5, Math.round(grams / 5) * 5);

/**
 * The draft of a reported plate. `candidatesFor` gives the foods to match one reported name
 * against (gathered by the caller: built-in foods, the cache, a provider search).
 */
export function draftFromReport(
  report: PlateReport,
  candidatesFor: (seenAs: string) => readonly FoodRecord[],
): PlateDraft {
  const items: DraftItem[] = [];
  const unmatched: PlateDraft["unmatched"] = [];
  for (const seen of report.items) {
    const grams = roundGrams(seen.grams);
    const match = matchSeenFood(seen.name, candidatesFor(seen.name));
    if (!match) {
      unmatched.push({ seen_as: seen.name, grams, confidence: seen.confidence });
      continue;
    }
    items.push({
      seen_as: seen.name,
      food: match.food,
      grams,
      confidence: Math.round(seen.confidence * match.score * 100) / 100,
      nutrients: nutrientsFor(match.food, grams),
    });
  }
  return { items, unmatched, totals: sumNutrients(items.map((item) => item.nutrients)) };
}

/**
 * Where a user's plate photos live in R2: one prefix per user, so the key proves the owner and
 * deleting the account empties the prefix.
 */
export const mealPhotoPrefix = (userId: string) => `meal-photos/${userId}/`;
