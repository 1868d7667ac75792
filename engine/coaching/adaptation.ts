import { z } from "zod";
import {
  dayNumber,
  isoDateSchema,
  programWeekOf,
  WEEKDAY_NAMES,
  WEEKDAYS,
  type Weekday,
  weekdayOf,
} from "../../kernel/dates";
import { CATALOG, indexCatalogById } from "./catalog";
import { isEligible, resolveEquipment } from "./eligibility";
import type { Exercise } from "./exercise";
import { isTimedHold, progressionNotes, roleOf } from "./prescription";
import type { Program, ProgramDay, ProgramExercise, ProgramWeek } from "./program-schema";
import { deloadRir, deloadSets, MAX_RIR } from "./progression";
import { bestFreeDays, weekdayIndex } from "./schedule";
import { dayMinutes } from "./session-time";
import { bodyAreaSchema, type DayFocus, equipmentSchema, locationSchema } from "./vocabulary";

// Adapting a program to what actually happened. Every function is pure: it takes a program
// (the generator's output shape) and facts, and returns a new program plus a list of
// human-readable changes. The input program is never mutated.

export const adaptationFactsSchema = z.object({
  today: isoDateSchema,
  /** Any date in week 1; week 1 starts on the Monday on or before it. */
  program_start: isoDateSchema,
  missed_dates: z.array(isoDateSchema).max(366).default([]),
  stalled_exercise_ids: z.array(z.string()).max(100).default([]),
  days_since_last_workout: z.number().int().min(0).nullable().default(null),
});
export type AdaptationFacts = z.output<typeof adaptationFactsSchema>;
export type AdaptationFactsInput = z.input<typeof adaptationFactsSchema>;

/** What the user can use, for swaps. Defaults: the location's usual equipment, no injuries. */
export const adaptationContextSchema = z.object({
  equipment: z.array(equipmentSchema).default([]),
  location: locationSchema.default("gym"),
  injuries: z.array(bodyAreaSchema).default([]),
});
export type AdaptationContextInput = z.input<typeof adaptationContextSchema>;

export const CHANGE_KINDS = [
  "session_moved",
  "session_dropped",
  "exercise_swapped",
  "exercise_deloaded",
  "return_week",
  "ignored",
] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

/** What a change is about, for texts in the user's language (engine/i18n/adaptation-text.ts). */
export type ChangeFacts =
  | { text: "session_dropped_week_over"; day: Weekday; week: number }
  | { text: "session_dropped_no_day"; day: Weekday; focus: DayFocus }
  | { text: "session_moved"; focus: DayFocus; from_day: Weekday; to_day: Weekday }
  | { text: "exercise_swapped"; exercise: string; replacement: string; week: number }
  | { text: "exercise_deloaded"; exercise: string; week: number }
  | { text: "return_week"; week: number; days: number }
  | { text: "return_week_ease"; week: number };

export interface ProgramChange {
  kind: ChangeKind;
  /** In English, for the API's program history and the coaches. */
  description: string;
  /** Absent on ignored changes (never shown to the user). */
  facts?: ChangeFacts;
}

export interface AdaptationResult {
  program: Program;
  changes: ProgramChange[];
}

/** Gap (days without training) that triggers a return week; twice this adds a second one. */
export const RETURN_WEEK_GAP_DAYS = 14;

function cloneProgram(program: Program): Program {
  return {
    ...program,
    weeks: program.weeks.map((week) => ({
      ...week,
      days: week.days.map((day) => ({
        ...day,
        exercises: day.exercises.map((exercise) => ({
          ...exercise,
          primary_muscles: [...exercise.primary_muscles],
          secondary_muscles: [...exercise.secondary_muscles],
          equipment: [...exercise.equipment],
        })),
      })),
    })),
  };
}

function holdLookup(byId: ReadonlyMap<string, Exercise>) {
  return (id: string) => {
    const exercise = byId.get(id);
    return exercise ? isTimedHold(exercise) : false;
  };
}

function refreshMinutes(day: ProgramDay, byId: ReadonlyMap<string, Exercise>): void {
  day.estimated_minutes = dayMinutes(day.exercises, holdLookup(byId));
}

// Missed sessions ------------------------------------------------------------------------

/**
 * Shifts the current week after missed sessions. The sessions still owed this week (the
 * missed ones first, in their original order, then the ones not yet due) are laid onto the
 * days from today to Sunday, one session a day at most: two sessions are never stacked on
 * one day. Among the possible day sets the one with the fewest runs of three consecutive
 * training days wins, then the earliest. Sessions that do not fit are dropped from the end
 * of the week. Missed sessions of past weeks are not carried over.
 */
export function rescheduleMissedSessions(
  program: Program,
  factsInput: AdaptationFactsInput,
): AdaptationResult {
  const facts = adaptationFactsSchema.parse(factsInput);
  const next = cloneProgram(program);
  const changes: ProgramChange[] = [];
  const week = programWeekOf(facts.program_start, facts.today);
  const todayIdx = weekdayIndex(weekdayOf(facts.today));
  const today = dayNumber(facts.today);

  const missedThisWeek = new Set<Weekday>();
  for (const date of new Set(facts.missed_dates)) {
    if (dayNumber(date) >= today) continue;
    const missedWeek = programWeekOf(facts.program_start, date);
    const weekday = weekdayOf(date);
    const planned = next.weeks[missedWeek - 1]?.days.some((day) => day.weekday === weekday);
    if (!planned) continue;
    if (missedWeek === week) missedThisWeek.add(weekday);
    else {
      changes.push({
        kind: "session_dropped",
        description: `The missed ${WEEKDAY_NAMES[weekday]} session of week ${missedWeek} is not made up: that week is over.`,
        facts: { text: "session_dropped_week_over", day: weekday, week: missedWeek },
      });
    }
  }
  const current = next.weeks[week - 1];
  if (!current || missedThisWeek.size === 0) return { program: next, changes };

  const done = current.days.filter(
    (day) => weekdayIndex(day.weekday) < todayIdx && !missedThisWeek.has(day.weekday),
  );
  const owed = [
    ...current.days.filter((day) => missedThisWeek.has(day.weekday)),
    ...current.days.filter((day) => weekdayIndex(day.weekday) >= todayIdx),
  ];
  const free = WEEKDAYS.map((_, i) => i).filter((i) => i >= todayIdx);
  const kept = owed.slice(0, free.length);
  for (const day of owed.slice(free.length)) {
    changes.push({
      kind: "session_dropped",
      description: `The ${day.focus.replaceAll("_", " ")} session planned for ${WEEKDAY_NAMES[day.weekday]} is dropped this week: no free day is left and sessions are never doubled up.`,
      facts: { text: "session_dropped_no_day", day: day.weekday, focus: day.focus },
    });
  }
  const chosen = bestFreeDays(
    free,
    kept.length,
    done.map((day) => weekdayIndex(day.weekday)),
  );
  const moved = kept.map((day, i) => {
    const weekday = WEEKDAYS[chosen[i] as number] as Weekday;
    if (weekday !== day.weekday) {
      changes.push({
        kind: "session_moved",
        description: `The ${day.focus.replaceAll("_", " ")} session from ${WEEKDAY_NAMES[day.weekday]} moves to ${WEEKDAY_NAMES[weekday]}.`,
        facts: { text: "session_moved", focus: day.focus, from_day: day.weekday, to_day: weekday },
      });
    }
    return { ...day, weekday };
  });
  current.days = [...done, ...moved].sort(
    (a, b) => weekdayIndex(a.weekday) - weekdayIndex(b.weekday),
  );
  return { program: next, changes };
}

// Stalled lifts --------------------------------------------------------------------------

/**
 * Handles lifts that stopped progressing, from the current week on. A lift on linear load
 * progression (a beginner's main lift) is reset: 90% of the last working load, one more rep
 * in reserve this week. Any other lift is swapped for an exercise of the same pattern and
 * role with the same primary muscles and no secondary muscle the original lacked (so no
 * muscle's weekly volume can grow), allowed by the equipment, injuries and level and not
 * already in that session; with no such exercise it is reset like a linear lift.
 */
export function handleStalledLifts(
  program: Program,
  factsInput: AdaptationFactsInput,
  contextInput: AdaptationContextInput = {},
  catalog: readonly Exercise[] = CATALOG,
): AdaptationResult {
  const facts = adaptationFactsSchema.parse(factsInput);
  const context = adaptationContextSchema.parse(contextInput);
  const next = cloneProgram(program);
  const changes: ProgramChange[] = [];
  const byId = indexCatalogById(catalog);
  const eligibility = {
    equipment: resolveEquipment(context.equipment, context.location),
    injuries: new Set(context.injuries),
    level: program.fitness_level,
  };
  const fromWeek = Math.max(1, programWeekOf(facts.program_start, facts.today));
  const weeks = next.weeks.filter((week) => week.week >= fromWeek);
  const inProgram = (id: string) =>
    weeks.some((w) => w.days.some((d) => d.exercises.some((e) => e.exercise_id === id)));

  for (const id of new Set(facts.stalled_exercise_ids)) {
    const original = byId.get(id);
    if (!original || !inProgram(id)) {
      changes.push({ kind: "ignored", description: `${id} is not in the rest of this program.` });
      continue;
    }
    const linear = weeks.some((w) =>
      w.days.some((d) =>
        d.exercises.some((e) => e.exercise_id === id && e.progression === "linear_load"),
      ),
    );
    const alternative = linear ? null : findAlternative(original, weeks, catalog, eligibility);
    if (alternative) {
      swapEverywhere(weeks, original, alternative);
      changes.push({
        kind: "exercise_swapped",
        description: `${original.name} has stalled; it is replaced by ${alternative.name} from week ${fromWeek}.`,
        facts: {
          text: "exercise_swapped",
          exercise: original.name,
          replacement: alternative.name,
          week: fromWeek,
        },
      });
    } else {
      resetLoad(weeks[0] as ProgramWeek, original);
      changes.push({
        kind: "exercise_deloaded",
        description: `${original.name} has stalled; in week ${fromWeek} use 90% of your last working load with one more rep in reserve, then build back up.`,
        facts: { text: "exercise_deloaded", exercise: original.name, week: fromWeek },
      });
    }
  }
  for (const week of weeks) for (const day of week.days) refreshMinutes(day, byId);
  return { program: next, changes };
}

function sameSet<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((item) => b.includes(item));
}

function findAlternative(
  original: Exercise,
  weeks: readonly ProgramWeek[],
  catalog: readonly Exercise[],
  eligibility: Parameters<typeof isEligible>[1],
): Exercise | null {
  const role = roleOf(original);
  const candidates = catalog.filter(
    (candidate) =>
      candidate.id !== original.id &&
      candidate.pattern === original.pattern &&
      roleOf(candidate) === role &&
      isTimedHold(candidate) === isTimedHold(original) &&
      sameSet(candidate.primary_muscles, original.primary_muscles) &&
      candidate.secondary_muscles.every((m) => original.secondary_muscles.includes(m)) &&
      isEligible(candidate, eligibility) &&
      // Not already in a session that holds the original.
      !weeks.some((w) =>
        w.days.some(
          (d) =>
            d.exercises.some((e) => e.exercise_id === original.id) &&
            d.exercises.some((e) => e.exercise_id === candidate.id),
        ),
      ),
  );
  // Stable choice: the first by id, so the same facts always give the same swap.
  return [...candidates].sort((a, b) => a.id.localeCompare(b.id))[0] ?? null;
}

function swapEverywhere(
  weeks: readonly ProgramWeek[],
  original: Exercise,
  alternative: Exercise,
): void {
  for (const week of weeks) {
    for (const day of week.days) {
      day.exercises = day.exercises.map((item) => {
        if (item.exercise_id !== original.id) return item;
        const swapped: ProgramExercise = {
          ...item,
          exercise_id: alternative.id,
          name: alternative.name,
          primary_muscles: [...alternative.primary_muscles],
          secondary_muscles: [...alternative.secondary_muscles],
          equipment: [...alternative.equipment],
        };
        swapped.notes = progressionNotes(item.progression, alternative, item, item.sets);
        return swapped;
      });
    }
  }
}

function resetLoad(week: ProgramWeek, original: Exercise): void {
  for (const day of week.days) {
    for (const item of day.exercises) {
      if (item.exercise_id !== original.id) continue;
      item.target_rir = Math.min(MAX_RIR, item.target_rir + 1);
      item.notes = `Stalled: use 90% of your last working load this week, then build back up. ${item.notes}`;
    }
  }
}

// Long gaps ------------------------------------------------------------------------------

/**
 * After 14 or more days without training, the current week becomes a return week: half the
 * sets (rounded up) and two more reps in reserve, load held. After 28 or more days the next
 * week is a second step back: one set fewer per exercise (never below one) and one more rep
 * in reserve. Deload weeks are left as they are: they are already light.
 */
export function applyReturnAfterGap(
  program: Program,
  factsInput: AdaptationFactsInput,
  catalog: readonly Exercise[] = CATALOG,
): AdaptationResult {
  const facts = adaptationFactsSchema.parse(factsInput);
  const next = cloneProgram(program);
  const changes: ProgramChange[] = [];
  const gap = facts.days_since_last_workout;
  if (gap === null || gap < RETURN_WEEK_GAP_DAYS) return { program: next, changes };
  const byId = indexCatalogById(catalog);
  const week = programWeekOf(facts.program_start, facts.today);
  const steps = gap >= 2 * RETURN_WEEK_GAP_DAYS ? 2 : 1;
  for (let step = 0; step < steps; step++) {
    const target = next.weeks[week - 1 + step];
    if (!target || target.deload) continue;
    for (const day of target.days) {
      for (const item of day.exercises) {
        const exercise = byId.get(item.exercise_id);
        item.sets = step === 0 ? deloadSets(item.sets) : Math.max(1, item.sets - 1);
        item.target_rir =
          step === 0 ? deloadRir(item.target_rir) : Math.min(MAX_RIR, item.target_rir + 1);
        item.progression = "hold";
        const detail = exercise ? progressionNotes("hold", exercise, item, item.sets) : "";
        item.notes = `Return week after ${gap} days off. ${detail}`.trim();
      }
      refreshMinutes(day, byId);
    }
    changes.push({
      kind: "return_week",
      description:
        step === 0
          ? `Week ${target.week} is a return week after ${gap} days off: about half the sets and two more reps in reserve.`
          : `Week ${target.week} eases back in: one set fewer per exercise and one more rep in reserve.`,
      facts:
        step === 0
          ? { text: "return_week", week: target.week, days: gap }
          : { text: "return_week_ease", week: target.week },
    });
  }
  return { program: next, changes };
}

// Everything -----------------------------------------------------------------------------

/**
 * Applies, in order: a return week after a long gap; the missed-session shift; stalled-lift
 * handling (skipped in a return week, where a stall is expected detraining, not a plateau).
 */
export function adaptProgram(
  program: Program,
  factsInput: AdaptationFactsInput,
  contextInput: AdaptationContextInput = {},
  catalog: readonly Exercise[] = CATALOG,
): AdaptationResult {
  const facts = adaptationFactsSchema.parse(factsInput);
  const afterGap = applyReturnAfterGap(program, facts, catalog);
  const afterMissed = rescheduleMissedSessions(afterGap.program, facts);
  const returning = afterGap.changes.length > 0;
  const afterStalls = returning
    ? {
        program: afterMissed.program,
        changes:
          facts.stalled_exercise_ids.length > 0
            ? [
                {
                  kind: "ignored" as const,
                  description: "Stalled lifts are not changed in a return week.",
                },
              ]
            : [],
      }
    : handleStalledLifts(afterMissed.program, facts, contextInput, catalog);
  return {
    program: afterStalls.program,
    changes: [...afterGap.changes, ...afterMissed.changes, ...afterStalls.changes],
  };
}
