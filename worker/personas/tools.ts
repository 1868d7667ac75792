import { z } from "zod";
import { goalSchema, weekdaySchema } from "../coaching/vocabulary";

// Coach tools, defined once (zod): their input schemas validate every call and become the
// JSON Schema the LLMs see. Text chat and the voice agent use the same definitions; they run
// in the user's actor (durable-objects/tool-runner.ts) with the REST API's rules.

const clientId = z
  .string()
  .min(1)
  .max(200)
  .optional()
  .describe("The function call id, so a retried call is stored once.");

export const TOOL_DEFINITIONS = {
  get_profile_summary: {
    description:
      "The user's profile in brief: goals, level, schedule, limitations, nutrition targets.",
    input: z.object({}).strict(),
  },
  get_today_workout: {
    description: "Today's planned workout from the active program (or that it is a rest day).",
    input: z.object({}).strict(),
  },
  get_next_exercise: {
    description: "The next exercise of today's workout with sets left, from what is logged so far.",
    input: z.object({}).strict(),
  },
  show_exercise_demo: {
    description: "How to do an exercise: cues, muscles, equipment and an image link.",
    input: z.object({ exercise_id: z.string().min(1).max(200) }).strict(),
  },
  log_set_completion: {
    description: "Log one completed set of an exercise in today's workout.",
    input: z
      .object({
        exercise_id: z.string().min(1).max(200),
        reps: z.number().int().min(0).max(200),
        weight_kg: z.number().min(0).max(1000).default(0),
        rir: z.number().int().min(0).max(10).optional(),
        client_id: clientId,
      })
      .strict(),
  },
  log_workout_completion: {
    description: "Mark today's workout finished, with how hard it felt (1-10) and notes.",
    input: z
      .object({
        perceived_effort: z.number().int().min(1).max(10).optional(),
        notes: z.string().max(1000).optional(),
      })
      .strict(),
  },
  generate_workout_program: {
    description:
      "Start generating a new training program in the background; returns a job to check on. Asking twice returns the same job.",
    input: z
      .object({
        goal: goalSchema.optional(),
        days_per_week: z.number().int().min(2).max(6).optional(),
        duration_weeks: z.number().int().min(4).max(16).optional(),
      })
      .strict(),
  },
  check_program_status: {
    description: "Progress of a program generation job (the latest one when no job_id is given).",
    input: z.object({ job_id: z.string().max(100).optional() }).strict(),
  },
  get_nutrition_targets: {
    description: "Daily calorie and macro targets, with what is logged today and what remains.",
    input: z.object({}).strict(),
  },
  get_meal_plan: {
    description: "A day's meal plan that fits the targets, diet, allergies and dislikes.",
    input: z.object({ variant: z.number().int().min(0).max(1000).default(0) }).strict(),
  },
  get_current_meal: {
    description: "The meal of the plan due around now in the user's timezone.",
    input: z.object({}).strict(),
  },
  log_meal: {
    description: "Log a meal with its calories and macros.",
    input: z
      .object({
        meal: z.string().min(1).max(40),
        calories: z.number().min(0).max(10000),
        protein_g: z.number().min(0).max(1000).default(0),
        fat_g: z.number().min(0).max(1000).default(0),
        carbs_g: z.number().min(0).max(2000).default(0),
        client_id: clientId,
      })
      .strict(),
  },
  get_progress: {
    description: "Adherence (last 7 and 28 days), streaks and recent personal records.",
    input: z.object({}).strict(),
  },
  update_energy_level: {
    description: "Record how energetic the user feels today, 1 (exhausted) to 5 (great).",
    input: z.object({ energy_level: z.number().int().min(1).max(5) }).strict(),
  },
  reschedule_workout: {
    description: "Move this week's session from one weekday to another free day of this week.",
    input: z.object({ from_weekday: weekdaySchema, to_weekday: weekdaySchema }).strict(),
  },
  update_reminders: {
    description: "Turn workout, meal or hydration reminders on or off.",
    input: z
      .object({
        workout: z.boolean().optional(),
        meals: z.boolean().optional(),
        hydration: z.boolean().optional(),
      })
      .strict(),
  },
} as const;

export type ToolName = keyof typeof TOOL_DEFINITIONS;

export function isToolName(name: string): name is ToolName {
  return Object.hasOwn(TOOL_DEFINITIONS, name);
}

/** Tool schemas for an LLM: name, description and JSON Schema parameters. */
export function toolSchemas(names: readonly string[]) {
  return names.filter(isToolName).map((name) => ({
    name,
    description: TOOL_DEFINITIONS[name].description,
    parameters: z.toJSONSchema(TOOL_DEFINITIONS[name].input, { io: "input" }) as Record<
      string,
      unknown
    >,
  }));
}

export type ToolResult =
  | { ok: true; result: Record<string, unknown> }
  | { ok: false; error: { code: string; message: string } };
