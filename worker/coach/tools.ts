import { z } from "zod";
import { goalSchema } from "../coaching/vocabulary";

// Coach tools, defined once (zod): their input schemas validate every call and become the
// JSON Schema the LLMs see. They run in the user's actor (durable-objects/tool-runner.ts).

export const TOOL_DEFINITIONS = {
  get_today_workout: {
    description: "Today's planned workout from the active program (or that it is a rest day).",
    input: z.object({}).strict(),
  },
  log_set_completion: {
    description:
      "Log one completed set of an exercise in today's workout. Send the function call id as client_id so a retried call is stored once.",
    input: z
      .object({
        exercise_id: z.string().min(1).max(200),
        reps: z.number().int().min(0).max(200),
        weight_kg: z.number().min(0).max(1000).default(0),
        rir: z.number().int().min(0).max(10).optional(),
        client_id: z.string().min(1).max(200).optional(),
      })
      .strict(),
  },
  generate_workout_program: {
    description:
      "Start generating a new training program in the background from the user's profile; returns a job to check on. Asking twice returns the same job.",
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
    parameters: z.toJSONSchema(TOOL_DEFINITIONS[name].input),
  }));
}

export type ToolResult =
  | { ok: true; result: Record<string, unknown> }
  | { ok: false; error: { code: string; message: string } };
