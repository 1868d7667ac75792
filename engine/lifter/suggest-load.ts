import { KG_PER_LB } from "../../kernel/units";
import type { Exercise } from "../coaching/exercise";
import { isTimedHold } from "../coaching/prescription";
import type { Pattern, Progression } from "../coaching/vocabulary";
import {
  type Implement,
  implementOf,
  type LoadIncrements,
  type LoadUnit,
  lightestLoad,
  nextLoad,
  roundLoad,
} from "./load-increments";
import { type Fired, reasonFor } from "./reasons";
import { loadForReps, type RelatedLift, START_MARGIN } from "./starting-load";

// Today's target for one planned exercise, from the program's progression scheme and what
// the user did last time. Sources and the reasoning behind each rule: docs/coaching.md,
// "Today's target".
//
// - double_progression (Plotkin et al. 2022: adding reps at a held load grows muscle and
//   strength like adding load): once every planned set reached the top of the range at the
//   target RIR or more, add the smallest load step and restart at the bottom; otherwise hold
//   the load and aim one rep above the best set.
// - linear_load (ACSM 2009: novices can add load session to session): add 2.5 kg (upper
//   body) or 5 kg (squat, hinge, lunge) while every set is completed; a miss repeats the
//   load; two missed sessions in a row at one load drop it 10% (the reset of Rippetoe's
//   novice progression) to build back up.
// - hold (deload and return weeks): the last working load, the week's fewer sets and higher
//   RIR, reps at the bottom of the range.
// A set with no RIR logged counts as meeting the target: most people log reps and load only,
// and never progressing them would be the worse error.

/** One logged set as progression reads it. */
export interface PerformedSet {
  weight_kg: number;
  reps: number;
  rir: number | null;
}

/** The sets of one exercise in one session. */
export interface Performance {
  /** Local date of the session. */
  date: string;
  sets: readonly PerformedSet[];
  /** The session was planned in a deload week: its easier sets say nothing about progress. */
  deload: boolean;
}

/** What the program asks of the exercise today. */
export interface PlannedExercise {
  sets: number;
  rep_min: number;
  rep_max: number;
  target_rir: number;
  progression: Progression;
}

export const SUGGESTION_RULES = [
  "double_progression_add_load",
  "double_progression_add_rep",
  "double_progression_repeat",
  "double_progression_make_harder",
  "linear_add_load",
  "linear_repeat",
  "linear_reset",
  "hold",
  "start_from_related",
  "start_bodyweight",
  "start_unknown",
  "check_increments",
] as const;
export type SuggestionRule = (typeof SUGGESTION_RULES)[number];

export interface Suggestion {
  /** Null when nothing says what the user can lift yet. 0 is bodyweight (no added load). */
  weight_kg: number | null;
  reps_target: number;
  sets: number;
  rir: number;
  rule: SuggestionRule;
  /** One sentence: which rule fired and why. */
  reason: string;
}

export interface SuggestInput {
  exercise: Exercise;
  planned: PlannedExercise;
  /** Today falls in a deload week (the reason says "deload week" rather than "lighter week"). */
  deload_week: boolean;
  /** This exercise's sessions, most recent first. */
  history: readonly Performance[];
  /** The related lift to start from when there is no usable history (pickRelatedLift). */
  related: RelatedLift | null;
  increments: LoadIncrements;
}

const LOWER_BODY: ReadonlySet<Pattern> = new Set(["squat", "hinge", "lunge"]);

/** Linear load steps per session: 2.5 kg upper / 5 kg lower body, 5 lb / 10 lb in pounds. */
export const LINEAR_STEP: Readonly<Record<LoadUnit, { upper: number; lower: number }>> = {
  kg: { upper: 2.5, lower: 5 },
  lb: { upper: 5, lower: 10 },
};

/** Linear load drops this fraction after two missed sessions in a row at one load. */
export const LINEAR_RESET = 0.9;
export const LINEAR_STALLS_BEFORE_RESET = 2;

export function linearStepKg(exercise: Exercise, unit: LoadUnit): number {
  const step = LINEAR_STEP[unit][LOWER_BODY.has(exercise.pattern) ? "lower" : "upper"];
  return unit === "kg" ? step : step * KG_PER_LB;
}

const SAME_LOAD_KG = 0.005;
/** The storage rounding of a load (0.01 kg, and the pound conversion). */
const SNAP_KG = 0.02;

/** The heaviest load of a session and the sets done at it, in logged order. */
export function workingSets(performance: Performance): { load: number; sets: PerformedSet[] } {
  const load = Math.max(0, ...performance.sets.map((set) => set.weight_kg));
  const sets = performance.sets.filter((set) => Math.abs(set.weight_kg - load) < SAME_LOAD_KG);
  return { load, sets };
}

const rirMet = (set: PerformedSet, target: number) => set.rir === null || set.rir >= target;

interface Verdict {
  load: number;
  /** The planned number of working sets, in logged order (fewer when fewer were done). */
  sets: PerformedSet[];
  /** Every planned set reached the top of the range. */
  repsMet: boolean;
  /** ... at the target RIR or more. */
  rirMet: boolean;
}

function judge(performance: Performance, planned: PlannedExercise): Verdict {
  const working = workingSets(performance);
  const sets = working.sets.slice(0, planned.sets);
  const complete = sets.length >= planned.sets;
  return {
    load: working.load,
    sets,
    repsMet: complete && sets.every((set) => set.reps >= planned.rep_max),
    rirMet: sets.every((set) => rirMet(set, planned.target_rir)),
  };
}

/**
 * Sessions progression can read, most recent first: not in a deload week, with sets, and with
 * a load when the exercise is loaded (a barbell logged at 0 kg means the load was not typed).
 */
function usable(history: readonly Performance[], implement: Implement): Performance[] {
  return history.filter(
    (p) => !p.deload && p.sets.length > 0 && (implement === "none" || workingSets(p).load > 0),
  );
}

export function suggestLoad(input: SuggestInput): Suggestion {
  const { exercise, planned, increments } = input;
  const implement = implementOf(exercise);
  const recent = usable(input.history, implement);
  const fire = (fired: Fired, weightKg: number | null, repsTarget: number): Suggestion => ({
    weight_kg: weightKg,
    reps_target: repsTarget,
    sets: planned.sets,
    rir: planned.target_rir,
    rule: fired.rule,
    reason: reasonFor(fired, {
      unit: increments.unit,
      sets: planned.sets,
      reps: repsTarget,
      rir: planned.target_rir,
      repWord: isTimedHold(exercise) ? "seconds" : "reps",
      weightKg,
    }),
  });
  const last = recent[0];
  if (!last) return start(input, implement, fire);
  const verdict = judge(last, planned);
  const lightest = lightestLoad(implement, increments);
  // Lighter than the empty bar or the first dumbbell: the increments are wrong, and rounding
  // up to what they allow could double the load.
  if (verdict.load < lightest - SNAP_KG)
    return fire({ rule: "check_increments", load: verdict.load, lightest }, null, planned.rep_min);
  const held = roundLoad(verdict.load, implement, increments);
  const ctx = { load: verdict.load, reps: verdict.sets.map((set) => set.reps) };

  if (planned.progression === "hold")
    return fire({ rule: "hold", deload: input.deload_week, ...ctx }, held, planned.rep_min);

  if (planned.progression === "linear_load") {
    if (verdict.repsMet && verdict.rirMet) {
      const target = roundLoad(
        verdict.load + linearStepKg(exercise, increments.unit),
        implement,
        increments,
      );
      const up = Math.max(target, nextLoad(verdict.load, implement, increments));
      return fire({ rule: "linear_add_load", ...ctx }, up, planned.rep_max);
    }
    if (verdict.repsMet)
      return fire({ rule: "linear_repeat", rirShort: true, ...ctx }, held, planned.rep_max);
    const stalls = missedInARow(recent, planned, verdict.load);
    const lower = roundLoad(verdict.load * LINEAR_RESET, implement, increments, "down");
    if (stalls >= LINEAR_STALLS_BEFORE_RESET && lower < held)
      return fire({ rule: "linear_reset", stalls, ...ctx }, lower, planned.rep_max);
    return fire({ rule: "linear_repeat", rirShort: false, ...ctx }, held, planned.rep_max);
  }

  if (verdict.repsMet && verdict.rirMet) {
    if (implement === "none")
      return fire({ rule: "double_progression_make_harder", ...ctx }, held, planned.rep_max);
    const up = nextLoad(verdict.load, implement, increments);
    return fire({ rule: "double_progression_add_load", ...ctx }, up, planned.rep_min);
  }
  if (verdict.repsMet)
    return fire({ rule: "double_progression_repeat", ...ctx }, held, planned.rep_max);
  const best = Math.max(0, ...ctx.reps);
  const aim = Math.min(planned.rep_max, Math.max(planned.rep_min, best + 1));
  return fire({ rule: "double_progression_add_rep", ...ctx }, held, aim);
}

/** Missed sessions in a row at `load`, counting back from the most recent. */
function missedInARow(recent: readonly Performance[], planned: PlannedExercise, load: number) {
  let count = 0;
  for (const performance of recent) {
    const verdict = judge(performance, planned);
    if (verdict.repsMet || Math.abs(verdict.load - load) >= SAME_LOAD_KG) break;
    count += 1;
  }
  return count;
}

/** No usable history: bodyweight, a related lift's e1RM, or ask the user to find the load. */
function start(
  input: SuggestInput,
  implement: Implement,
  fire: (fired: Fired, weightKg: number | null, repsTarget: number) => Suggestion,
): Suggestion {
  const { planned, related, increments } = input;
  const reps = planned.progression === "linear_load" ? planned.rep_max : planned.rep_min;
  if (implement === "none") return fire({ rule: "start_bodyweight" }, 0, reps);
  if (!related) return fire({ rule: "start_unknown" }, null, reps);
  const scaled = loadForReps(related.e1rm_kg, reps, planned.target_rir) * START_MARGIN;
  const weight = Math.max(
    lightestLoad(implement, increments),
    roundLoad(scaled, implement, increments, "down"),
  );
  return fire({ rule: "start_from_related", related }, weight, reps);
}
