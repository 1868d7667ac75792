import { createRoute, z } from "@hono/zod-openapi";
import { actorFor } from "../actor";
import { PERSONAS, personaInstructions } from "../coach/personas";
import { toolSchemas } from "../coach/tools";
import { ApiError, forbidden, notFound } from "../errors";
import { requireAgent } from "../middleware/agent-auth";
import type { AgentType } from "../voice/livekit";
import { errorResponses, jsonResponse } from "./common.schemas";
import { routeGroup } from "./route-group";

// The agent callback API, for the LiveKit agent host only. Every route runs against the
// agent token's user (and room) and nothing else.

const agentSecurity = [{ agentToken: [] }];
const secured = { tags: ["agent"], security: agentSecurity, middleware: [requireAgent()] };

const routes = {
  context: createRoute({
    method: "get",
    path: "/internal/agent/context",
    summary: "The coaching context and this coach's persona",
    ...secured,
    responses: {
      200: jsonResponse(
        z
          .object({
            session: z.object({ room_name: z.string(), agent_type: z.string(), mode: z.string() }),
            persona: z.object({
              agent_type: z.string(),
              title: z.string(),
              instructions: z.string(),
            }),
            context: z.record(z.string(), z.unknown()),
          })
          .openapi("AgentContext"),
        "Context and persona.",
      ),
      ...errorResponses(401, 403, 500),
    },
  }),
  tools: createRoute({
    method: "get",
    path: "/internal/agent/tools",
    summary: "The tools this coach may call, as JSON Schema",
    ...secured,
    responses: {
      200: jsonResponse(
        z
          .object({
            tools: z.array(
              z.object({
                name: z.string(),
                description: z.string(),
                parameters: z.record(z.string(), z.unknown()),
              }),
            ),
          })
          .openapi("AgentTools"),
        "Tools.",
      ),
      ...errorResponses(401, 403, 500),
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

export const agentRoutes = routeGroup()
  .openapi(routes.context, async (c) => {
    const agent = c.get("agent");
    const context = await actorFor(c.env, agent.userId).getCoachingContext(agent.userId);
    if ("missing" in context) throw forbidden("The user of this session no longer exists.");
    const type = agent.agentType as AgentType;
    return c.json(
      {
        session: { room_name: agent.roomName, agent_type: type, mode: agent.mode },
        persona: {
          agent_type: type,
          title: PERSONAS[type].title,
          instructions: personaInstructions(type),
        },
        context: context as unknown as Record<string, unknown>,
      },
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
