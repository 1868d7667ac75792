import { z } from "zod";

// One shape for every food the API answers, whatever its source: the built-in list, USDA
// FoodData Central (generic foods) or Open Food Facts (packaged foods by barcode). Nutrients
// are per 100 g as sold or served; a serving is a weight with the label people know it by
// ("1 medium banana", "15 g"). The id carries the source: `builtin:oats`, `fdc:171477`,
// `off:3017624010701`, so a log or a cache row names a food the same way everywhere.

export const FOOD_SOURCES = ["builtin", "fdc", "off"] as const;
export const foodSourceSchema = z.enum(FOOD_SOURCES);
export type FoodSource = z.infer<typeof foodSourceSchema>;

/** Upper bounds a real food stays under: pure fat is 900 kcal and 100 g of fat per 100 g. */
export const MAX_KCAL_PER_100G = 902;
/** Protein, carbohydrate and fat together, per 100 g, with room for the sources' rounding. */
export const MAX_MACRO_GRAMS_PER_100G = 102;
/** Sodium in 100 g of table salt (39.3 g), the saltiest thing that can be a food. */
export const MAX_SODIUM_MG_PER_100G = 39_400;

export const nutrientsPer100gSchema = z.object({
  kcal: z.number().min(0).max(MAX_KCAL_PER_100G),
  protein_g: z.number().min(0).max(100),
  carbs_g: z.number().min(0).max(100),
  fat_g: z.number().min(0).max(100),
  fiber_g: z.number().min(0).max(100).optional(),
  sugar_g: z.number().min(0).max(100).optional(),
  sodium_mg: z.number().min(0).max(MAX_SODIUM_MG_PER_100G).optional(),
});
export type NutrientsPer100g = z.infer<typeof nutrientsPer100gSchema>;

export const servingSchema = z.object({
  grams: z.number().positive().max(5000),
  label: z.string().min(1).max(80),
});
export type Serving = z.infer<typeof servingSchema>;

export const foodRecordSchema = z.object({
  id: z.string().min(3).max(80),
  source: foodSourceSchema,
  name: z.string().min(1).max(200),
  brand: z.string().min(1).max(120).optional(),
  /** The GTIN of a packaged food (Open Food Facts), as the barcode reads. */
  barcode: z
    .string()
    .regex(/^\d{8,14}$/)
    .optional(),
  serving: servingSchema,
  per_100g: nutrientsPer100gSchema,
});
export type FoodRecord = z.infer<typeof foodRecordSchema>;

export const foodId = (source: FoodSource, sourceId: string | number) => `${source}:${sourceId}`;

/** The source and the source's own id of a food id, or null when it is not one. */
export function parseFoodId(id: string): { source: FoodSource; sourceId: string } | null {
  const colon = id.indexOf(":");
  const source = foodSourceSchema.safeParse(id.slice(0, colon));
  const sourceId = id.slice(colon + 1);
  if (colon < 1 || !source.success || !/^[a-z0-9-]{1,60}$/.test(sourceId)) return null;
  return { source: source.data, sourceId };
}

/** Why a provider's record did not become a food. */
export type RejectReason =
  | "not_an_object"
  | "no_name"
  | "no_nutrients"
  | "implausible_nutrients"
  | "invalid_id";

export type NormaliseResult = { ok: true; food: FoodRecord } | { ok: false; reason: RejectReason };

export const round = (value: number, decimals: number) => {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
};

/**
 * Checks and rounds what a normaliser read: protein, carbohydrate and fat together cannot
 * weigh more than the 100 g they are in, nor the energy exceed pure fat's. Energy is derived
 * by Atwater's general factors (4/4/9 kcal per g) when the source gives none.
 */
export function finishFood(
  draft: Omit<FoodRecord, "per_100g"> & {
    per_100g: Omit<NutrientsPer100g, "kcal"> & { kcal: number | undefined };
  },
): NormaliseResult {
  const n = draft.per_100g;
  const kcal = n.kcal ?? 4 * n.protein_g + 4 * n.carbs_g + 9 * n.fat_g;
  const macroGrams = n.protein_g + n.carbs_g + n.fat_g;
  if (macroGrams > MAX_MACRO_GRAMS_PER_100G || kcal > MAX_KCAL_PER_100G)
    return { ok: false, reason: "implausible_nutrients" };
  const optional = (key: "fiber_g" | "sugar_g" | "sodium_mg", decimals: number) =>
    n[key] === undefined ? {} : { [key]: round(n[key], decimals) };
  const food = {
    ...draft,
    name: draft.name.trim().replace(/\s+/g, " ").slice(0, 200),
    per_100g: {
      kcal: round(kcal, 1),
      protein_g: round(n.protein_g, 2),
      carbs_g: round(n.carbs_g, 2),
      fat_g: round(n.fat_g, 2),
      ...optional("fiber_g", 2),
      ...optional("sugar_g", 2),
      ...optional("sodium_mg", 1),
    },
  };
  const parsed = foodRecordSchema.safeParse(food);
  return parsed.success
    ? { ok: true, food: parsed.data }
    : { ok: false, reason: "implausible_nutrients" };
}
