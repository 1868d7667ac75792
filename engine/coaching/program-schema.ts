import { z } from "zod";
import { weekdaySchema } from "../../kernel/dates";
import {
  bodyAreaSchema,
  dayFocusSchema,
  equipmentSchema,
  goalSchema,
  levelSchema,
  locationSchema,
  muscleSchema,
  progressionSchema,
} from "./vocabulary";

// Input and output of the program generator. The output shape is what the API returns for
// a program, so clients can rely on it; keep changes additive.

export const programInputSchema = z.object({
  goal: goalSchema,
  fitness_level: levelSchema,
  days_per_week: z.number().int().min(2).max(6),
  session_minutes: z.number().int().min(20).max(120),
  /** Empty means "what the location usually has" (see DEFAULT_EQUIPMENT_BY_LOCATION). */
  equipment: z.array(equipmentSchema).max(50).default([]),
  location: locationSchema.default("gym"),
  injuries: z.array(bodyAreaSchema).max(20).default([]),
  duration_weeks: z.number().int().min(4).max(16),
  preferred_weekdays: z.array(weekdaySchema).max(7).default([]),
  /** Same input and seed, same program. */
  seed: z.union([z.string().max(200), z.number().int()]).default(0),
});
export type ProgramInput = z.output<typeof programInputSchema>;
export type ProgramInputRaw = z.input<typeof programInputSchema>;

export const programExerciseSchema = z.object({
  exercise_id: z.string(),
  name: z.string(),
  primary_muscles: z.array(muscleSchema),
  secondary_muscles: z.array(muscleSchema),
  equipment: z.array(equipmentSchema),
  sets: z.number().int().min(1),
  /** For timed holds (planks, wall sits) reps are seconds; the notes say so. */
  rep_min: z.number().int().min(1),
  rep_max: z.number().int().min(1),
  target_rir: z.number().int().min(0),
  rest_seconds: z.number().int().min(0),
  progression: progressionSchema,
  notes: z.string(),
});
export type ProgramExercise = z.infer<typeof programExerciseSchema>;

export const programDaySchema = z.object({
  weekday: weekdaySchema,
  focus: dayFocusSchema,
  estimated_minutes: z.number().int().min(0),
  exercises: z.array(programExerciseSchema),
});
export type ProgramDay = z.infer<typeof programDaySchema>;

export const programWeekSchema = z.object({
  week: z.number().int().min(1),
  deload: z.boolean(),
  days: z.array(programDaySchema),
});
export type ProgramWeek = z.infer<typeof programWeekSchema>;

export const programSchema = z.object({
  name: z.string(),
  description: z.string(),
  goal: goalSchema,
  fitness_level: levelSchema,
  duration_weeks: z.number().int().min(1),
  days_per_week: z.number().int().min(1).max(7),
  weeks: z.array(programWeekSchema),
});
export type Program = z.infer<typeof programSchema>;
