import { z } from "@hono/zod-openapi";
import { AGENT_TYPES } from "../../engine/personas/agent-types";

export const ChatBody = z
  .object({
    message: z.string().trim().min(1).max(4000),
    agent_type: z.enum(AGENT_TYPES).optional(),
    conversation_id: z.string().max(100).optional(),
  })
  .strict()
  .openapi("ChatRequest");

const usage = z.object({
  input_tokens: z.number(),
  output_tokens: z.number(),
  cache_read_input_tokens: z.number(),
});

export const ChatAnswer = z
  .object({
    conversation_id: z.string(),
    agent_type: z.enum(AGENT_TYPES),
    text: z.string(),
    events: z.array(z.object({ kind: z.string(), data: z.unknown() })),
    usage,
  })
  .openapi("ChatAnswer");

// The Server-Sent Events of a streamed answer: `event: <type>` and `data: <JSON>` per message.
const sse = <T extends string, D extends z.ZodType>(event: T, data: D, description: string) =>
  z
    .object({ event: z.literal(event), data })
    .openapi(`ChatEvent${event.replace(/(^|_)(\w)/g, (_, __, c: string) => c.toUpperCase())}`, {
      description,
    });

export const ChatStreamEvent = z
  .union([
    sse(
      "agent",
      z.object({ agent_type: z.enum(AGENT_TYPES), reason: z.string() }),
      "Which coach answers (first, and again on a hand-off).",
    ),
    sse("delta", z.object({ text: z.string() }), "The next piece of the answer's text."),
    sse(
      "tool_call",
      z.object({ id: z.string(), name: z.string(), input: z.unknown() }),
      "The coach calls a tool.",
    ),
    sse(
      "tool_result",
      z.object({
        id: z.string(),
        name: z.string(),
        result: z.union([
          z.object({ ok: z.literal(true), result: z.record(z.string(), z.unknown()) }),
          z.object({
            ok: z.literal(false),
            error: z.object({ code: z.string(), message: z.string() }),
          }),
        ]),
      }),
      "A tool's result (or tool error).",
    ),
    sse(
      "error",
      z.object({ code: z.enum(["llm_timeout", "llm_error"]), message: z.string() }),
      "The answer failed midway; `done` follows.",
    ),
    sse(
      "done",
      z.object({
        conversation_id: z.string(),
        agent_type: z.enum(AGENT_TYPES),
        usage: usage.nullable(),
      }),
      "The last event: the conversation to continue and the tokens used.",
    ),
  ])
  .openapi("ChatStreamEvent", {
    description:
      "One Server-Sent Event of POST /v1/chat: the SSE `event` field is `event` here, the SSE " +
      "`data` field is `data` as JSON.",
  });

export const ConversationSummary = z
  .object({
    id: z.string(),
    agent_type: z.string(),
    summary: z.string().nullable(),
    created_at: z.string(),
    updated_at: z.string(),
    messages: z.number().int(),
  })
  .openapi("ConversationSummary");

export const ConversationDetail = z
  .object({
    id: z.string(),
    agent_type: z.string(),
    summary: z.string().nullable().openapi({ description: "older turns, folded" }),
    created_at: z.string(),
    updated_at: z.string(),
    messages: z.array(
      z.object({
        role: z.enum(["user", "assistant"]),
        content: z.unknown().openapi({ description: "text, or Anthropic content blocks" }),
        agent_type: z.string(),
      }),
    ),
    events: z
      .array(z.object({ kind: z.string(), data: z.unknown(), created_at: z.string() }))
      .openapi({ description: "A page of the conversation's events, oldest first (`limit`)." }),
    events_next_cursor: z.string().nullable().openapi({
      description: "Pass as `cursor` for the next page of events; null when there is none.",
    }),
  })
  .openapi("ConversationDetail");
