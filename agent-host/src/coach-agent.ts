import { llm, voice } from "@livekit/agents";
import { z } from "zod";
import { coachLanguageInstruction } from "../../engine/i18n/coach-language.ts";
import { AGENT_TYPES } from "../../engine/personas/agent-types.ts";
import type { AgentContext, CoachBackend, ToolSchema } from "./backend.ts";

// A voice coach for one call: the persona and coaching context from the backend become the
// instructions, and every tool the backend allows this coach becomes a function tool that
// runs in the user's actor. A tool failure the model should hear is a ToolError; a backend
// that cannot be reached is apologised for, never a crash of the job. Any coach can hand the
// call to another with the framework's agent hand-off; the backend is told first, so it
// serves and enforces the new coach's tools from then on.

/** Tools that store something: the call id makes a retried call store it once. */
const IDEMPOTENT_BY_CALL_ID = new Set(["log_set_completion", "log_meal"]);

/** The JSON Schema form of a tool's parameters, as the framework takes it. */
type JsonSchema = Exclude<
  llm.FunctionTool["parameters"],
  { _output: unknown } | { "~standard": unknown }
>;

/** The backend sends each tool's input as an object's JSON Schema (its zod input, converted). */
function isObjectSchema(
  parameters: ToolSchema["parameters"],
): parameters is ToolSchema["parameters"] & JsonSchema {
  return parameters.type === "object";
}

function parametersOf(schema: ToolSchema): JsonSchema {
  if (!isObjectSchema(schema.parameters))
    throw new Error(`the backend's ${schema.name} tool takes no object`);
  return schema.parameters;
}

const UNREACHABLE =
  "I could not reach your coaching data just now. Apologise and offer to try again.";

/** What the call around the coach wants to know of its tool calls. */
export interface ToolObserver {
  /** One backend round trip of a tool, in the reply (speech) that called it. */
  onToolCall?(call: { speechId: string; name: string; ms: number; ok: boolean }): void;
  /** A tool's successful result (e.g. a program job started in this call). */
  onToolResult?(name: string, result: Record<string, unknown>): void;
  /** A hand-off: the coach that spoke and the one speaking now. */
  onHandOff?(handOff: { from: string; to: CoachAgent; reason: string }): void;
}

/**
 * A coach of one type; the type is what hand-offs and logs name. A coach that takes over a
 * call answers the user's last words as soon as it enters (the one it replaces says nothing
 * more: one model call between the question and the new coach's answer).
 */
export class CoachAgent extends voice.Agent {
  readonly agentType: string;
  private readonly takesOver: boolean;

  constructor(
    agentType: string,
    options: ConstructorParameters<typeof voice.Agent>[0],
    takesOver = false,
  ) {
    super(options);
    this.agentType = agentType;
    this.takesOver = takesOver;
  }

  override async onEnter(): Promise<void> {
    if (this.takesOver) this.session.generateReply();
  }
}

export function coachInstructions(agent: AgentContext): string {
  const summary = agent.context.profile_summary ?? "The user has not finished onboarding.";
  return [
    agent.persona.instructions,
    "You are speaking by voice: answer in one to three short sentences, no lists or markdown.",
    // A backend older than the agent host (they deploy apart) sends no locale: English.
    coachLanguageInstruction(agent.context.user?.locale ?? "en"),
    `About the user: ${summary}`,
    `Coaching context (JSON): ${JSON.stringify(agent.context)}`,
    // Text chat and voice are one memory per coach: the user may refer to what they wrote.
    ...(agent.chat_memory
      ? [`The user's latest text chat with you (JSON): ${JSON.stringify(agent.chat_memory)}`]
      : []),
  ].join("\n");
}

/**
 * One backend round trip of a tool, reported to the observer (for the turn's metrics) and
 * turned into a ToolError the coach apologises for when the backend cannot be reached.
 */
async function timedBackendCall<T>(
  observer: ToolObserver,
  ctx: voice.RunContext,
  name: string,
  call: () => Promise<T>,
  succeeded: (result: T) => boolean = () => true,
): Promise<T> {
  const started = performance.now();
  let result: T | undefined;
  try {
    result = await call();
    return result;
  } catch {
    throw new llm.ToolError(UNREACHABLE);
  } finally {
    observer.onToolCall?.({
      speechId: ctx.speechHandle.id,
      name,
      ms: Math.round(performance.now() - started),
      ok: result !== undefined && succeeded(result),
    });
  }
}

export function coachTools(
  backend: Pick<CoachBackend, "callTool">,
  schemas: ToolSchema[],
  observer: ToolObserver = {},
) {
  return Object.fromEntries(
    schemas.map((schema) => [
      schema.name,
      llm.tool({
        description: schema.description,
        parameters: parametersOf(schema),
        execute: async (
          args: Record<string, unknown>,
          { toolCallId, ctx }: { toolCallId: string; ctx: voice.RunContext },
        ) => {
          const input = IDEMPOTENT_BY_CALL_ID.has(schema.name)
            ? { client_id: toolCallId, ...args }
            : args;
          const outcome = await timedBackendCall(
            observer,
            ctx,
            schema.name,
            () => backend.callTool(schema.name, input),
            (result) => result.ok,
          );
          if (!outcome.ok) throw new llm.ToolError(outcome.error.message);
          observer.onToolResult?.(schema.name, outcome.result);
          return outcome.result;
        },
      }),
    ]),
  );
}

function handOffTool(backend: CoachBackend, from: string, observer: ToolObserver) {
  const others = AGENT_TYPES.filter((type) => type !== from);
  return llm.tool({
    description:
      "Hand the call to the specialist coach best placed to help (workout: training and programs; diet: food and macros; supplement: supplements; tracker: logging and progress; scheduler: moving sessions and reminders; general: anything else). The new coach speaks next.",
    parameters: z.object({
      agent_type: z.enum(others),
      reason: z.string().describe("What the user needs, in a few words."),
    }),
    execute: async ({ agent_type, reason }, { ctx }) => {
      const next = await timedBackendCall(observer, ctx, "handoff_to_coach", () =>
        backend.handOff(agent_type, reason),
      );
      // The new coach keeps the conversation, not the old coach's instructions or tool calls.
      const chatCtx = ctx.session.history.copy({
        excludeInstructions: true,
        excludeFunctionCall: true,
      });
      const coach = buildCoach(backend, next, next.tools, observer, chatCtx);
      observer.onHandOff?.({ from, to: coach, reason });
      return llm.handoff({ agent: coach });
    },
  });
}

export function buildCoach(
  backend: CoachBackend,
  briefing: AgentContext,
  schemas: ToolSchema[],
  observer: ToolObserver = {},
  chatCtx?: llm.ChatContext,
): CoachAgent {
  const type = briefing.persona.agent_type;
  return new CoachAgent(
    type,
    {
      instructions: coachInstructions(briefing),
      chatCtx,
      tools: {
        ...coachTools(backend, schemas, observer),
        handoff_to_coach: handOffTool(backend, type, observer),
      },
    },
    chatCtx !== undefined,
  );
}

export async function createCoachAgent(
  backend: CoachBackend,
  observer: ToolObserver = {},
): Promise<CoachAgent> {
  const [briefing, schemas] = await Promise.all([backend.context(), backend.tools()]);
  return buildCoach(backend, briefing, schemas, observer);
}
