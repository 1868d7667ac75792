import { z } from "zod";
import { weekdaySchema } from "../../kernel/dates";
import { CM_PER_IN, KG_PER_LB, lbToKg } from "../../kernel/units";
import {
  activityLevelSchema,
  allergenSchema,
  bodyAreaSchema,
  dietTypeSchema,
  equipmentSchema,
  goalSchema,
  levelSchema,
  locationSchema,
  sexSchema,
} from "../coaching/vocabulary";
import { localeSchema } from "../i18n/locale-schema";
import { loadIncrementsSchema } from "../lifter/load-increments";

// The onboarding steps: one zod schema each (the API contract the mobile apps build against),
// and one normaliser each that turns accepted input into what is stored (metric units).

const round1 = (value: number) => Math.round(value * 10) / 10;

// Building a DateTimeFormat to test a name costs more than the rest of a step's validation;
// the valid names are a few hundred, so each is tested once per isolate. The map holds each
// accepted spelling's canonical one: Intl matches names in any case ("europe/berlin"), and what
// is stored is the IANA spelling ("Europe/Berlin"), so equal zones compare equal.
const canonicalTimezones = new Map<string, string>();

/** The IANA spelling of a timezone name typed in any case, or null for no such zone. */
export function canonicalTimezone(name: string): string | null {
  const known = canonicalTimezones.get(name);
  if (known) return known;
  if (!(name.includes("/") || name.toUpperCase() === "UTC")) return null;
  let canonical: string;
  try {
    canonical = new Intl.DateTimeFormat("en-US", { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
  if (canonicalTimezones.size < 1_000) canonicalTimezones.set(name, canonical);
  return canonical;
}

export const timezoneSchema = z
  .string()
  .min(1)
  .max(64)
  .refine((name) => canonicalTimezone(name) !== null, {
    message: "must be an IANA timezone name such as Europe/Berlin",
    abort: true,
  })
  .overwrite((name) => canonicalTimezone(name) ?? name);

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time "HH:MM" (24 h)');
const shortText = z.string().trim().min(1).max(500);
const uniqueList = <T extends z.ZodType>(item: T, max: number) =>
  z
    .array(item)
    .max(max)
    .refine((list) => new Set(list).size === list.length, "must not repeat a value");

const currentYear = () => new Date().getUTCFullYear();

const basics = z
  .object({
    age: z.number().int().min(13).max(100).optional(),
    birth_year: z.number().int().optional(),
    sex: sexSchema,
    height_cm: z.number().min(100).max(250).optional(),
    height_in: z.number().min(39).max(99).optional(),
    weight_kg: z.number().min(30).max(300).optional(),
    weight_lb: z.number().min(66).max(660).optional(),
    unit_preference: z.enum(["metric", "imperial"]),
    timezone: timezoneSchema,
    // The language of every text written for the user (BCP 47 with a catalog); when left out,
    // the onboarding route takes it from Accept-Language, else texts are English.
    locale: localeSchema.optional(),
  })
  .strict()
  .superRefine((value, ctx) => {
    // One of two fields is required: reported on the first, with the machine code `required`.
    const either = (given: boolean, path: string, other: string) => {
      if (!given)
        ctx.addIssue({
          code: "custom",
          path: [path],
          message: `is required (or give ${other})`,
          params: { code: "required" },
        });
    };
    either(value.age !== undefined || value.birth_year !== undefined, "age", "birth_year");
    if (value.birth_year !== undefined) {
      const age = currentYear() - value.birth_year;
      if (age < 13 || age > 100)
        ctx.addIssue({
          code: "custom",
          path: ["birth_year"],
          message: "must give an age between 13 and 100",
          params: { code: "invalid_value" },
        });
    }
    either(
      value.height_cm !== undefined || value.height_in !== undefined,
      "height_cm",
      "height_in",
    );
    either(
      value.weight_kg !== undefined || value.weight_lb !== undefined,
      "weight_kg",
      "weight_lb",
    );
  });

const goals = z
  .object({
    primary_goal: goalSchema,
    secondary_goal: goalSchema.optional(),
    goal_raw: shortText.optional(),
    target_weight_kg: z.number().min(30).max(300).optional(),
    target_weight_lb: z.number().min(66).max(660).optional(),
  })
  .strict()
  .refine((value) => value.target_weight_kg === undefined || value.target_weight_lb === undefined, {
    message: "give target_weight_kg or target_weight_lb, not both",
    path: ["target_weight_kg"],
  });

const experience = z
  .object({
    fitness_level: levelSchema,
    training_history: shortText.optional(),
    injuries: uniqueList(bodyAreaSchema, 8).default([]),
  })
  .strict();

const schedule = z
  .object({
    days_per_week: z.number().int().min(2).max(6),
    preferred_weekdays: uniqueList(weekdaySchema, 7).default([]),
    session_minutes: z.number().int().min(20).max(120),
    preferred_time_of_day: z.enum(["morning", "midday", "evening"]),
  })
  .strict();

const equipment = z
  .object({
    location: locationSchema,
    equipment: uniqueList(equipmentSchema, 30).min(1),
    // What the user can load (plates, dumbbell and stack steps); absent or null: the defaults
    // of the unit system (engine/lifter/load-increments.ts).
    load_increments: loadIncrementsSchema.nullable().optional(),
  })
  .strict();

const nutrition = z
  .object({
    diet_type: dietTypeSchema,
    allergies: uniqueList(allergenSchema, 20).default([]),
    disliked_foods: z.array(z.string().trim().min(1).max(60)).max(50).default([]),
    meals_per_day: z.number().int().min(2).max(6),
    /** Opt-in: the phone's active energy above the usual moves the day's calories (issue 33). */
    adjust_calories_for_activity: z.boolean().optional(),
  })
  .strict();

const lifestyle = z
  .object({
    activity_level: activityLevelSchema,
    sleep_hours: z.number().min(0).max(16),
    energy_level: z.number().int().min(1).max(5),
  })
  .strict();

const reminders = z
  .object({
    workout: z.boolean(),
    meals: z.boolean(),
    hydration: z.boolean(),
    quiet_hours: z.object({ start: hhmm, end: hhmm }).strict().nullable().default(null),
  })
  .strict();

export const STEP_SCHEMAS = {
  basics,
  goals,
  experience,
  schedule,
  equipment,
  nutrition,
  lifestyle,
  reminders,
} as const;

export type StepName = keyof typeof STEP_SCHEMAS;
export const STEP_NAMES = Object.keys(STEP_SCHEMAS) as StepName[];

export function isStepName(name: string): name is StepName {
  return Object.hasOwn(STEP_SCHEMAS, name);
}

/** What a saved step holds: the validated input with imperial converted to metric. */
export function normaliseStep(step: StepName, input: unknown): Record<string, unknown> {
  const value = STEP_SCHEMAS[step].parse(input) as Record<string, unknown>;
  if (step === "goals" && value.target_weight_lb !== undefined) {
    const { target_weight_lb: pounds, ...rest } = value;
    return { ...rest, target_weight_kg: lbToKg(pounds as number) };
  }
  if (step !== "basics") return value;
  const b = value as z.infer<typeof basics>;
  return {
    age: b.age ?? currentYear() - (b.birth_year as number),
    ...(b.birth_year !== undefined ? { birth_year: b.birth_year } : {}),
    sex: b.sex,
    height_cm: b.height_cm ?? round1((b.height_in as number) * CM_PER_IN),
    weight_kg: b.weight_kg ?? round1((b.weight_lb as number) * KG_PER_LB),
    unit_preference: b.unit_preference,
    timezone: b.timezone,
    ...(b.locale !== undefined ? { locale: b.locale } : {}),
  };
}
