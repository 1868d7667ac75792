import type { Schemas } from "@fitness-coach/client";

// Weights in the user's units: the API stores kg and, for imperial users, answers `_lb`
// beside every `_kg`; a weight sent is `weight_kg` or `weight_lb`.

export type Units = Schemas["Profile"]["unit_preference"];

export const weightUnit = (units: Units) => (units === "imperial" ? "lb" : "kg");

/** A weight as the user reads it ("60 kg", "135 lb"), from an answer's kg and lb fields. */
export function formatWeight(kg: number, lb: number | undefined, units: Units): string {
  return units === "imperial" && lb !== undefined ? `${lb} lb` : `${kg} kg`;
}

/** A number field's text: NaN when empty, which the API answers with a message naming it. */
export function numberFrom(text: string): number {
  return text.trim() === "" ? Number.NaN : Number(text);
}
