import { z } from "@hono/zod-openapi";
import { programDaySchema, programExerciseSchema } from "../../engine/coaching/program-schema";
import { equipmentSchema, muscleSchema } from "../../engine/coaching/vocabulary";
import { DEFAULT_LOAD_INCREMENTS, loadIncrementsSchema } from "../../engine/lifter/load-increments";
import { SUGGESTION_RULES } from "../../engine/lifter/suggest-load";
import { weekdaySchema } from "../../kernel/dates";
import { imperialOnly, isoDate } from "./common.schemas";
import { PROGRAM_DAY, PROGRAM_ID } from "./examples";

// The lifter's loop on the wire (durable-objects/lifter/json.ts answers these shapes): last
// time, today's target and the warm-up per planned exercise; replacements and swaps. Rules and
// sources: docs/coaching.md, "The lifter's loop".

const weight = {
  weight_kg: z.number(),
  weight_lb: imperialOnly("weight"),
};

export const LoadIncrementsSchema = loadIncrementsSchema.openapi("LoadIncrements", {
  description:
    "What the user can load, in the unit their equipment is marked in: the profile's " +
    "`load_increments`, or the defaults of their unit system.",
});

export const LastTimeSchema = z
  .object({
    date: z.string().openapi({ description: "local date of the most recent session with it" }),
    sets: z.array(
      z.object({ ...weight, reps: z.number().int(), rir: z.number().int().nullable() }),
    ),
  })
  .openapi("LastTime");

export const SuggestionSchema = z
  .object({
    weight_kg: z.number().nullable().openapi({
      description: "loadable with the user's increments; 0 bodyweight; null: nothing to go on yet",
    }),
    weight_lb: z.number().nullable().optional().openapi({ description: "imperial users only" }),
    reps_target: z.number().int(),
    sets: z.number().int(),
    rir: z.number().int(),
    rule: z.enum(SUGGESTION_RULES),
    reason: z.string().openapi({ description: "which rule fired, in one sentence" }),
  })
  .openapi("LoadSuggestion");

export const WarmupSetSchema = z.object({ ...weight, reps: z.number().int() }).openapi("WarmupSet");

const targets = {
  last: LastTimeSchema.nullable(),
  suggested: SuggestionSchema.nullable(),
  warmup: z.array(WarmupSetSchema).openapi({
    description: "before the session's first main lift only; not logged as hard sets",
  }),
};

export const PlannedExerciseWithTargets = programExerciseSchema
  .extend(targets)
  .openapi("PlannedExerciseWithTargets");

export const ExerciseTargetsSchema = z
  .object({ exercise_id: z.string(), ...targets })
  .openapi("ExerciseTargets");

export const SessionTargetsSchema = z
  .object({ items: z.array(ExerciseTargetsSchema), load_increments: LoadIncrementsSchema })
  .openapi("SessionTargets");

export const DayWithTargetsSchema = z
  .object({
    date: z.string().openapi({ example: "2026-11-23", description: "the user's local date" }),
    weekday: weekdaySchema,
    status: z.enum(["session", "rest", "not_started", "finished", "no_program"]),
    program_id: z.string().nullable(),
    week: z.number().int().nullable(),
    deload: z.boolean(),
    session: programDaySchema.extend({ exercises: z.array(PlannedExerciseWithTargets) }).nullable(),
    completed: z
      .boolean()
      .openapi({ description: "a finished session is logged for this planned day" }),
    load_increments: LoadIncrementsSchema,
  })
  .openapi("TodayWorkout");

const SQUAT_TARGETS = {
  last: {
    date: "2026-11-19",
    sets: [
      { weight_kg: 80, reps: 8, rir: 2 },
      { weight_kg: 80, reps: 8, rir: 2 },
      { weight_kg: 80, reps: 7, rir: 1 },
    ],
  },
  suggested: {
    weight_kg: 80,
    reps_target: 8,
    sets: 4,
    rir: 2,
    rule: "double_progression_add_rep" as const,
    reason:
      "Not every set reached the top of the range last time (8, 8 and 7 at 80 kg): stay at 80 kg and aim for one more rep, 4 sets of 8.",
  },
  warmup: [
    { weight_kg: 20, reps: 10 },
    { weight_kg: 32.5, reps: 5 },
    { weight_kg: 47.5, reps: 3 },
    { weight_kg: 65, reps: 2 },
  ],
};

export const METRIC_INCREMENTS = DEFAULT_LOAD_INCREMENTS.metric;

export const TODAY_EXAMPLE = {
  date: "2026-11-23",
  weekday: "mon" as const,
  status: "session" as const,
  program_id: PROGRAM_ID,
  week: 1,
  deload: false,
  session: {
    ...PROGRAM_DAY,
    exercises: PROGRAM_DAY.exercises.map((e) => ({ ...e, ...SQUAT_TARGETS })),
  },
  completed: false,
  load_increments: METRIC_INCREMENTS,
};

export const SESSION_TARGETS_EXAMPLE = {
  items: [{ exercise_id: "barbell-back-squat", ...SQUAT_TARGETS }],
  load_increments: METRIC_INCREMENTS,
};

export const AlternativesQuery = z.object({
  exercise_id: z.string().min(1).max(100),
  date: isoDate
    .optional()
    .openapi({ description: "local date of the planned day; today if absent" }),
});

export const AlternativesSchema = z
  .object({
    date: z.string(),
    exercise_id: z.string(),
    items: z.array(
      z.object({
        exercise_id: z.string(),
        name: z.string(),
        equipment: z.array(equipmentSchema),
        primary_muscles: z.array(muscleSchema),
        secondary_muscles: z.array(muscleSchema),
        scopes: z.array(z.enum(["today", "program"])).openapi({
          description: "`program` only when it is not already elsewhere in the program",
        }),
        volume_neutral: z
          .boolean()
          .openapi({ description: "adds no secondary muscle the original lacks" }),
        logged_before: z.boolean(),
        // Never null here; declared as in the targets so the document has one LoadSuggestion.
        suggested: SuggestionSchema.nullable(),
      }),
    ),
  })
  .openapi("ExerciseAlternatives");

export const SwapBody = z
  .object({
    exercise_id: z.string().min(1).max(100),
    replacement_id: z.string().min(1).max(100),
    date: isoDate.openapi({ description: "local date of the planned day the swap is made on" }),
    scope: z.enum(["today", "program"]).openapi({
      description: "`today`: that day's session only; `program`: every week from that day's on",
    }),
  })
  .strict()
  .openapi("ExerciseSwap");

export const SwapResultSchema = z
  .object({
    applied: z
      .boolean()
      .openapi({ description: "false when a retried request found the swap already made" }),
    program_id: z.string(),
    exercise_id: z.string(),
    replacement_id: z.string(),
    date: z.string(),
    scope: z.enum(["today", "program"]),
    day: DayWithTargetsSchema,
  })
  .openapi("ExerciseSwapResult");
