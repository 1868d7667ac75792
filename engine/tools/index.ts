import { z } from "zod";
import { fail, type Result } from "../../kernel/result";
import type { Tool, ToolContext } from "./define-tool";
import { nutritionTools } from "./nutrition-tools";
import { profileTools } from "./profile-tools";
import { programTools } from "./program-tools";
import { progressTools } from "./progress-tools";
import { reminderTools } from "./reminder-tools";
import { workoutTools } from "./workout-tools";

// Every coach tool, by name. Personas pick their subsets from these names; chat and the
// agent API offer a persona's subset to the model and run calls through runTool.

const ALL = [
  ...profileTools,
  ...workoutTools,
  ...programTools,
  ...nutritionTools,
  ...progressTools,
  ...reminderTools,
];

export type ToolName = (typeof ALL)[number]["name"];

const TOOLS = new Map<string, Tool>(ALL.map((tool) => [tool.name, tool as unknown as Tool]));

export function isToolName(name: string): name is ToolName {
  return TOOLS.has(name);
}

/** Tool schemas for an LLM: name, description and JSON Schema parameters. */
export function toolSchemas(names: readonly ToolName[]) {
  return names.map((name) => {
    const tool = TOOLS.get(name) as Tool;
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

/** Validates the arguments, runs the tool, and turns a domain error into a tool error. */
export async function runTool(
  name: ToolName,
  rawArgs: unknown,
  context: ToolContext,
): Promise<ToolResult> {
  const tool = TOOLS.get(name) as Tool;
  const args = tool.input.safeParse(rawArgs ?? {});
  const output: Result<Record<string, unknown>> = args.success
    ? await tool.run(args.data, context)
    : fail(
        "invalid_arguments",
        args.error.issues
          .map((issue) => `${issue.path.join(".") || "arguments"}: ${issue.message}`)
          .join("; "),
      );
  return output.ok
    ? { ok: true, result: output.value }
    : { ok: false, error: { code: output.error.code, message: output.error.message } };
}
