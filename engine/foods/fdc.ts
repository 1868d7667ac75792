import { z } from "zod";
import { finishFood, foodId, type NormaliseResult, type Serving } from "./food";

// USDA FoodData Central (https://fdc.nal.usda.gov/api-guide) to the one food shape. Two
// shapes reach us: a search hit (`GET /v1/foods/search`: `foodNutrients` flat, with
// `nutrientId`, `nutrientNumber`, `unitName`, `value`; household measures in `foodMeasures`)
// and a food (`GET /v1/food/{fdcId}`: `foodNutrients` with a nested `nutrient` and an
// `amount`; measures in `foodPortions`). Values are per 100 g for every data type (Branded
// foods too: FDC converts the label to 100 g).
//
// Energy is the first of: Energy (1008, kcal), Energy (Atwater General Factors, 2047),
// Energy (Atwater Specific Factors, 2048), Energy in kJ (1062) / 4.184; none (some Foundation
// foods) derives it from the macros. Carbohydrate is "by difference" (1005), else "by
// summation" (1050); fat "Total lipid" (1004), else "Total fat (NLEA)" (1085); sugars 2000,
// else 1063. A nutrient is read by id, else by its legacy number (SR's "208", "203"...).

const KJ_PER_KCAL = 4.184;

/** Nutrient ids, in order of preference, with their legacy numbers. */
const NUTRIENTS = {
  kcal: [
    [1008, "208"],
    [2047, "957"],
    [2048, "958"],
  ],
  kj: [[1062, "268"]],
  protein_g: [[1003, "203"]],
  fat_g: [
    [1004, "204"],
    [1085, "298"],
  ],
  carbs_g: [
    [1005, "205"],
    [1050, "205.2"],
  ],
  fiber_g: [[1079, "291"]],
  sugar_g: [
    [2000, "269"],
    [1063, "269.3"],
  ],
  sodium_mg: [[1093, "307"]],
} as const satisfies Record<string, readonly (readonly [number, string])[]>;

const num = z.coerce.number().finite();

const searchNutrient = z.looseObject({
  nutrientId: num.optional(),
  nutrientNumber: z.string().optional(),
  unitName: z.string().optional(),
  value: num.optional(),
});
const foodNutrient = z.looseObject({
  nutrient: z
    .looseObject({ id: num.optional(), number: z.string().optional(), unitName: z.string() })
    .optional(),
  amount: num.optional(),
});

const fdcFood = z.looseObject({
  fdcId: z.number().int().positive(),
  description: z.string().trim().min(1),
  dataType: z.string().optional(),
  brandName: z.string().optional(),
  brandOwner: z.string().optional(),
  servingSize: num.optional(),
  servingSizeUnit: z.string().optional(),
  householdServingFullText: z.string().optional(),
  foodNutrients: z.array(z.unknown()).default([]),
  foodMeasures: z
    .array(
      z.looseObject({
        disseminationText: z.string().optional(),
        gramWeight: num.optional(),
        rank: num.optional(),
      }),
    )
    .optional(),
  foodPortions: z
    .array(
      z.looseObject({
        amount: num.optional(),
        gramWeight: num.optional(),
        modifier: z.string().optional(),
        portionDescription: z.string().optional(),
        sequenceNumber: num.optional(),
        measureUnit: z.looseObject({ name: z.string().optional() }).optional(),
      }),
    )
    .optional(),
});
type FdcFood = z.infer<typeof fdcFood>;

interface Reading {
  id?: number;
  number?: string;
  unit: string;
  value: number;
}

/** Both nutrient shapes read as one list of (id, number, unit, value). */
function readings(food: FdcFood): Reading[] {
  return food.foodNutrients.flatMap((raw): Reading[] => {
    const flat = searchNutrient.safeParse(raw);
    if (flat.success && flat.data.value !== undefined && flat.data.unitName) {
      const { nutrientId, nutrientNumber, unitName, value } = flat.data;
      return [{ id: nutrientId, number: nutrientNumber, unit: unitName.toLowerCase(), value }];
    }
    const nested = foodNutrient.safeParse(raw);
    if (nested.success && nested.data.nutrient && nested.data.amount !== undefined) {
      const { id, number, unitName } = nested.data.nutrient;
      return [{ id, number, unit: unitName.toLowerCase(), value: nested.data.amount }];
    }
    return [];
  });
}

function pick(list: Reading[], wanted: readonly (readonly [number, string])[]) {
  for (const [id, number] of wanted) {
    const found = list.find((r) => r.id === id || (r.id === undefined && r.number === number));
    if (found && found.value >= 0) return found;
  }
  return undefined;
}

/** Grams of a nutrient whatever unit FDC gave it in. */
function grams(reading: Reading | undefined): number | undefined {
  if (!reading) return undefined;
  if (reading.unit === "mg") return reading.value / 1000;
  if (reading.unit === "µg" || reading.unit === "ug") return reading.value / 1_000_000;
  return reading.value;
}

function serving(food: FdcFood): Serving {
  // A Branded food's label serving, when it is in grams (or millilitres, about grams).
  const unit = food.servingSizeUnit?.toLowerCase();
  if (food.servingSize && food.servingSize > 0 && unit && ["g", "grm", "ml", "mlt"].includes(unit))
    return {
      grams: food.servingSize,
      label: (food.householdServingFullText?.trim() || `${food.servingSize} ${unit[0]}`).slice(
        0,
        80,
      ),
    };
  const portion = [...(food.foodPortions ?? [])]
    .filter((p) => (p.gramWeight ?? 0) > 0)
    .sort((a, b) => (a.sequenceNumber ?? 0) - (b.sequenceNumber ?? 0))[0];
  if (portion?.gramWeight) {
    const described = portion.portionDescription?.trim();
    const unitName = portion.measureUnit?.name;
    const label =
      described && described !== "Quantity not specified"
        ? described
        : [portion.amount ?? 1, unitName === "undetermined" ? "" : unitName, portion.modifier]
            .filter((part) => part !== undefined && part !== "")
            .join(" ");
    return { grams: portion.gramWeight, label: label.slice(0, 80) };
  }
  const measure = [...(food.foodMeasures ?? [])]
    .filter((m) => (m.gramWeight ?? 0) > 0 && m.disseminationText)
    .sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0))[0];
  if (measure?.gramWeight && measure.disseminationText)
    return { grams: measure.gramWeight, label: measure.disseminationText.slice(0, 80) };
  return { grams: 100, label: "100 g" };
}

/** A search hit or a food from FoodData Central, as a food record. */
export function fromFdcFood(raw: unknown): NormaliseResult {
  if (typeof raw !== "object" || raw === null) return { ok: false, reason: "not_an_object" };
  const parsed = fdcFood.safeParse(raw);
  if (!parsed.success) {
    const field = parsed.error.issues[0]?.path[0];
    return { ok: false, reason: field === "description" ? "no_name" : "invalid_id" };
  }
  const food = parsed.data;
  const list = readings(food);
  const protein = grams(pick(list, NUTRIENTS.protein_g));
  const fat = grams(pick(list, NUTRIENTS.fat_g));
  const carbs = grams(pick(list, NUTRIENTS.carbs_g));
  if (protein === undefined || fat === undefined || carbs === undefined)
    return { ok: false, reason: "no_nutrients" };
  const energy = pick(list, NUTRIENTS.kcal) ?? pick(list, NUTRIENTS.kj);
  const kcal = energy && (energy.unit === "kj" ? energy.value / KJ_PER_KCAL : energy.value);
  const fiber = grams(pick(list, NUTRIENTS.fiber_g));
  const sugar = grams(pick(list, NUTRIENTS.sugar_g));
  const sodium = grams(pick(list, NUTRIENTS.sodium_mg));
  const brand = (food.brandName || food.brandOwner)?.trim();
  return finishFood({
    id: foodId("fdc", food.fdcId),
    source: "fdc",
    name: food.description,
    ...(brand ? { brand: brand.slice(0, 120) } : {}),
    serving: serving(food),
    per_100g: {
      kcal,
      protein_g: protein,
      carbs_g: carbs,
      fat_g: fat,
      ...(fiber === undefined ? {} : { fiber_g: fiber }),
      ...(sugar === undefined ? {} : { sugar_g: sugar }),
      ...(sodium === undefined ? {} : { sodium_mg: sodium * 1000 }),
    },
  });
}
