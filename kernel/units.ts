// Units on the wire: weights are stored in kg; every weight field also accepts its `_lb`
// twin, and responses add the `_lb` value beside the kg one for users who prefer imperial.

export const KG_PER_LB = 0.45359237;
export const CM_PER_IN = 2.54;

export type UnitPreference = "metric" | "imperial";

/**
 * Pounds to stored kilograms. Kept to 0.01 kg so a weight entered in pounds (to 0.1 lb) comes
 * back as exactly what was entered: 135 lb -> 61.23 kg -> 135.0 lb.
 */
export const lbToKg = (pounds: number) => Math.round(pounds * KG_PER_LB * 100) / 100;

/** Kilograms to pounds for display, to 0.1 lb. */
export const kgToLb = (kilograms: number) => Math.round((kilograms / KG_PER_LB) * 10) / 10;

/**
 * `record` with a `<name>_lb` beside each listed `<name>_kg` when the user prefers imperial
 * (a null weight stays null).
 */
export function withPounds<T extends Record<string, unknown>>(
  record: T,
  units: UnitPreference,
  kgFields: readonly (keyof T & `${string}_kg`)[],
): T {
  if (units !== "imperial") return record;
  const out: Record<string, unknown> = { ...record };
  for (const field of kgFields) {
    const kg = record[field];
    out[field.replace(/_kg$/, "_lb")] = typeof kg === "number" ? kgToLb(kg) : kg;
  }
  return out as T;
}
