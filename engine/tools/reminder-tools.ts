import { z } from "zod";
import { defineTool } from "./define-tool";

// Reminders, switched on and off by the scheduler coach.

export const reminderTools = [
  defineTool({
    name: "update_reminders",
    description: "Turn workout, meal or hydration reminders on or off.",
    input: z
      .object({
        workout: z.boolean().optional(),
        meals: z.boolean().optional(),
        hydration: z.boolean().optional(),
      })
      .strict(),
  }),
];
