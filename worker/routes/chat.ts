import { z } from "@hono/zod-openapi";
import { streamSSE } from "hono/streaming";
import type { AgentType } from "../../engine/personas/agent-types";
import { errorFields } from "../../kernel/logger";
import { userActor } from "../actor";
import { routeMessage } from "../chat/router";
import { type ChatEvent, ChatTimeoutError, runTurn } from "../chat/run-turn";
import { ApiError, notFound, unwrap } from "../errors";
import { requireUser } from "../middleware/auth";
import { streamed } from "../responses";
import {
  ChatAnswer,
  ChatBody,
  ChatStreamEvent,
  ConversationDetail,
  ConversationSummary,
} from "./chat.schemas";
import { bearerSecurity, jsonBody, jsonResponse, pageOf, pageQuery } from "./common.schemas";
import { defineRoute } from "./define-route";
import { parseCursor } from "./pagination";
import { routeGroup } from "./route-group";

const CONVERSATION = {
  id: "conv_6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d",
  agent_type: "workout",
  summary: null,
  created_at: "2026-11-23T18:00:00.000Z",
  updated_at: "2026-11-23T18:01:00.000Z",
};

const secured = {
  tags: ["chat"] as ["chat"],
  security: bearerSecurity,
  middleware: [requireUser()],
};

const routes = {
  chat: defineRoute({
    method: "post",
    path: "/",
    operationId: "sendChatMessage",
    summary: "Talk to a coach (Server-Sent Events; Accept: application/json for one JSON answer)",
    description:
      "Streams ChatStreamEvent messages: `agent` (which coach answers, again on a hand-off), " +
      "`delta` (text), `tool_call`, `tool_result`, `error`, `done` (conversation_id and usage). " +
      "Without agent_type the message is routed to a coach. 429 `chat_budget_exceeded` past " +
      "the daily token budget; 503 `llm_unavailable` when chat is not available; 403 " +
      "`email_not_verified` before the account's address is verified (model calls are paid).",
    ...secured,
    request: {
      body: jsonBody(ChatBody, {
        message: "I just did 5 squats at 100 kg, log it",
        agent_type: "workout",
      }),
    },
    responses: {
      200: {
        description: "The answer, streamed (text/event-stream) or whole (application/json).",
        content: {
          "text/event-stream": {
            schema: ChatStreamEvent,
            example: { event: "delta", data: { text: "Logged: 5 reps at 100 kg." } },
          },
          "application/json": {
            schema: ChatAnswer,
            example: {
              conversation_id: CONVERSATION.id,
              agent_type: "workout",
              text: "Logged: 5 reps at 100 kg. Nice work.",
              events: [{ kind: "agent", data: { agent_type: "workout", reason: "requested" } }],
              usage: { input_tokens: 1830, output_tokens: 42, cache_read_input_tokens: 1600 },
            },
          },
        },
      },
    },
    errors: {
      403: ["email_not_verified"],
      404: ["conversation_not_found"],
      429: ["chat_budget_exceeded"],
      502: ["llm_error"],
      503: ["llm_unavailable"],
      504: ["llm_timeout"],
    },
  }),
  list: defineRoute({
    method: "get",
    path: "/conversations",
    operationId: "listConversations",
    summary: "Your conversations, most recent first",
    description: "Each with its coach, running summary and message count.",
    ...secured,
    request: { query: z.object(pageQuery).strict() },
    responses: {
      200: jsonResponse(
        pageOf(ConversationSummary, "ConversationList"),
        "A page of conversations.",
        {
          items: [{ ...CONVERSATION, messages: 2 }],
          next_cursor: null,
        },
      ),
    },
  }),
  get: defineRoute({
    method: "get",
    path: "/conversations/{id}",
    operationId: "getConversation",
    summary: "One conversation: messages (with tool calls), hand-offs and its summary",
    description:
      "Messages in order, in the format the coach sees them (tool calls included): the last " +
      "CHAT_HISTORY_MESSAGES or so, older ones are in `summary`. Events (hand-offs, tool calls) " +
      "come a page at a time: `limit` and `cursor` as in every list, `events_next_cursor`.",
    ...secured,
    request: {
      query: z.object(pageQuery).strict(),
      params: z.object({
        id: z
          .string()
          .max(100)
          .openapi({ param: { name: "id", in: "path" } }),
      }),
    },
    responses: {
      200: jsonResponse(ConversationDetail, "The conversation.", {
        ...CONVERSATION,
        messages: [
          { role: "user", content: "I just did 5 squats at 100 kg, log it", agent_type: "workout" },
          {
            role: "assistant",
            content: [{ type: "text", text: "Logged." }],
            agent_type: "workout",
          },
        ],
        events: [
          {
            kind: "agent",
            data: { agent_type: "workout", reason: "requested" },
            created_at: CONVERSATION.created_at,
          },
        ],
        events_next_cursor: null,
      }),
    },
    errors: { 404: ["conversation_not_found"] },
  }),
};

export const chatRoutes = routeGroup()
  .openapi(routes.chat, async (c) => {
    const config = c.get("config");
    if (!config.ANTHROPIC_API_KEY) {
      // The operator reads the log; the app gets a short text it can show and a stable code.
      c.get("log").warn("chat_unavailable", {
        reason: "llm_unconfigured",
        hint: "Set ANTHROPIC_API_KEY (in .dev.vars locally, `wrangler secret put` in production) to enable chat.",
      });
      throw new ApiError(
        "llm_unavailable",
        "Coach chat is not available right now. Please try again later.",
        undefined,
        { "Retry-After": "3600" },
      );
    }
    const body = c.req.valid("json");
    const actor = userActor(c);
    const reserved = await actor.chat.reserve(body.conversation_id ?? null);
    if (!reserved.ok && reserved.error.code === "chat_budget_exceeded") {
      const { retry_after_seconds } = reserved.error.details as { retry_after_seconds: number };
      throw new ApiError(
        "chat_budget_exceeded",
        "Your chat allowance for the last 24 hours is used up. Try again later.",
        undefined,
        { "Retry-After": String(retry_after_seconds) },
      );
    }
    const state = unwrap(reserved);
    // Everything the model calls of this turn used, failed ones included: the hold settles to it.
    const spent = { input_tokens: 0, output_tokens: 0 };
    const settle = () => actor.chat.settle(state.reservation.id, spent);

    const llm = { apiKey: config.ANTHROPIC_API_KEY, baseURL: config.ANTHROPIC_BASE_URL };
    let agentType: AgentType;
    let reason: string;
    let start: Awaited<ReturnType<typeof actor.chat.start>>;
    try {
      if (body.agent_type) [agentType, reason] = [body.agent_type, "requested"];
      else if (state.conversation)
        [agentType, reason] = [state.conversation.agent_type as AgentType, "conversation"];
      else {
        const decision = await routeMessage(body.message, {
          ...llm,
          model: config.ANTHROPIC_ROUTER_MODEL,
          timeoutMs: 5_000,
        });
        spent.input_tokens += decision.usage?.input_tokens ?? 0;
        spent.output_tokens += decision.usage?.output_tokens ?? 0;
        [agentType, reason] = [
          decision.agent_type,
          `${decision.by}${decision.reason ? `:${decision.reason}` : ""}`,
        ];
      }
      start = await actor.chat.start(state.conversation?.id ?? null, agentType);
    } catch (error) {
      await settle();
      throw error;
    }
    const routingUsage = { ...spent };
    const log = c.get("log").with({ conversation_id: start.conversation.id });

    const turn = async (emit: (event: ChatEvent) => void) => {
      emit({ type: "agent", data: { agent_type: agentType, reason } });
      const result = await runTurn({
        ...llm,
        model: config.ANTHROPIC_MODEL,
        timeoutMs: config.CHAT_TIMEOUT_MS,
        maxSteps: config.CHAT_MAX_TOOL_STEPS,
        maxTokens:
          state.reservation.maxTokens - routingUsage.input_tokens - routingUsage.output_tokens,
        onUsage: (usage) => {
          spent.input_tokens += usage.input_tokens;
          spent.output_tokens += usage.output_tokens;
        },
        agentType,
        summary: start.conversation.summary,
        context: start.context,
        history: start.history,
        message: body.message,
        runTool: async (type, name, args) => {
          const outcome = await actor.chat.runTool(start.conversation.id, type, name, args);
          // An unknown or forbidden tool is a tool error the model hears, as any other.
          return outcome.ok ? outcome.value : { ok: false, error: outcome.error };
        },
        emit,
      });
      const usage = {
        input_tokens: result.usage.input_tokens + routingUsage.input_tokens,
        output_tokens: result.usage.output_tokens + routingUsage.output_tokens,
      };
      await actor.chat.finish(
        start.conversation.id,
        {
          messages: result.messages,
          events: [{ kind: "agent", data: { agent_type: agentType, reason } }, ...result.events],
          agentType: result.agentType,
          usage,
        },
        state.reservation.id,
      );
      log.info("chat_turn", {
        agent_type: result.agentType,
        ...usage,
        steps_limited: result.stoppedAtStepLimit,
      });
      return { result, usage };
    };

    if (c.req.header("accept")?.includes("application/json")) {
      const events: Array<{ kind: string; data: unknown }> = [];
      try {
        const { result } = await turn((event) => {
          if (event.type !== "delta") events.push({ kind: event.type, data: event.data });
        });
        return c.json(
          {
            conversation_id: start.conversation.id,
            agent_type: result.agentType,
            text: result.text,
            events,
            usage: result.usage,
          },
          200,
        );
      } catch (error) {
        log.error("chat_failed", { ...errorFields(error), ...spent });
        await settle();
        if (error instanceof ChatTimeoutError)
          throw new ApiError(
            "llm_timeout",
            "The coach took too long to answer. Please try again.",
            undefined,
            undefined,
            { cause: error },
          );
        throw new ApiError(
          "llm_error",
          "The coach could not answer right now. Please try again.",
          undefined,
          undefined,
          { cause: error },
        );
      }
    }
    return streamed(
      streamSSE(c, async (stream) => {
        const send = (type: string, data: unknown) =>
          stream.writeSSE({ event: type, data: JSON.stringify(data) });
        try {
          const { result } = await turn((event) => {
            void send(event.type, event.data);
          });
          await send("done", {
            conversation_id: start.conversation.id,
            agent_type: result.agentType,
            usage: result.usage,
          });
        } catch (error) {
          log.error("chat_failed", { ...errorFields(error), ...spent });
          await settle();
          const timeout = error instanceof ChatTimeoutError;
          await send("error", {
            code: timeout ? "llm_timeout" : "llm_error",
            message: timeout
              ? "The coach took too long to answer."
              : "The coach could not answer right now.",
          });
          await send("done", {
            conversation_id: start.conversation.id,
            agent_type: agentType,
            usage: null,
          });
        }
      }),
    );
  })
  .openapi(routes.list, async (c) => {
    const { limit, cursor } = c.req.valid("query");
    return c.json(await userActor(c).chat.list({ limit, after: parseCursor(cursor) }), 200);
  })
  .openapi(routes.get, async (c) => {
    const { limit, cursor } = c.req.valid("query");
    const conversation = await userActor(c).chat.get(c.req.valid("param").id, {
      limit,
      after: parseCursor(cursor),
    });
    if (!conversation) throw notFound("No such conversation.", "conversation_not_found");
    return c.json(conversation, 200);
  });
