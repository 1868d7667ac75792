import { z } from "zod";
import { defineTool } from "./define-tool";

// The user's profile, read and (energy) updated by the coaches.

export const profileTools = [
  defineTool({
    name: "get_profile_summary",
    description:
      "The user's profile in brief: goals, level, schedule, limitations, nutrition targets.",
    input: z.object({}).strict(),
  }),
  defineTool({
    name: "update_energy_level",
    description: "Record how energetic the user feels today, 1 (exhausted) to 5 (great).",
    input: z.object({ energy_level: z.number().int().min(1).max(5) }).strict(),
  }),
];
