import { createRoute, z } from "@hono/zod-openapi";
import { actorFor } from "../actor";
import type { AppEnv } from "../app-env";
import type { AgentClaims } from "../auth/agent-tokens";
import { AGENT_TYPES, type AgentType } from "../coach/agent-types";
import { PERSONAS, personaInstructions } from "../coach/personas";
import { toolSchemas } from "../coach/tools";
import { ApiError, forbidden, notFound } from "../errors";
import { requireAgent } from "../middleware/agent-auth";
import { errorResponses, jsonResponse } from "./common.schemas";
import { routeGroup } from "./route-group";

// The agent callback API, for the LiveKit agent host only. Every route runs against the
// agent token's user (and room) and nothing else.

const agentSecurity = [{ agentToken: [] }];
const secured = { tags: ["agent"], security: agentSecurity, middleware: [requireAgent()] };

const agentContext = z
  .object({
    session: z.object({ room_name: z.string(), agent_type: z.string(), mode: z.string() }),
    persona: z.object({
      agent_type: z.string(),
      title: z.string(),
      instructions: z.string(),
    }),
    context: z.record(z.string(), z.unknown()),
  })
  .openapi("AgentContext");

const toolList = z.array(
  z.object({
    name: z.string(),
    description: z.string(),
    parameters: z.record(z.string(), z.unknown()),
  }),
);

const routes = {
  context: createRoute({
    method: "get",
    path: "/internal/agent/context",
    summary: "The coaching context and this coach's persona",
    ...secured,
    responses: {
      200: jsonResponse(agentContext, "Context and persona."),
      ...errorResponses(401, 403, 500),
    },
  }),
  tools: createRoute({
    method: "get",
    path: "/internal/agent/tools",
    summary: "The tools this coach may call, as JSON Schema",
    ...secured,
    responses: {
      200: jsonResponse(z.object({ tools: toolList }).openapi("AgentTools"), "Tools."),
      ...errorResponses(401, 403, 500),
    },
  }),
  handOff: createRoute({
    method: "put",
    path: "/internal/agent/coach",
    summary: "Hand the call to another coach",
    description:
      "Records the coach now speaking in this room. From then on the context, tools and tool calls of this token are that coach's; the app's realtime socket gets `voice.coach_changed`. Answers with the new coach's context and tools so the agent can switch in one round trip. Idempotent.",
    ...secured,
    request: {
      body: {
        required: true,
        content: {
          "application/json": {
            schema: z
              .object({
                agent_type: z.enum(AGENT_TYPES),
                reason: z.string().trim().max(300).optional(),
              })
              .openapi("AgentHandOff"),
          },
        },
      },
    },
    responses: {
      200: jsonResponse(
        agentContext.extend({ tools: toolList }).openapi("AgentHandOffResult"),
        "The new coach's context and tools.",
      ),
      ...errorResponses(401, 403, 422, 500),
    },
  }),
  call: createRoute({
    method: "post",
    path: "/internal/agent/tools/{name}",
    summary: "Run a tool in the user's actor",
    description:
      "200 `{ok: true, result}` or `{ok: false, error: {code, message}}` (a tool error the model can explain).",
    ...secured,
    request: {
      params: z.object({
        name: z
          .string()
          .max(100)
          .openapi({ param: { name: "name", in: "path" } }),
      }),
      body: { content: { "application/json": { schema: z.record(z.string(), z.unknown()) } } },
    },
    responses: {
      200: jsonResponse(
        z.record(z.string(), z.unknown()).openapi("AgentToolResult"),
        "The tool's result or tool error.",
      ),
      ...errorResponses(400, 401, 403, 404, 500),
    },
  }),
  events: createRoute({
    method: "get",
    path: "/internal/agent/events",
    summary: "WebSocket of the user's live events (job.completed, ...)",
    ...secured,
    responses: { 101: { description: "Switching protocols." }, ...errorResponses(401, 403, 500) },
  }),
};

/** What a coach starts from: the session, its persona and the user's coaching context. */
async function briefing(env: AppEnv["Bindings"], agent: AgentClaims, type: AgentType) {
  const context = await actorFor(env, agent.userId).getCoachingContext(agent.userId);
  if ("missing" in context) throw forbidden("The user of this session no longer exists.");
  return {
    session: { room_name: agent.roomName, agent_type: type, mode: agent.mode },
    persona: {
      agent_type: type,
      title: PERSONAS[type].title,
      instructions: personaInstructions(type),
    },
    context: context as unknown as Record<string, unknown>,
  };
}

export const agentRoutes = routeGroup()
  .openapi(routes.context, async (c) => {
    const agent = c.get("agent");
    return c.json(await briefing(c.env, agent, agent.agentType as AgentType), 200);
  })
  .openapi(routes.handOff, async (c) => {
    const agent = c.get("agent");
    const { agent_type: type, reason } = c.req.valid("json");
    const handedOff = await actorFor(c.env, agent.userId).handOffVoiceCoach(
      agent.userId,
      agent.roomName,
      type,
      reason ?? null,
    );
    if (!handedOff)
      throw new ApiError(403, "session_ended", "The voice session of this token has ended.");
    return c.json(
      {
        ...(await briefing(c.env, agent, type)),
        tools: toolSchemas(PERSONAS[type].tools),
      } as never,
      200,
    );
  })
  .openapi(routes.tools, (c) => {
    const type = c.get("agent").agentType as AgentType;
    return c.json({ tools: toolSchemas(PERSONAS[type].tools) } as never, 200);
  })
  .openapi(routes.call, async (c) => {
    const agent = c.get("agent");
    const name = c.req.valid("param").name;
    const args = await c.req.json().catch(() => ({}));
    const result = await actorFor(c.env, agent.userId).runTool(agent.userId, {
      agentType: agent.agentType as AgentType,
      channel: agent.roomName,
      name,
      args,
    });
    if ("unknown" in result) throw notFound(`No tool named ${name}.`, "tool_not_found");
    if ("notAllowed" in result)
      throw new ApiError(
        403,
        "tool_not_allowed",
        `The ${agent.agentType} coach cannot use ${name}.`,
      );
    return c.json(result as never, 200);
  })
  .openapi(routes.events, async (c) => {
    if (c.req.header("upgrade")?.toLowerCase() !== "websocket")
      throw new ApiError(426, "upgrade_required", "Open this URL as a WebSocket.");
    const userId = c.get("agent").userId;
    const headers = new Headers({
      upgrade: "websocket",
      "x-actor-user-id": userId,
      "x-actor-socket-tag": "agent",
    });
    return (await c.env.USER_ACTOR.getByName(userId).fetch("https://actor/agent-events", {
      headers,
    })) as unknown as Response;
  });
