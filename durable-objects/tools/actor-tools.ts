import type { AgentType } from "../../engine/personas/agent-types";
import { PERSONAS } from "../../engine/personas/personas";
import { isToolName, type ToolResult } from "../../engine/tools/index";
import type { Logger } from "../../kernel/logger";
import { fail, ok, type Result } from "../../kernel/result";
import { runTool } from "./run-tool";
import type { ToolContext } from "./tool-context";

export interface ToolCall {
  agentType: AgentType;
  /** The voice room or chat conversation the call comes from. */
  channel: string;
  name: string;
  args: unknown;
}

interface Deps {
  /** Everything a tool may use of this actor, for one call channel. */
  context: (channel: string) => ToolContext;
  /** A tool ran without error on this channel. */
  used: (channel: string, name: string) => void;
  log: () => Logger;
}

/** Runs coach tools in the user's actor, within the calling coach's tool subset. */
export class ActorTools {
  constructor(private readonly deps: Deps) {}

  async run(call: ToolCall): Promise<Result<ToolResult>> {
    if (!isToolName(call.name)) return fail("tool_not_found", `There is no tool ${call.name}.`);
    if (!PERSONAS[call.agentType].tools.includes(call.name))
      return fail("tool_not_allowed", `The ${call.agentType} coach cannot use ${call.name}.`);
    const result = await runTool(call.name, call.args, this.deps.context(call.channel));
    if (result.ok) this.deps.used(call.channel, call.name);
    this.deps
      .log()
      .info("coach_tool_call", { tool: call.name, channel: call.channel, ok: result.ok });
    return ok(result);
  }
}
