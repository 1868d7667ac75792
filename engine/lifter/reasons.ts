import { formatLoad, type LoadUnit } from "./load-increments";
import type { RelatedLift } from "./starting-load";

// The one-sentence `reason` of a suggestion: which rule fired, on what, and what to do. The
// same sentence is shown on Today and read by the voice coach, so it names loads in the
// user's unit and says "sets of" rather than "3x9" (which speech engines read badly).

/** Last time's working load and the reps of its working sets, for the sentences. */
interface LastTime {
  load: number;
  reps: number[];
}

export type Fired =
  | ({ rule: "double_progression_add_load" } & LastTime)
  | ({ rule: "double_progression_add_rep" } & LastTime)
  | ({ rule: "double_progression_repeat" } & LastTime)
  | ({ rule: "double_progression_make_harder" } & LastTime)
  | ({ rule: "linear_add_load" } & LastTime)
  | ({ rule: "linear_repeat"; rirShort: boolean } & LastTime)
  | ({ rule: "linear_reset"; stalls: number } & LastTime)
  | ({ rule: "hold"; deload: boolean } & LastTime)
  | { rule: "start_from_related"; related: RelatedLift }
  | { rule: "start_bodyweight" }
  | { rule: "start_unknown" }
  | { rule: "check_increments"; load: number; lightest: number };

export interface Target {
  unit: LoadUnit;
  sets: number;
  reps: number;
  rir: number;
  /** "reps", or "seconds" for timed holds. */
  repWord: "reps" | "seconds";
  weightKg: number | null;
}

/** "8, 8 and 7" */
export function listReps(reps: readonly number[]): string {
  if (reps.length <= 1) return reps.join("");
  return `${reps.slice(0, -1).join(", ")} and ${reps[reps.length - 1]}`;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

export function reasonFor(fired: Fired, target: Target): string {
  const load = (kg: number) => formatLoad(kg, target.unit);
  const rep = target.repWord === "seconds" ? "second" : "rep";
  const setsOf = `${plural(target.sets, "set")} of ${target.reps}`;
  const today = target.weightKg === null ? setsOf : `${load(target.weightKg)} for ${setsOf}`;
  const reserve = `${target.rir} in reserve`;
  if (fired.rule === "start_unknown")
    return `Find a weight you can lift for ${target.reps} ${target.repWord} with ${reserve}.`;
  if (fired.rule === "start_bodyweight")
    return `No load to choose: aim for ${setsOf} ${target.repWord} with ${reserve}.`;
  if (fired.rule === "start_from_related")
    return (
      `No history on this lift yet: from your ${fired.related.name} (estimated 1RM ` +
      `${load(fired.related.e1rm_kg)}), start at ${today} with ${reserve} and adjust if it feels far off.`
    );
  if (fired.rule === "check_increments")
    return (
      `Last time's ${load(fired.load)} is lighter than the lightest load your equipment settings ` +
      `allow (${load(fired.lightest)}): check your load increments.`
    );
  const lastTime = `${listReps(fired.reps)} at ${load(fired.load)}`;
  switch (fired.rule) {
    case "double_progression_add_load":
      return `Every set reached the top of the range last time (${lastTime}), so add the smallest step: ${today}.`;
    case "double_progression_add_rep":
      return `Not every set reached the top of the range last time (${lastTime}): stay at ${load(fired.load)} and aim for one more ${rep}, ${setsOf}.`;
    case "double_progression_repeat":
      return `The ${target.repWord} were there last time (${lastTime}) but with less than ${reserve}: stay at ${today} until they are.`;
    case "double_progression_make_harder":
      return `Every set reached the top of the range last time (${listReps(fired.reps)}): make it harder with a slower tempo, a pause or a harder variation, ${setsOf}.`;
    case "linear_add_load": {
      const added = formatLoad((target.weightKg ?? fired.load) - fired.load, target.unit);
      return `Every set was completed last time (${lastTime}), so add ${added}: ${today}.`;
    }
    case "linear_repeat":
      return fired.rirShort
        ? `Every set was completed last time (${lastTime}) but with less than ${reserve}: repeat ${today}.`
        : `Last time fell short of ${target.reps} ${target.repWord} (${lastTime}): repeat ${today}; a second miss at this load drops it 10%.`;
    case "linear_reset":
      return `${fired.stalls} sessions in a row fell short at ${load(fired.load)}: drop 10% to ${today} and build back up.`;
    case "hold":
      return `${fired.deload ? "Deload week" : "Lighter week"}: keep ${today} and stop with ${reserve}.`;
  }
}

/**
 * Last time and today's target in one line for the voice coach: "Last time 80 kg for 8, 8 and
 * 7; today 80 kg, 3 sets of 9." Sets at different loads are grouped in the order done.
 */
export function sayLastAndTarget(
  last: { sets: readonly { weight_kg: number; reps: number }[] } | null,
  target: { weight_kg: number | null; sets: number; reps_target: number },
  unit: LoadUnit,
): string {
  const groups: { weight: number; reps: number[] }[] = [];
  for (const set of last?.sets ?? []) {
    const group = groups[groups.length - 1];
    if (group && Math.abs(group.weight - set.weight_kg) < 0.005) group.reps.push(set.reps);
    else groups.push({ weight: set.weight_kg, reps: [set.reps] });
  }
  const done = groups
    .map((g) =>
      g.weight > 0 ? `${formatLoad(g.weight, unit)} for ${listReps(g.reps)}` : listReps(g.reps),
    )
    .join(", then ");
  const setsOf = `${plural(target.sets, "set")} of ${target.reps_target}`;
  const today =
    target.weight_kg === null
      ? `find a weight for ${setsOf}`
      : target.weight_kg > 0
        ? `${formatLoad(target.weight_kg, unit)}, ${setsOf}`
        : setsOf;
  return groups.length > 0 ? `Last time ${done}; today ${today}.` : `Today ${today}.`;
}
