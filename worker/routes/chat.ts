import { createRoute, z } from "@hono/zod-openapi";
import { streamSSE } from "hono/streaming";
import { userActor } from "../actor";
import { routeMessage } from "../chat/router";
import { type ChatEvent, ChatTimeoutError, runTurn } from "../chat/run-turn";
import { AGENT_TYPES, type AgentType } from "../coach/agent-types";
import { ApiError, notFound } from "../errors";
import { errorFields } from "../logger";
import { requireUser } from "../middleware/auth";
import { bearerSecurity, errorResponses, jsonBody, jsonResponse } from "./common.schemas";
import { routeGroup } from "./route-group";

const ChatBody = z
  .object({
    message: z.string().trim().min(1).max(4000),
    agent_type: z.enum(AGENT_TYPES).optional(),
    conversation_id: z.string().max(100).optional(),
  })
  .strict()
  .openapi("ChatRequest", {
    example: { message: "I just did 5 squats at 100 kg, log it", agent_type: "workout" },
  });

const ChatAnswer = z
  .object({
    conversation_id: z.string(),
    agent_type: z.enum(AGENT_TYPES),
    text: z.string(),
    events: z.array(z.object({ kind: z.string(), data: z.unknown() })),
    usage: z.object({
      input_tokens: z.number(),
      output_tokens: z.number(),
      cache_read_input_tokens: z.number(),
    }),
  })
  .openapi("ChatAnswer");

const secured = { tags: ["chat"], security: bearerSecurity, middleware: [requireUser()] };

const routes = {
  chat: createRoute({
    method: "post",
    path: "/v1/chat",
    summary: "Talk to a coach (Server-Sent Events; Accept: application/json for one JSON answer)",
    description:
      "SSE events: `agent` (which coach answers, again on a hand-off), `delta` (text), `tool_call`, " +
      "`tool_result`, `error`, `done` (conversation_id and usage). Without agent_type the message " +
      "is routed to a coach. 429 `chat_budget_exceeded` past the daily token budget; 503 " +
      "`llm_unavailable` when no ANTHROPIC_API_KEY is configured.",
    ...secured,
    request: { body: jsonBody(ChatBody) },
    responses: {
      200: {
        description: "The answer, streamed (text/event-stream) or whole (application/json).",
        content: {
          "text/event-stream": { schema: z.string() },
          "application/json": { schema: ChatAnswer },
        },
      },
      ...errorResponses(400, 401, 404, 422, 429, 500, 503),
      504: jsonResponse(
        z.object({ error: z.unknown() }),
        "Claude did not answer in time (JSON mode).",
      ),
    },
  }),
  list: createRoute({
    method: "get",
    path: "/v1/chat/conversations",
    summary: "Your conversations, most recent first",
    ...secured,
    responses: {
      200: jsonResponse(
        z.object({ items: z.array(z.record(z.string(), z.unknown())) }).openapi("ConversationList"),
        "Conversations.",
      ),
      ...errorResponses(401, 500),
    },
  }),
  get: createRoute({
    method: "get",
    path: "/v1/chat/conversations/{id}",
    summary: "One conversation: messages (with tool calls), hand-offs and its summary",
    ...secured,
    request: {
      params: z.object({
        id: z
          .string()
          .max(100)
          .openapi({ param: { name: "id", in: "path" } }),
      }),
    },
    responses: {
      200: jsonResponse(
        z.record(z.string(), z.unknown()).openapi("ConversationDetail"),
        "The conversation.",
      ),
      ...errorResponses(401, 404, 500),
    },
  }),
};

export const chatRoutes = routeGroup()
  .openapi(routes.chat, async (c) => {
    const config = c.get("config");
    if (!config.ANTHROPIC_API_KEY)
      throw new ApiError(
        503,
        "llm_unavailable",
        "Chat needs an LLM: the operator must set ANTHROPIC_API_KEY.",
      );
    const body = c.req.valid("json");
    const userId = c.get("userId");
    const actor = userActor(c);
    const state = await actor.chatState(userId, body.conversation_id ?? null);
    if (state.unknownConversation)
      throw notFound("No such conversation.", "conversation_not_found");
    if (state.usedToday >= config.CHAT_DAILY_TOKEN_BUDGET)
      throw new ApiError(
        429,
        "chat_budget_exceeded",
        "Today's chat allowance is used up. It resets at midnight.",
        undefined,
        {
          "Retry-After": "3600",
        },
      );

    const llm = { apiKey: config.ANTHROPIC_API_KEY, baseURL: config.ANTHROPIC_BASE_URL };
    let agentType: AgentType;
    let reason: string;
    const routingUsage = { input_tokens: 0, output_tokens: 0 };
    if (body.agent_type) [agentType, reason] = [body.agent_type, "requested"];
    else if (state.conversation)
      [agentType, reason] = [state.conversation.agent_type as AgentType, "conversation"];
    else {
      const decision = await routeMessage(body.message, {
        ...llm,
        model: config.ANTHROPIC_ROUTER_MODEL,
        timeoutMs: 5_000,
      });
      Object.assign(routingUsage, decision.usage ?? {});
      [agentType, reason] = [
        decision.agent_type,
        `${decision.by}${decision.reason ? `:${decision.reason}` : ""}`,
      ];
    }
    const start = await actor.chatStart(userId, state.conversation?.id ?? null, agentType);
    const log = c.get("log").with({ conversation_id: start.conversation.id });

    const turn = async (emit: (event: ChatEvent) => void) => {
      emit({ type: "agent", data: { agent_type: agentType, reason } });
      const result = await runTurn({
        ...llm,
        model: config.ANTHROPIC_MODEL,
        timeoutMs: config.CHAT_TIMEOUT_MS,
        maxSteps: config.CHAT_MAX_TOOL_STEPS,
        agentType,
        summary: start.conversation.summary,
        context: start.context,
        history: start.history,
        message: body.message,
        runTool: async (type, name, args) => {
          const outcome = await actor.runTool(userId, {
            agentType: type,
            channel: start.conversation.id,
            name,
            args,
          });
          if ("unknown" in outcome)
            return {
              ok: false,
              error: { code: "unknown_tool", message: `There is no tool ${name}.` },
            };
          if ("notAllowed" in outcome)
            return {
              ok: false,
              error: { code: "tool_not_allowed", message: `The ${type} coach cannot use ${name}.` },
            };
          return outcome;
        },
        emit,
      });
      const usage = {
        input_tokens: result.usage.input_tokens + routingUsage.input_tokens,
        output_tokens: result.usage.output_tokens + routingUsage.output_tokens,
      };
      await actor.chatFinish(userId, start.conversation.id, {
        messages: result.messages,
        events: [{ kind: "agent", data: { agent_type: agentType, reason } }, ...result.events],
        agentType: result.agentType,
        usage,
      });
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
        log.error("chat_failed", errorFields(error));
        if (error instanceof ChatTimeoutError)
          throw new ApiError(
            504 as never,
            "llm_timeout",
            "The coach took too long to answer. Please try again.",
          );
        throw new ApiError(
          502 as never,
          "llm_error",
          "The coach could not answer right now. Please try again.",
        );
      }
    }
    return streamSSE(c, async (stream) => {
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
        log.error("chat_failed", errorFields(error));
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
    }) as never;
  })
  .openapi(routes.list, async (c) =>
    c.json({ items: await userActor(c).listConversations(c.get("userId")) } as never, 200),
  )
  .openapi(routes.get, async (c) => {
    const conversation = await userActor(c).getConversation(
      c.get("userId"),
      c.req.valid("param").id,
    );
    if (!conversation) throw notFound("No such conversation.", "conversation_not_found");
    return c.json(conversation as never, 200);
  });
