import { z } from "zod";
import { finishFood, foodId, type NormaliseResult, type Serving } from "./food";

// An Open Food Facts product (`GET /api/v2/product/{barcode}`, the `product` object) to the
// one food shape. OFF is crowd-sourced, so every field may be missing, a string instead of a
// number, or only given per serving:
// - name: `product_name`, else the English one, else `generic_name`;
// - energy: `energy-kcal_100g`, else kJ (`energy-kj_100g`, else `energy_100g`, which OFF keeps
//   in kJ) / 4.184;
// - a nutrient missing per 100 g is taken from its `_serving` value scaled by the serving's
//   grams; sodium is `sodium_100g` (grams) x 1000, else `salt_100g` x 400 (salt is 2.5 x
//   sodium);
// - the serving is `serving_quantity` (grams, or millilitres read as grams: drinks are per
//   100 ml on OFF and about 1 g/ml), else the grams written in `serving_size` ("1 bar
//   (45 g)"), else 100 g;
// - the brand is the first of `brands`.
// A product without protein, carbohydrate and fat is rejected (`no_nutrients`): a food we
// cannot count is worse than none.

const KJ_PER_KCAL = 4.184;

const text = z.string().trim().optional().catch(undefined);
const amount = z.coerce.number().finite().nonnegative().optional().catch(undefined);

const product = z.looseObject({
  code: z.string().regex(/^\d{8,14}$/),
  product_name: text,
  product_name_en: text,
  generic_name: text,
  brands: text,
  serving_size: text,
  serving_quantity: amount,
  serving_quantity_unit: text,
  nutriments: z.record(z.string(), z.unknown()).default({}),
});

function servingOf(raw: z.infer<typeof product>): Serving | null {
  const unit = raw.serving_quantity_unit?.toLowerCase() ?? "g";
  const label = raw.serving_size?.slice(0, 80);
  if (raw.serving_quantity && raw.serving_quantity > 0 && (unit === "g" || unit === "ml"))
    return { grams: raw.serving_quantity, label: label || `${raw.serving_quantity} ${unit}` };
  const written = [...(raw.serving_size ?? "").matchAll(/(\d+(?:[.,]\d+)?)\s*(g|ml)\b/gi)].pop();
  const grams = written ? Number(written[1]?.replace(",", ".")) : 0;
  return grams > 0 && label ? { grams, label } : null;
}

/** A product object from Open Food Facts, as a food record. */
export function fromOpenFoodFactsProduct(raw: unknown): NormaliseResult {
  if (typeof raw !== "object" || raw === null) return { ok: false, reason: "not_an_object" };
  const parsed = product.safeParse(raw);
  if (!parsed.success) return { ok: false, reason: "invalid_id" };
  const p = parsed.data;
  const name = p.product_name || p.product_name_en || p.generic_name;
  if (!name) return { ok: false, reason: "no_name" };
  const serving = servingOf(p);
  const value = (key: string): number | undefined => {
    const per100 = amount.parse(p.nutriments[`${key}_100g`]);
    if (per100 !== undefined) return per100;
    const perServing = amount.parse(p.nutriments[`${key}_serving`]);
    return perServing !== undefined && serving ? (perServing * 100) / serving.grams : undefined;
  };
  const protein = value("proteins");
  const carbs = value("carbohydrates");
  const fat = value("fat");
  if (protein === undefined || carbs === undefined || fat === undefined)
    return { ok: false, reason: "no_nutrients" };
  const kj = value("energy-kj") ?? value("energy");
  const kcal = value("energy-kcal") ?? (kj === undefined ? undefined : kj / KJ_PER_KCAL);
  const sodiumG = value("sodium") ?? mapDefined(value("salt"), (salt) => salt / 2.5);
  const fiber = value("fiber");
  const sugar = value("sugars");
  const brand = p.brands?.split(",")[0]?.trim();
  return finishFood({
    id: foodId("off", p.code),
    source: "off",
    name,
    ...(brand ? { brand: brand.slice(0, 120) } : {}),
    barcode: p.code,
    serving: serving ?? { grams: 100, label: "100 g" },
    per_100g: {
      kcal,
      protein_g: protein,
      carbs_g: carbs,
      fat_g: fat,
      ...(fiber === undefined ? {} : { fiber_g: fiber }),
      ...(sugar === undefined ? {} : { sugar_g: sugar }),
      ...(sodiumG === undefined ? {} : { sodium_mg: sodiumG * 1000 }),
    },
  });
}

const mapDefined = <T, U>(value: T | undefined, map: (value: T) => U) =>
  value === undefined ? undefined : map(value);
