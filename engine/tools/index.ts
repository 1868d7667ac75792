import { z } from "zod";
import type { ToolDefinition } from "./define-tool";
import { nutritionTools } from "./nutrition-tools";
import { profileTools } from "./profile-tools";
import { programTools } from "./program-tools";
import { progressTools } from "./progress-tools";
import { reminderTools } from "./reminder-tools";
import { workoutTools } from "./workout-tools";

// Every coach tool, by name. Personas pick their subsets from these names; chat and the
// agent API offer a persona's subset to the model, and the user's actor runs the calls.

const ALL = [
  ...profileTools,
  ...workoutTools,
  ...programTools,
  ...nutritionTools,
  ...progressTools,
  ...reminderTools,
];

export type ToolName = (typeof ALL)[number]["name"];

export const TOOL_DEFINITIONS = new Map<string, ToolDefinition>(
  ALL.map((tool) => [tool.name, tool as unknown as ToolDefinition]),
);

export function isToolName(name: string): name is ToolName {
  return TOOL_DEFINITIONS.has(name);
}

/** Tool schemas for an LLM: name, description and JSON Schema parameters. */
export function toolSchemas(names: readonly ToolName[]) {
  return names.map((name) => {
    const tool = TOOL_DEFINITIONS.get(name) as ToolDefinition;
    return {
      name,
      description: tool.description,
      parameters: z.toJSONSchema(tool.input, { io: "input" }) as Record<string, unknown>,
    };
  });
}

/** A tool's answer as the model and the agent API receive it. */
export type ToolResult =
  | { ok: true; result: Record<string, unknown> }
  | { ok: false; error: { code: string; message: string } };
