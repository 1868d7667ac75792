import type { paths, Schemas } from "@fitness-coach/client";
import { WEEKDAYS } from "../../../kernel/dates";
import type { FieldLabels } from "../api/field-messages";
import {
  ACTIVITY_LEVELS,
  ALLERGENS,
  BODY_AREAS,
  DIETS,
  EQUIPMENT,
  GOALS,
  LEVELS,
  LOCATIONS,
  SEXES,
  TIMES_OF_DAY,
  UNITS,
} from "../vocabulary";

// The eight onboarding steps as forms: which fields each has, and how a form's values become
// the step's JSON body (and back). The form keeps what the user typed as text, so a value the
// API refuses ("abc" for an age) is sent as typed and the API's message shows beside it.
// Weights and heights are in the units the basics step chooses (`weight_kg` or `weight_lb`).

export type StepName =
  | "basics"
  | "goals"
  | "experience"
  | "schedule"
  | "equipment"
  | "nutrition"
  | "lifestyle"
  | "reminders";
export type Units = Schemas["OnboardingStepBasics"]["unit_preference"];
export type FormValue = string | string[] | boolean;
/** What PUT /v1/onboarding/steps/{step} takes: one of the eight step schemas. */
export type StepBody =
  paths["/v1/onboarding/steps/{step}"]["put"]["requestBody"]["content"]["application/json"];
export type StepValues = Record<string, FormValue>;

type Measure = "weight" | "height";

export type FieldSpec = { name: string; label: string } & (
  | { kind: "number"; measure?: Measure; step?: string }
  | { kind: "select"; options: readonly string[]; optional?: boolean }
  | { kind: "choices"; options: readonly string[] }
  | { kind: "text"; hint?: string }
  | { kind: "list"; hint: string }
  | { kind: "checkbox" }
  | { kind: "time" }
);

export interface StepSpec {
  name: StepName;
  title: string;
  fields: FieldSpec[];
}

export const STEPS: StepSpec[] = [
  {
    name: "basics",
    title: "Basics",
    fields: [
      { name: "age", label: "Age", kind: "number" },
      { name: "sex", label: "Sex", kind: "select", options: SEXES },
      { name: "unit_preference", label: "Units", kind: "select", options: UNITS },
      { name: "height", label: "Height", kind: "number", measure: "height", step: "0.1" },
      { name: "weight", label: "Weight", kind: "number", measure: "weight", step: "0.1" },
      { name: "timezone", label: "Timezone", kind: "text", hint: "IANA name, e.g. Europe/Berlin" },
    ],
  },
  {
    name: "goals",
    title: "Goals",
    fields: [
      { name: "primary_goal", label: "Primary goal", kind: "select", options: GOALS },
      {
        name: "secondary_goal",
        label: "Secondary goal",
        kind: "select",
        options: GOALS,
        optional: true,
      },
      { name: "goal_raw", label: "In your own words", kind: "text" },
      {
        name: "target_weight",
        label: "Target weight",
        kind: "number",
        measure: "weight",
        step: "0.1",
      },
    ],
  },
  {
    name: "experience",
    title: "Experience",
    fields: [
      { name: "fitness_level", label: "Fitness level", kind: "select", options: LEVELS },
      { name: "training_history", label: "Training history", kind: "text" },
      { name: "injuries", label: "Injuries", kind: "choices", options: BODY_AREAS },
    ],
  },
  {
    name: "schedule",
    title: "Schedule",
    fields: [
      { name: "days_per_week", label: "Days per week", kind: "number" },
      {
        name: "preferred_weekdays",
        label: "Preferred weekdays",
        kind: "choices",
        options: WEEKDAYS,
      },
      { name: "session_minutes", label: "Session minutes", kind: "number" },
      {
        name: "preferred_time_of_day",
        label: "Time of day",
        kind: "select",
        options: TIMES_OF_DAY,
      },
    ],
  },
  {
    name: "equipment",
    title: "Equipment",
    fields: [
      { name: "location", label: "Location", kind: "select", options: LOCATIONS },
      { name: "equipment", label: "Equipment", kind: "choices", options: EQUIPMENT },
    ],
  },
  {
    name: "nutrition",
    title: "Nutrition",
    fields: [
      { name: "diet_type", label: "Diet", kind: "select", options: DIETS },
      { name: "allergies", label: "Allergies", kind: "choices", options: ALLERGENS },
      {
        name: "disliked_foods",
        label: "Disliked foods",
        kind: "list",
        hint: "comma-separated",
      },
      { name: "meals_per_day", label: "Meals per day", kind: "number" },
    ],
  },
  {
    name: "lifestyle",
    title: "Lifestyle",
    fields: [
      { name: "activity_level", label: "Activity level", kind: "select", options: ACTIVITY_LEVELS },
      { name: "sleep_hours", label: "Sleep hours", kind: "number", step: "0.5" },
      { name: "energy_level", label: "Energy level (1-5)", kind: "number" },
    ],
  },
  {
    name: "reminders",
    title: "Reminders",
    fields: [
      { name: "workout", label: "Workout reminders", kind: "checkbox" },
      { name: "meals", label: "Meal reminders", kind: "checkbox" },
      { name: "hydration", label: "Hydration reminders", kind: "checkbox" },
      { name: "quiet_hours.start", label: "Quiet hours start", kind: "time" },
      { name: "quiet_hours.end", label: "Quiet hours end", kind: "time" },
    ],
  },
];

const KG_PER_LB = 0.45359237;
const CM_PER_IN = 2.54;
const UNIT = {
  weight: { metric: "kg", imperial: "lb", perImperial: KG_PER_LB },
  height: { metric: "cm", imperial: "in", perImperial: CM_PER_IN },
} as const;

/** The label with its unit, e.g. "Weight (kg)". */
export function labelWithUnit(field: FieldSpec, units: Units): string {
  return field.kind === "number" && field.measure
    ? `${field.label} (${UNIT[field.measure][units]})`
    : field.label;
}

/** The API's name of a field in these units: weight -> weight_kg or weight_lb. */
function apiName(field: FieldSpec, units: Units): string {
  return field.kind === "number" && field.measure
    ? `${field.name}_${UNIT[field.measure][units]}`
    : field.name;
}

/** The step's fields by name as its form labels them (for the API's messages). */
export function fieldLabels(step: StepSpec): FieldLabels {
  return Object.fromEntries(
    step.fields.map((field) => [
      field.name,
      field.kind === "select" || field.kind === "choices"
        ? { label: field.label, choose: true as const }
        : field.label,
    ]),
  );
}

/** Every API name a form field may be reported under in a 422 (both unit variants). */
export function fieldRenames(step: StepSpec): Record<string, string> {
  const renames: Record<string, string> = {};
  for (const field of step.fields) {
    if (field.kind !== "number" || !field.measure) continue;
    for (const units of UNITS) renames[apiName(field, units)] = field.name;
  }
  return renames;
}

const round1 = (value: number) => String(Math.round(value * 10) / 10);

/** Converts the measures of a step's values when the user switches units. */
export function convertUnits(step: StepSpec, values: StepValues, from: Units, to: Units) {
  if (from === to) return values;
  const next = { ...values };
  for (const field of step.fields) {
    if (field.kind !== "number" || !field.measure) continue;
    const value = Number(values[field.name]);
    if (values[field.name] === "" || !Number.isFinite(value)) continue;
    const factor = UNIT[field.measure].perImperial;
    next[field.name] = round1(to === "imperial" ? value / factor : value * factor);
  }
  return next;
}

const numberOrText = (text: string): number | string => {
  const value = Number(text);
  return text.trim() !== "" && Number.isFinite(value) ? value : text;
};

/** The step's JSON body from the form (empty optional fields left out). */
export function toBody(step: StepSpec, values: StepValues, units: Units): StepBody {
  const body: Record<string, unknown> = {};
  for (const field of step.fields) {
    const value = values[field.name];
    if (field.kind === "checkbox") body[field.name] = value === true;
    else if (field.kind === "choices") body[field.name] = Array.isArray(value) ? value : [];
    else if (field.kind === "list")
      body[field.name] = String(value ?? "")
        .split(",")
        .map((item) => item.trim())
        .filter(Boolean);
    else if (field.kind === "time") continue;
    else if (typeof value === "string" && value.trim() !== "")
      body[apiName(field, units)] = field.kind === "number" ? numberOrText(value) : value.trim();
  }
  if (step.name === "reminders") {
    const start = String(values["quiet_hours.start"] ?? "");
    const end = String(values["quiet_hours.end"] ?? "");
    body.quiet_hours = start || end ? { start, end } : null;
  }
  // Built from what the user typed, unchecked on purpose: the API validates it and names
  // each bad field, which the form shows.
  return body as StepBody;
}

/** The form's values from a saved step (the API stores metric; shown in the user's units). */
export function fromSaved(step: StepSpec, data: Record<string, unknown>, units: Units): StepValues {
  const values = emptyValues(step);
  for (const field of step.fields) {
    if (field.kind === "number" && field.measure) {
      const metric = data[`${field.name}_${UNIT[field.measure].metric}`];
      const imperial = data[`${field.name}_${UNIT[field.measure].imperial}`];
      const factor = UNIT[field.measure].perImperial;
      if (typeof metric === "number")
        values[field.name] = round1(units === "imperial" ? metric / factor : metric);
      else if (typeof imperial === "number")
        values[field.name] = round1(units === "imperial" ? imperial : imperial * factor);
      continue;
    }
    const value = data[field.name];
    if (field.kind === "list" && Array.isArray(value)) values[field.name] = value.join(", ");
    else if (field.kind === "choices" && Array.isArray(value))
      values[field.name] = value as string[];
    else if (field.kind === "checkbox") values[field.name] = value === true;
    else if (typeof value === "string" || typeof value === "number")
      values[field.name] = String(value);
  }
  const quiet = data.quiet_hours as { start: string; end: string } | null | undefined;
  if (step.name === "reminders" && quiet) {
    values["quiet_hours.start"] = quiet.start;
    values["quiet_hours.end"] = quiet.end;
  }
  return values;
}

export function emptyValues(step: StepSpec): StepValues {
  return Object.fromEntries(
    step.fields.map((field) => [
      field.name,
      field.kind === "choices" ? [] : field.kind === "checkbox" ? false : "",
    ]),
  );
}
