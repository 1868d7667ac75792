import { z } from "zod";
import { weekdaySchema } from "../../kernel/dates";
import { goalSchema } from "../coaching/vocabulary";
import { defineTool } from "./define-tool";

// Programs: start a new one in the background, follow its job, move this week's session.

export const programTools = [
  defineTool({
    name: "generate_workout_program",
    description:
      "Start generating a new training program in the background; returns a job to check on. Asking twice returns the same job.",
    input: z
      .object({
        goal: goalSchema.optional(),
        days_per_week: z.number().int().min(2).max(6).optional(),
        duration_weeks: z.number().int().min(4).max(16).optional(),
      })
      .strict(),
  }),
  defineTool({
    name: "check_program_status",
    description: "Progress of a program generation job (the latest one when no job_id is given).",
    input: z.object({ job_id: z.string().max(100).optional() }).strict(),
  }),
  defineTool({
    name: "reschedule_workout",
    description: "Move this week's session from one weekday to another free day of this week.",
    input: z.object({ from_weekday: weekdaySchema, to_weekday: weekdaySchema }).strict(),
  }),
];
