import { z } from "zod";
import { CM_PER_IN, KG_PER_LB, kgToLb } from "../../kernel/units";
import { normaliseStep, STEP_NAMES, STEP_SCHEMAS, type StepName } from "./steps";

// The profile is the union of the onboarding steps' stored data, flat, under the same field
// names the steps use. PATCH takes any subset of those fields (imperial accepted as in basics).

const { basics, goals, experience, schedule, equipment, nutrition, lifestyle, reminders } =
  STEP_SCHEMAS;
const { target_weight_lb: _pounds, ...goalFields } = goals.shape;

/** The profile as stored: every step's fields, flat, metric (normaliseStep's output). */
export const storedProfileSchema = z.object({
  age: z.number().int(),
  birth_year: z.number().int().optional(),
  sex: basics.shape.sex,
  height_cm: z.number(),
  weight_kg: z.number(),
  unit_preference: basics.shape.unit_preference,
  timezone: z.string(),
  locale: z.string().optional(),
  ...goalFields,
  ...experience.shape,
  ...schedule.shape,
  ...equipment.shape,
  ...nutrition.shape,
  ...lifestyle.shape,
  ...reminders.shape,
});

export type ProfileData = z.output<typeof storedProfileSchema>;

export const PROFILE_MISSING =
  "No profile yet: finish onboarding first (POST /v1/onboarding/complete).";

/** Which step owns each field, including the imperial alternatives of basics. */
export const FIELD_STEP: ReadonlyMap<string, StepName> = new Map(
  STEP_NAMES.flatMap((step) =>
    Object.keys(STEP_SCHEMAS[step].shape).map((field) => [field, step] as [string, StepName]),
  ),
);

/** Alternatives that replace each other: sending one drops the stored other. */
const REPLACES: Record<string, string[]> = {
  age: ["birth_year"],
  birth_year: ["age"],
  height_in: ["height_cm"],
  height_cm: ["height_in"],
  weight_lb: ["weight_kg"],
  weight_kg: ["weight_lb"],
  target_weight_lb: ["target_weight_kg"],
  target_weight_kg: ["target_weight_lb"],
};

export const profilePatchSchema = z.record(z.string(), z.unknown()).superRefine((patch, ctx) => {
  const keys = Object.keys(patch);
  if (keys.length === 0) ctx.addIssue({ code: "custom", message: "send at least one field" });
  for (const key of keys)
    if (!FIELD_STEP.has(key))
      ctx.addIssue({ code: "custom", path: [key], message: "unknown field" });
});

/** The profile made of the saved steps (each already validated and normalised). */
export function profileFromSteps(
  steps: Partial<Record<StepName, Record<string, unknown>>>,
): ProfileData {
  return Object.assign({}, ...STEP_NAMES.map((step) => steps[step] ?? {}));
}

/**
 * Applies a flat patch to a profile: each touched step is re-validated as a whole (so rules
 * that span fields still hold) and normalised. Throws the ZodError of the first bad step,
 * with paths naming the patch's fields.
 */
export function applyProfilePatch(
  profile: ProfileData,
  patch: Record<string, unknown>,
): ProfileData {
  const touched = new Set(
    [...Object.keys(patch)].map((field) => FIELD_STEP.get(field) as StepName),
  );
  const stored = profile as Record<string, unknown>;
  const next: Record<string, unknown> = { ...profile };
  for (const step of touched) {
    const current: Record<string, unknown> = {};
    for (const field of Object.keys(STEP_SCHEMAS[step].shape))
      if (stored[field] !== undefined) current[field] = stored[field];
    for (const [field, value] of Object.entries(patch)) {
      if (FIELD_STEP.get(field) !== step) continue;
      for (const other of REPLACES[field] ?? []) delete current[other];
      current[field] = value;
    }
    // Stored basics always carry age (derived when birth_year was given); a new birth_year wins.
    if (step === "basics" && patch.birth_year !== undefined) delete current.age;
    Object.assign(next, normaliseStep(step, current));
    if (step === "basics" && patch.age !== undefined) delete next.birth_year;
  }
  // Every touched step was validated and normalised just above.
  return next as ProfileData;
}

/** The profile as the API shows it: imperial users also get their weights and height in lb/in. */
export type ProfileView = ProfileData & {
  height_in?: number;
  weight_lb?: number;
  target_weight_lb?: number;
};

/** Height and weight in the user's preferred units, added beside the metric values. */
export function withPreferredUnits(profile: ProfileData): ProfileView {
  if (profile.unit_preference !== "imperial") return profile;
  const inches = profile.height_cm / CM_PER_IN;
  const pounds = profile.weight_kg / KG_PER_LB;
  return {
    ...profile,
    height_in: Math.round(inches * 10) / 10,
    weight_lb: Math.round(pounds * 10) / 10,
    ...(typeof profile.target_weight_kg === "number"
      ? { target_weight_lb: kgToLb(profile.target_weight_kg) }
      : {}),
  };
}
