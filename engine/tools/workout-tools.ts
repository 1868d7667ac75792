import { z } from "zod";
import { CALL_ID_DESCRIPTION, defineTool } from "./define-tool";

// Today's workout: what is planned, what comes next, how an exercise is done, and logging it.
// Logging goes through the tracking service, with the REST API's rules.

export const workoutTools = [
  defineTool({
    name: "get_today_workout",
    description: "Today's planned workout from the active program (or that it is a rest day).",
    input: z.object({}).strict(),
  }),
  defineTool({
    name: "get_next_exercise",
    description: "The next exercise of today's workout with sets left, from what is logged so far.",
    input: z.object({}).strict(),
  }),
  defineTool({
    name: "show_exercise_demo",
    description: "How to do an exercise: cues, muscles, equipment and an image link.",
    input: z.object({ exercise_id: z.string().min(1).max(200) }).strict(),
  }),
  defineTool({
    name: "log_set_completion",
    description: "Log one completed set of an exercise in today's workout.",
    input: z
      .object({
        exercise_id: z.string().min(1).max(200),
        reps: z.number().int().min(0).max(200),
        weight_kg: z.number().min(0).max(1000).default(0),
        rir: z.number().int().min(0).max(10).optional(),
        client_id: z.string().min(1).max(200).optional().describe(CALL_ID_DESCRIPTION),
      })
      .strict(),
  }),
  defineTool({
    name: "log_workout_completion",
    description: "Mark today's workout finished, with how hard it felt (1-10) and notes.",
    input: z
      .object({
        perceived_effort: z.number().int().min(1).max(10).optional(),
        notes: z.string().max(1000).optional(),
      })
      .strict(),
  }),
];
