import type { ToolDefinition } from "../../engine/tools/define-tool";
import { TOOL_DEFINITIONS, type ToolName, type ToolResult } from "../../engine/tools/index";
import { fail, type Result } from "../../kernel/result";
import { nutritionRuns } from "./nutrition-runs";
import { profileRuns } from "./profile-runs";
import { programRuns } from "./program-runs";
import { progressRuns } from "./progress-runs";
import { reminderRuns } from "./reminder-runs";
import type { ToolContext, ToolOutput } from "./tool-context";
import { workoutRuns } from "./workout-runs";

type Run = (args: unknown, context: ToolContext) => Promise<ToolOutput>;

const RUNS: Record<ToolName, Run> = {
  ...profileRuns,
  ...workoutRuns,
  ...programRuns,
  ...nutritionRuns,
  ...progressRuns,
  ...reminderRuns,
} as Record<ToolName, Run>;

/** Validates the arguments, runs the tool, and turns a domain error into a tool error. */
export async function runTool(
  name: ToolName,
  rawArgs: unknown,
  context: ToolContext,
): Promise<ToolResult> {
  const tool = TOOL_DEFINITIONS.get(name) as ToolDefinition;
  const args = tool.input.safeParse(rawArgs ?? {});
  const output: Result<Record<string, unknown>> = args.success
    ? await RUNS[name](args.data, context)
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
