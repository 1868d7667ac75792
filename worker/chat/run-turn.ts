import Anthropic from "@anthropic-ai/sdk";
import { z } from "zod";
import { coachLanguageInstruction } from "../../engine/i18n/coach-language";
import { AGENT_TYPES, type AgentType } from "../../engine/personas/agent-types";
import { PERSONAS, personaInstructions } from "../../engine/personas/personas";
import { type ToolResult, toolSchemas } from "../../engine/tools/index";

// One chat turn with Claude: streaming text, tool calls run in the user's actor, hand-offs
// between coaches, at most `maxSteps` model calls and about `maxTokens` tokens. The stable part
// of the prompt (persona and tools) is marked for prompt caching; the coaching context follows it.

export type ChatEvent =
  | { type: "agent"; data: { agent_type: AgentType; reason: string } }
  | { type: "delta"; data: { text: string } }
  | { type: "tool_call"; data: { id: string; name: string; input: unknown } }
  | { type: "tool_result"; data: { id: string; name: string; result: ToolResult } }
  | { type: "error"; data: { code: string; message: string } };

export interface TurnInput {
  apiKey: string;
  baseURL?: string;
  model: string;
  timeoutMs: number;
  maxSteps: number;
  /** No further model call starts once it could take the turn's input + output past this. */
  maxTokens: number;
  agentType: AgentType;
  summary: string | null;
  context: unknown;
  history: Array<{ role: "user" | "assistant"; content: unknown }>;
  message: string;
  runTool: (agentType: AgentType, name: string, args: unknown) => Promise<ToolResult>;
  emit: (event: ChatEvent) => void;
  /** What each model call used, answered or failed, so a turn that fails still pays for it. */
  onUsage: (usage: { input_tokens: number; output_tokens: number }) => void;
}

export interface TurnResult {
  agentType: AgentType;
  text: string;
  messages: Array<{ role: "user" | "assistant"; content: unknown; agent_type: string }>;
  events: Array<{ kind: string; data: unknown }>;
  usage: { input_tokens: number; output_tokens: number; cache_read_input_tokens: number };
  stoppedAtStepLimit: boolean;
}

const HANDOFF = "handoff_to_coach";
const MAX_OUTPUT_TOKENS = 1024;

/**
 * The most a call can use: its prompt beyond the cached tools at about 4 characters a token,
 * plus a full answer. Decides whether another step fits, and charges a call that timed out.
 */
function estimateCall(system: Anthropic.TextBlockParam[], messages: Anthropic.MessageParam[]) {
  return Math.ceil(JSON.stringify({ system, messages }).length / 4) + MAX_OUTPUT_TOKENS;
}
const handoffInput = z.object({ agent_type: z.enum(AGENT_TYPES), reason: z.string().max(300) });

function tools(agentType: AgentType): Anthropic.Tool[] {
  const list: Anthropic.Tool[] = toolSchemas(PERSONAS[agentType].tools).map((tool) => ({
    name: tool.name,
    description: tool.description,
    input_schema: tool.parameters as Anthropic.Tool.InputSchema,
  }));
  list.push({
    name: HANDOFF,
    description: "Pass the conversation to the specialist coach best placed to answer.",
    input_schema: z.toJSONSchema(handoffInput) as Anthropic.Tool.InputSchema,
  });
  const last = list.at(-1);
  if (last) last.cache_control = { type: "ephemeral" };
  return list;
}

/** The context's user locale (chat passes the context through as it came from the actor). */
const localeOf = (context: unknown) =>
  String((context as { user?: { locale?: unknown } } | null)?.user?.locale ?? "en");

function system(
  agentType: AgentType,
  context: unknown,
  summary: string | null,
): Anthropic.TextBlockParam[] {
  return [
    { type: "text", text: personaInstructions(agentType), cache_control: { type: "ephemeral" } },
    {
      type: "text",
      text:
        `${coachLanguageInstruction(localeOf(context))}\n` +
        `Coaching context (JSON): ${JSON.stringify(context)}` +
        (summary ? `\nEarlier in this conversation: ${summary}` : ""),
    },
  ];
}

export class ChatTimeoutError extends Error {}

export async function runTurn(input: TurnInput): Promise<TurnResult> {
  const client = new Anthropic({
    apiKey: input.apiKey,
    baseURL: input.baseURL,
    timeout: input.timeoutMs,
    maxRetries: 1,
  });
  let agentType = input.agentType;
  const newMessages: TurnResult["messages"] = [
    { role: "user", content: input.message, agent_type: agentType },
  ];
  const events: TurnResult["events"] = [];
  const usage = { input_tokens: 0, output_tokens: 0, cache_read_input_tokens: 0 };
  let text = "";
  const emit = (event: ChatEvent) => {
    input.emit(event);
    if (event.type !== "delta") events.push({ kind: event.type, data: event.data });
  };

  let note = "\n(I stopped here: that was as many steps as I take for one message.)";
  for (let step = 0; step < input.maxSteps; step++) {
    const messages = [...input.history, ...newMessages].map(({ role, content }) => ({
      role,
      content,
    })) as Anthropic.MessageParam[];
    const prompt = system(agentType, input.context, input.summary);
    const estimate = estimateCall(prompt, messages);
    if (step > 0 && usage.input_tokens + usage.output_tokens + estimate > input.maxTokens) {
      note = "\n(I stopped here: that was as much as I work on one message.)";
      break;
    }
    let final: Anthropic.Message;
    let answered: Anthropic.Usage | null = null;
    try {
      const stream = client.messages.stream({
        model: input.model,
        max_tokens: MAX_OUTPUT_TOKENS,
        system: prompt,
        tools: tools(agentType),
        messages,
      });
      stream.on("streamEvent", (_event, snapshot) => {
        answered = snapshot.usage;
      });
      stream.on("text", (delta) => {
        text += delta;
        input.emit({ type: "delta", data: { text: delta } });
      });
      final = await stream.finalMessage();
    } catch (error) {
      const timedOut = error instanceof Anthropic.APIConnectionTimeoutError;
      // Answered half-way: what the model reported so far. Timed out unanswered: it may have
      // run, so the estimate. An error answer (4xx, 5xx) means the model never ran.
      const partial = answered as Anthropic.Usage | null;
      if (partial)
        input.onUsage({ input_tokens: partial.input_tokens, output_tokens: partial.output_tokens });
      else if (timedOut)
        input.onUsage({
          input_tokens: estimate - MAX_OUTPUT_TOKENS,
          output_tokens: MAX_OUTPUT_TOKENS,
        });
      if (timedOut) throw new ChatTimeoutError("Claude did not answer in time");
      throw error;
    }
    input.onUsage({
      input_tokens: final.usage.input_tokens,
      output_tokens: final.usage.output_tokens,
    });
    usage.input_tokens += final.usage.input_tokens;
    usage.output_tokens += final.usage.output_tokens;
    usage.cache_read_input_tokens += final.usage.cache_read_input_tokens ?? 0;
    newMessages.push({ role: "assistant", content: final.content, agent_type: agentType });
    const calls = final.content.filter(
      (block): block is Anthropic.ToolUseBlock => block.type === "tool_use",
    );
    if (final.stop_reason !== "tool_use" || calls.length === 0)
      return { agentType, text, messages: newMessages, events, usage, stoppedAtStepLimit: false };

    const results: Anthropic.ToolResultBlockParam[] = [];
    for (const call of calls) {
      emit({ type: "tool_call", data: { id: call.id, name: call.name, input: call.input } });
      let result: ToolResult;
      if (call.name === HANDOFF) {
        const handoff = handoffInput.safeParse(call.input);
        if (handoff.success) {
          agentType = handoff.data.agent_type;
          emit({ type: "agent", data: { agent_type: agentType, reason: handoff.data.reason } });
          result = { ok: true, result: { handed_off_to: agentType } };
        } else {
          result = {
            ok: false,
            error: {
              code: "invalid_arguments",
              message: "agent_type must be one of the six coaches",
            },
          };
        }
      } else {
        result = await input.runTool(agentType, call.name, call.input);
      }
      emit({ type: "tool_result", data: { id: call.id, name: call.name, result } });
      results.push({
        type: "tool_result",
        tool_use_id: call.id,
        content: JSON.stringify(result.ok ? result.result : result.error),
        ...(result.ok ? {} : { is_error: true }),
      });
    }
    newMessages.push({ role: "user", content: results, agent_type: agentType });
  }
  text += note;
  input.emit({ type: "delta", data: { text: note } });
  newMessages.push({
    role: "assistant",
    content: [{ type: "text", text: note.trim() }],
    agent_type: agentType,
  });
  return { agentType, text, messages: newMessages, events, usage, stoppedAtStepLimit: true };
}
