import type { Weekday } from "../../kernel/dates";
import { allocateSets, type PlannedSlot } from "./allocate-sets";
import { CATALOG } from "./catalog";
import { isEligible, resolveEquipment } from "./eligibility";
import type { Exercise } from "./exercise";
import { isTimedHold, prescribe, progressionFor, progressionNotes } from "./prescription";
import {
  type Program,
  type ProgramDay,
  type ProgramExercise,
  type ProgramInput,
  type ProgramInputRaw,
  programInputSchema,
} from "./program-schema";
import { DELOAD_EVERY, deloadRir, deloadSets, isDeloadWeek } from "./progression";
import { deriveRng } from "./rng";
import { pickWeekdays } from "./schedule";
import { buildSlots, indexPool } from "./select-exercises";
import { sessionSeconds, toMinutes } from "./session-time";
import { splitForDays } from "./split";
import { type Goal, MUSCLE_SIZE } from "./vocabulary";
import { VOLUME_RANGES } from "./volume";

// Builds a periodised program from a validated input. Pure and deterministic: the same
// input (seed included) gives the same program. The week is planned once (slots, then set
// allocation); every week is a copy of it, with deload weeks derived from it.

const GOAL_LABEL: Readonly<Record<Goal, string>> = {
  fat_loss: "Fat Loss",
  muscle_gain: "Muscle Gain",
  strength: "Strength",
  endurance: "Endurance",
  general_fitness: "General Fitness",
};

/**
 * Session order: resistance work before conditioning finishers; compound before isolation;
 * within each, the larger muscle first (an exercise is as large as its largest primary
 * muscle); then the allocator's slot order.
 */
export function sessionOrderKey(exercise: Exercise): [number, number, number] {
  const size = Math.max(...exercise.primary_muscles.map((muscle) => MUSCLE_SIZE[muscle]));
  return [
    exercise.pattern === "conditioning" ? 1 : 0,
    exercise.mechanic === "compound" ? 0 : 1,
    -size,
  ];
}

function compareSlots(a: PlannedSlot & { index: number }, b: PlannedSlot & { index: number }) {
  const keyA = sessionOrderKey(a.exercise);
  const keyB = sessionOrderKey(b.exercise);
  for (let i = 0; i < keyA.length; i++) {
    const diff = (keyA[i] as number) - (keyB[i] as number);
    if (diff !== 0) return diff;
  }
  return a.index - b.index;
}

interface PlannedDay {
  weekday: Weekday;
  focus: ProgramDay["focus"];
  slots: PlannedSlot[];
}

function renderExercise(input: ProgramInput, slot: PlannedSlot, deload: boolean): ProgramExercise {
  const { exercise, rx } = slot;
  const sets = deload ? deloadSets(slot.sets) : slot.sets;
  const targetRir = deload ? deloadRir(rx.target_rir) : rx.target_rir;
  const progression = deload ? "hold" : progressionFor(input.fitness_level, exercise);
  const timed = isTimedHold(exercise) ? " Reps are seconds of holding." : "";
  return {
    exercise_id: exercise.id,
    name: exercise.name,
    primary_muscles: [...exercise.primary_muscles],
    secondary_muscles: [...exercise.secondary_muscles],
    equipment: [...exercise.equipment],
    sets,
    rep_min: rx.rep_min,
    rep_max: rx.rep_max,
    target_rir: targetRir,
    rest_seconds: rx.rest_seconds,
    progression,
    notes: progressionNotes(progression, exercise, { ...rx, target_rir: targetRir }, sets) + timed,
  };
}

function renderDay(input: ProgramInput, day: PlannedDay, deload: boolean): ProgramDay {
  const exercises = day.slots.map((slot) => renderExercise(input, slot, deload));
  const seconds = sessionSeconds(
    day.slots.map((slot, i) => ({
      set: { ...slot.rx, timed_hold: isTimedHold(slot.exercise) },
      sets: (exercises[i] as ProgramExercise).sets,
    })),
  );
  return {
    weekday: day.weekday,
    focus: day.focus,
    estimated_minutes: toMinutes(seconds),
    exercises,
  };
}

function copyDay(day: ProgramDay): ProgramDay {
  return {
    ...day,
    exercises: day.exercises.map((item) => ({
      ...item,
      primary_muscles: [...item.primary_muscles],
      secondary_muscles: [...item.secondary_muscles],
      equipment: [...item.equipment],
    })),
  };
}

/** "A" or "An" before a number as it is read: an 8-week, an 11-week, an 18-week, a 4-week. */
const articleBefore = (n: number) => (/^(8|1[18](\d{3})*$)/.test(String(n)) ? "An" : "A");

function describe(input: ProgramInput, splitName: string, equipment: readonly string[]): string {
  const sessions = `${input.days_per_week} sessions of up to ${input.session_minutes} minutes a week`;
  const deload = `a lighter deload week every ${DELOAD_EVERY[input.fitness_level]} weeks`;
  const kit = equipment.map((item) => item.replaceAll("_", " ")).join(", ");
  const injuries =
    input.injuries.length > 0
      ? ` Exercises that load the ${input.injuries.map((a) => a.replaceAll("_", " ")).join(", ")} are left out.`
      : "";
  return (
    `${articleBefore(input.duration_weeks)} ${input.duration_weeks}-week ${GOAL_LABEL[input.goal].toLowerCase()} program for ` +
    `${input.fitness_level === "beginner" ? "a" : "an"} ${input.fitness_level} lifter: ${sessions} ` +
    `(${splitName.toLowerCase()} split), with ${deload}. Equipment: ${kit}.${injuries}`
  );
}

export function generateProgram(
  rawInput: ProgramInputRaw,
  catalog: readonly Exercise[] = CATALOG,
): Program {
  const input = programInputSchema.parse(rawInput);
  const equipment = resolveEquipment(input.equipment, input.location);
  const eligibility = {
    equipment,
    injuries: new Set(input.injuries),
    level: input.fitness_level,
  };
  const pool = catalog.filter((exercise) => isEligible(exercise, eligibility));
  const split = splitForDays(input.days_per_week);
  const weekdays = pickWeekdays(input.days_per_week, input.preferred_weekdays);

  const slots = buildSlots(
    split.focuses,
    input.goal,
    indexPool(pool),
    deriveRng(input.seed, "exercises"),
  );
  const planned: PlannedSlot[] = slots.map((slot) => ({
    ...slot,
    rx: prescribe(input.goal, input.fitness_level, slot.exercise),
    sets: 0,
  }));
  allocateSets({
    slots: planned,
    focuses: split.focuses,
    level: input.fitness_level,
    range: VOLUME_RANGES[input.fitness_level],
    budgetSeconds: input.session_minutes * 60,
  });

  const days: PlannedDay[] = split.focuses.map((focus, day) => ({
    weekday: weekdays[day] as Weekday,
    focus,
    slots: planned
      .map((slot, index) => ({ ...slot, index }))
      .filter((slot) => slot.day === day && slot.sets > 0)
      .sort(compareSlots),
  }));

  // Render the normal and the deload week once; every week is a fresh copy of one of them.
  const normalDays = days.map((day) => renderDay(input, day, false));
  const deloadDays = days.map((day) => renderDay(input, day, true));
  const weeks = Array.from({ length: input.duration_weeks }, (_, i) => {
    const week = i + 1;
    const deload = isDeloadWeek(week, input.fitness_level);
    return { week, deload, days: (deload ? deloadDays : normalDays).map(copyDay) };
  });

  return {
    name: `${input.days_per_week}-Day ${split.name} ${GOAL_LABEL[input.goal]} Program`,
    description: describe(input, split.name, [...equipment].sort()),
    goal: input.goal,
    fitness_level: input.fitness_level,
    duration_weeks: input.duration_weeks,
    days_per_week: input.days_per_week,
    weeks,
  };
}
