import { z } from "zod";
import { KG_PER_LB, kgToLb, lbToKg, type UnitPreference } from "../../kernel/units";
import type { Exercise } from "../coaching/exercise";
import type { Equipment } from "../coaching/vocabulary";

// What a user can actually put on the bar, pick off the rack or pin in the stack. Every load
// the engine suggests is one of these, so "today 81.3 kg" never happens. The increments are
// written in the unit the user's equipment is marked in (kg or lb plates); loads are still
// stored in kg, to 0.01 kg, which gives back the exact pound value (135 lb -> 61.23 kg ->
// 135.0 lb), so an imperial user sees 135, 140, 145, never 134.9.

export const LOAD_UNITS = ["kg", "lb"] as const;
export type LoadUnit = (typeof LOAD_UNITS)[number];

/** Plates and steps lighter than 0.1 would be lost in the 0.01 kg the loads are stored to. */
const weight = (max: number) => z.number().min(0.1).max(max);

export const loadIncrementsSchema = z
  .object({
    /** The unit every other field is in: the marking on the user's plates and dumbbells. */
    unit: z.enum(LOAD_UNITS),
    /** Weight of the empty barbell (20 kg / 45 lb Olympic bar). */
    bar_weight: weight(100),
    /** Weight of the lightest plate the user has; a pair of them is the smallest barbell step. */
    smallest_plate: weight(25),
    /** Weight of the empty EZ curl bar. */
    ez_bar_weight: weight(50),
    /** Difference between neighbouring dumbbells on the rack (each dumbbell). */
    dumbbell_step: weight(25),
    /** Difference between neighbouring kettlebells. */
    kettlebell_step: weight(25),
    /** One plate of a machine or cable stack. */
    stack_step: weight(50),
  })
  .strict();
export type LoadIncrements = z.infer<typeof loadIncrementsSchema>;

/** Common commercial-gym equipment in each unit system; the user edits what differs. */
export const DEFAULT_LOAD_INCREMENTS: Readonly<Record<UnitPreference, LoadIncrements>> = {
  metric: {
    unit: "kg",
    bar_weight: 20,
    smallest_plate: 1.25,
    ez_bar_weight: 10,
    dumbbell_step: 2,
    kettlebell_step: 4,
    stack_step: 5,
  },
  imperial: {
    unit: "lb",
    bar_weight: 45,
    smallest_plate: 2.5,
    ez_bar_weight: 25,
    dumbbell_step: 5,
    kettlebell_step: 5,
    stack_step: 10,
  },
};

/** The stored increments, or the defaults of the user's unit system when none are set. */
export function incrementsFor(
  stored: LoadIncrements | null | undefined,
  units: UnitPreference,
): LoadIncrements {
  return stored ?? DEFAULT_LOAD_INCREMENTS[units];
}

/** What carries the load of an exercise; `none` for bodyweight, bands and balls. */
export type Implement = "barbell" | "ez_bar" | "dumbbell" | "kettlebell" | "stack" | "none";

/** First match wins: a barbell hip thrust (barbell + bench) is loaded on the barbell. */
const IMPLEMENT_ORDER: readonly (readonly [Equipment, Implement])[] = [
  ["barbell", "barbell"],
  ["ez_bar", "ez_bar"],
  ["dumbbell", "dumbbell"],
  ["kettlebell", "kettlebell"],
  ["machine", "stack"],
  ["cable", "stack"],
];

/**
 * Catalog exercises whose equipment is a support, not a load: the bar of an inverted row, the
 * roman chair of a back extension, the rowing machine, and an assisted dip, where a heavier
 * stack setting makes the dip easier (progressing its "load" would go backwards).
 */
export const UNLOADED_ON_EQUIPMENT: ReadonlySet<string> = new Set([
  "inverted-row",
  "back-extension",
  "rowing-machine-sprint",
  "machine-assisted-dip",
]);

export function implementOf(exercise: Pick<Exercise, "id" | "equipment">): Implement {
  if (UNLOADED_ON_EQUIPMENT.has(exercise.id)) return "none";
  for (const [equipment, implement] of IMPLEMENT_ORDER)
    if (exercise.equipment.includes(equipment)) return implement;
  return "none";
}

/** Loadable weights in the increments' unit: `base + k * step` for k >= 0, at least `min`. */
interface Grid {
  base: number;
  step: number;
}

function gridOf(implement: Exclude<Implement, "none">, inc: LoadIncrements): Grid {
  switch (implement) {
    case "barbell":
      return { base: inc.bar_weight, step: 2 * inc.smallest_plate };
    case "ez_bar":
      return { base: inc.ez_bar_weight, step: 2 * inc.smallest_plate };
    case "dumbbell":
      return { base: inc.dumbbell_step, step: inc.dumbbell_step };
    case "kettlebell":
      return { base: inc.kettlebell_step, step: inc.kettlebell_step };
    case "stack":
      return { base: inc.stack_step, step: inc.stack_step };
  }
}

const toUnit = (kg: number, unit: LoadUnit) => (unit === "kg" ? kg : kg / KG_PER_LB);
const fromUnit = (value: number, unit: LoadUnit) =>
  unit === "kg" ? Math.round(value * 100) / 100 : lbToKg(value);

/**
 * Stored kilograms carry 0.01 kg of rounding (and pounds their conversion), so a value this
 * close to a grid point is that point: 61.23 kg is 135 lb, not "just under" it.
 */
const SNAP = 0.02;

/** Steps above the base (fractional), snapped to a whole step when within SNAP. */
function stepsAbove(kg: number, grid: Grid, unit: LoadUnit): number {
  const steps = (toUnit(kg, unit) - grid.base) / grid.step;
  const whole = Math.round(steps);
  return Math.abs(steps - whole) * grid.step <= SNAP ? whole : steps;
}

const atStep = (k: number, grid: Grid, unit: LoadUnit) =>
  fromUnit(grid.base + Math.max(0, k) * grid.step, unit);

export type Rounding = "nearest" | "down" | "up";

/**
 * The loadable weight for `kg` (never below the implement's lightest load). `nearest` breaks
 * ties downwards: between two loads, the lighter one is the safer suggestion. Bodyweight
 * exercises have no grid and keep the value to 0.01 kg.
 */
export function roundLoad(
  kg: number,
  implement: Implement,
  inc: LoadIncrements,
  mode: Rounding = "nearest",
): number {
  if (implement === "none") return Math.max(0, Math.round(kg * 100) / 100);
  const grid = gridOf(implement, inc);
  const steps = stepsAbove(kg, grid, inc.unit);
  const k =
    mode === "down" ? Math.floor(steps) : mode === "up" ? Math.ceil(steps) : Math.ceil(steps - 0.5);
  return atStep(k, grid, inc.unit);
}

/** The lightest loadable weight strictly above `kg` (the "smallest load step" up). */
export function nextLoad(kg: number, implement: Implement, inc: LoadIncrements): number {
  if (implement === "none") return kg;
  const grid = gridOf(implement, inc);
  return atStep(Math.floor(stepsAbove(kg, grid, inc.unit)) + 1, grid, inc.unit);
}

/** Whether `kg` is a weight the user can load on this implement. */
export function isLoadable(kg: number, implement: Implement, inc: LoadIncrements): boolean {
  if (implement === "none") return kg >= 0;
  const grid = gridOf(implement, inc);
  const steps = stepsAbove(kg, grid, inc.unit);
  return Number.isInteger(steps) && steps >= 0;
}

/** The smallest step of an implement, in kg (a pair of the lightest plates on a barbell). */
export function stepKg(implement: Implement, inc: LoadIncrements): number {
  if (implement === "none") return 0;
  const { step } = gridOf(implement, inc);
  return inc.unit === "kg" ? step : step * KG_PER_LB;
}

/** The lightest loadable weight of an implement, in kg (the empty bar, the first dumbbell). */
export function lightestLoad(implement: Implement, inc: LoadIncrements): number {
  if (implement === "none") return 0;
  return fromUnit(gridOf(implement, inc).base, inc.unit);
}

/** A load as the user reads it: "82.5 kg", "135 lb". */
export function formatLoad(kg: number, unit: LoadUnit): string {
  const value = unit === "kg" ? Math.round(kg * 100) / 100 : kgToLb(kg);
  return `${Number(value.toFixed(2))} ${unit}`;
}
