import type { Schemas } from "@fitness-coach/client";
import type { Problem } from "./problems";

// A 422's details as a form shows them: the API's plain message after the form's own label
// ("Weight must be a number", "Age must be at least 13"), and a choice not made (or not one
// of the options) as "Choose your sex". The API names fields by path (`injuries[0]`,
// `quiet_hours.start`, `weight_lb`); a list item's message goes to its list, and `rename`
// maps unit variants to the form's field (`weight_lb` -> `weight`).

type FieldError = Schemas["FieldError"];

/** A form's names for its fields: a label, or `{label, choose: true}` for a select or choice list. */
export type FieldLabels = Record<string, string | { label: string; choose: true }>;

const CHOICE_CODES: ReadonlySet<FieldError["code"]> = new Set([
  "required",
  "invalid_value",
  "too_small",
]);

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** One detail in the form's words. */
export function labelledMessage(detail: FieldError, label: string, choose = false): string {
  if (choose && CHOICE_CODES.has(detail.code)) return `Choose your ${label.toLowerCase()}`;
  if (detail.code === "required") return `${label} is required`;
  return capitalised(`${label} ${detail.message}`);
}

/** The messages of a problem's 422 details by form field ({} for any other problem). */
export function fieldMessages(
  problem: Problem | null,
  labels: FieldLabels = {},
  rename: Record<string, string> = {},
): Record<string, string> {
  if (problem?.code !== "validation_failed" || !Array.isArray(problem.details)) return {};
  const messages: Record<string, string> = {};
  for (const detail of problem.details as FieldError[]) {
    const field = detail.field.replace(/\[\d+\]$/, "");
    const name = rename[field] ?? field;
    const spec = labels[name];
    // A field the form does not show keeps the API's name for it.
    const label = typeof spec === "object" ? spec.label : (spec ?? name);
    const text = labelledMessage(detail, label, typeof spec === "object");
    messages[name] = messages[name] ? `${messages[name]} and ${detail.message}` : text;
  }
  return messages;
}
