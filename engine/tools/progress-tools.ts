import { z } from "zod";
import { defineTool } from "./define-tool";

// Progress in brief, for a coach to talk about.

export const progressTools = [
  defineTool({
    name: "get_progress",
    description: "Adherence (last 7 and 28 days), streaks and recent personal records.",
    input: z.object({}).strict(),
  }),
];
