import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { AGENT_TYPES } from "../../engine/personas/agent-types";
import { PERSONAS, personaInstructions } from "../../engine/personas/personas";
import { toolSchemas } from "../../engine/tools/index";
import type { Result } from "../../kernel/result";
import { type ActorClient, actorFor } from "../actor";
import type { AppEnv } from "../app-env";
import type { AgentClaims } from "../auth/agent-tokens";
import { ApiError, isClosedAccountError, unwrap } from "../errors";
import { requireAgent } from "../middleware/agent-auth";
import { upgraded } from "../responses";
import { agentSecurity, isoTime, jsonBody, jsonResponse } from "./common.schemas";
import { defineRoute } from "./define-route";
import { CoachingContextSchema } from "./profile.schemas";
import { routeGroup } from "./route-group";

// The agent callback API, for the LiveKit agent host only. Every route runs against the
// agent token's user (and room) and nothing else.

const secured = {
  tags: ["agent"] as ["agent"],
  security: agentSecurity,
  middleware: [requireAgent()],
};

const agentContext = z
  .object({
    session: z.object({
      room_name: z.string(),
      agent_type: z.enum(AGENT_TYPES),
      mode: z.enum(["voice", "text"]),
    }),
    persona: z.object({
      agent_type: z.enum(AGENT_TYPES),
      title: z.string(),
      instructions: z.string(),
    }),
    context: CoachingContextSchema,
    chat_memory: z
      .object({
        updated_at: z.string(),
        summary: z.string().nullable(),
        last_messages: z.array(z.string()),
      })
      .nullable()
      .openapi({
        description:
          "The user's latest text chat with this coach, cut short (its summary's end, the last six messages): a call can pick up what was written.",
      }),
  })
  .openapi("AgentContext");

const toolList = z.array(
  z
    .object({
      name: z.string(),
      description: z.string(),
      parameters: z
        .record(z.string(), z.unknown())
        .openapi({ description: "JSON Schema of the input" }),
    })
    .openapi("AgentTool"),
);

const ROOM = "fitness-voice-0b7e7a9e-5a0e-4a4f-9a51-7d9c1f0d4b11-3fa9c2e1b7d4";
const CONTEXT_EXAMPLE = {
  session: { room_name: ROOM, agent_type: "workout" as const, mode: "voice" as const },
  persona: {
    agent_type: "workout" as const,
    title: "Workout coach",
    instructions: "You are the user's workout coach...",
  },
  context: {
    user: {
      id: "0b7e7a9e-5a0e-4a4f-9a51-7d9c1f0d4b11",
      name: "Sam",
      timezone: "Europe/Berlin",
      local_date: "2026-11-23",
      locale: "en",
    },
    onboarding: { completed: true, progress_percent: 100, current_step: null },
    profile_summary: "Sam, 30, female; 168 cm, 64 kg; goal: muscle gain; intermediate",
    goals: null,
    limitations: null,
    training: null,
    nutrition: null,
    lifestyle: null,
    today: null,
    program: null,
    adherence: null,
    readiness: null,
    recent_calls: [],
    generated_at: "2026-11-23T18:30:00.000Z",
  },
  chat_memory: {
    updated_at: "2026-11-22T12:00:00.000Z",
    summary: null,
    last_messages: ["User: Is 120 g of protein enough?", "Coach: For you, aim for about 130 g."],
  },
};
const TOOLS_EXAMPLE = [
  {
    name: "get_today_workout",
    description: "Today's planned session.",
    parameters: { type: "object", properties: {} },
  },
];

const routes = {
  context: defineRoute({
    method: "get",
    path: "/context",
    operationId: "getAgentContext",
    summary: "The coaching context and this coach's persona",
    description: "What the coach speaking in the token's room starts a turn from.",
    ...secured,
    responses: { 200: jsonResponse(agentContext, "Context and persona.", CONTEXT_EXAMPLE) },
    errors: { 403: ["forbidden"] },
  }),
  tools: defineRoute({
    method: "get",
    path: "/tools",
    operationId: "listAgentTools",
    summary: "The tools this coach may call, as JSON Schema",
    description: "The tool subset of the coach speaking now, with each input's JSON Schema.",
    ...secured,
    responses: {
      200: jsonResponse(z.object({ tools: toolList }).openapi("AgentTools"), "Tools.", {
        tools: TOOLS_EXAMPLE,
      }),
    },
  }),
  handOff: defineRoute({
    method: "put",
    path: "/coach",
    operationId: "handOffAgentCoach",
    summary: "Hand the call to another coach",
    description:
      "Records the coach now speaking in this room. From then on the context, tools and tool calls of this token are that coach's; the app's realtime socket gets `voice.coach_changed`. Answers with the new coach's context and tools so the agent can switch in one round trip. Idempotent.",
    ...secured,
    request: {
      body: jsonBody(
        z
          .object({
            agent_type: z.enum(AGENT_TYPES),
            reason: z.string().trim().max(300).optional(),
          })
          .openapi("AgentHandOff"),
        { agent_type: "diet", reason: "asked about protein" },
      ),
    },
    responses: {
      200: jsonResponse(
        agentContext.extend({ tools: toolList }).openapi("AgentHandOffResult"),
        "The new coach's context and tools.",
        { ...CONTEXT_EXAMPLE, tools: TOOLS_EXAMPLE },
      ),
    },
    errors: { 403: ["forbidden"] },
  }),
  call: defineRoute({
    method: "post",
    path: "/tools/{name}",
    operationId: "runAgentTool",
    summary: "Run a tool in the user's actor",
    description:
      "200 `{ok: true, result}` or `{ok: false, error: {code, message}}` (a tool error the model can explain).",
    ...secured,
    request: {
      params: z.object({
        name: z
          .string()
          .max(100)
          .openapi({ param: { name: "name", in: "path" }, example: "log_set_completion" }),
      }),
      body: jsonBody(z.record(z.string(), z.unknown()).openapi("AgentToolInput"), {
        exercise_id: "barbell-back-squat",
        reps: 8,
        weight_kg: 60,
        client_id: "toolu_01",
      }),
    },
    responses: {
      200: jsonResponse(
        z
          .union([
            z.object({ ok: z.literal(true), result: z.record(z.string(), z.unknown()) }),
            z.object({
              ok: z.literal(false),
              error: z.object({ code: z.string(), message: z.string() }),
            }),
          ])
          .openapi("AgentToolResult"),
        "The tool's result or tool error.",
        { ok: true, result: { logged: true, set_id: "set_9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d" } },
      ),
    },
    errors: { 403: ["tool_not_allowed", "forbidden"], 404: ["tool_not_found"] },
  }),
  transcript: defineRoute({
    method: "post",
    path: "/transcript",
    operationId: "postAgentTranscriptTurn",
    summary: "Store one final transcript turn of the call",
    description:
      "A final user or coach turn of the token's live call, stored once by `turn_id` (a retry " +
      "answers `stored: false`). A coach turn is attributed to the coach speaking now. At most " +
      "2000 characters a turn and 500 turns a call (409 `transcript_full`); refused once the " +
      "room ended (403 `session_ended`). At the call's end the transcript and a summary go " +
      "into the user's call history and the next coaching context.",
    ...secured,
    request: {
      body: jsonBody(
        z
          .object({
            turn_id: z.string().min(1).max(100),
            role: z.enum(["user", "coach"]),
            text: z.string().trim().min(1).max(2000),
            spoken_at: isoTime,
          })
          .strict()
          .openapi("AgentTranscriptTurn"),
        {
          turn_id: "turn_6f1d2c3b4a59",
          role: "user",
          text: "Log three sets of eight at sixty kilos.",
          spoken_at: "2026-11-23T18:30:05.000Z",
        },
      ),
    },
    responses: {
      200: jsonResponse(
        z
          .object({ stored: z.boolean().openapi({ description: "false: already stored" }) })
          .openapi("AgentTranscriptStored"),
        "Stored, or already stored.",
        { stored: true },
      ),
    },
    errors: { 403: ["session_ended"], 409: ["transcript_full"] },
  }),
  events: defineRoute({
    method: "get",
    path: "/events",
    operationId: "openAgentEventsSocket",
    summary: "WebSocket of the events the room's agent acts on",
    description:
      "RealtimeMessage JSON, only the types the agent acts on, with only the fields it reads: " +
      "`job.completed` (job_id, status, program_id), `job.failed` (job_id, status, " +
      "error_message), `voice.budget_exhausted` (room_name, minutes_used, minutes_limit: wrap " +
      "up). Closed with code 4004 `voice_session_ended` when the room ends or its token stops " +
      "working (4001 `account_deleted`, 4003 `account_suspended`). A room holds at most 2 " +
      "open sockets: a third is refused (409 `agent_socket_limit`) until one closes.",
    ...secured,
    responses: { 101: { description: "Switching protocols: messages are RealtimeMessage." } },
    errors: { 409: ["agent_socket_limit"], 426: ["upgrade_required"] },
  }),
};

type Room = ReturnType<ActorClient["agent"]>;
/** What the actor knows for a briefing: the coach speaking, the context, the chat memory. */
type Known = Extract<Awaited<ReturnType<Room["briefing"]>>, { ok: true }>["value"];

/** A closed account's rooms are over: its agent tokens get the same 403 as an ended room. */
const sessionEnded = () =>
  new ApiError("session_ended", "The voice session of this token has ended.");

/**
 * One call to the token's room in its user's actor, which answers whether the room is live,
 * which coach speaks in it and the operation's result, or `session_ended`.
 */
async function inRoom<T>(c: Context<AppEnv>, call: (room: Room) => Promise<Result<T>>): Promise<T> {
  const { userId, roomName } = c.get("agent");
  try {
    return unwrap(await call(actorFor(c.env, userId).agent(roomName)));
  } catch (error) {
    if (isClosedAccountError(error)) throw sessionEnded();
    throw error;
  }
}

/** What a coach starts from: the session, its persona and the user's coaching context. */
function briefing(agent: AgentClaims, known: Known) {
  const type = known.agent_type;
  return {
    session: { room_name: agent.roomName, agent_type: type, mode: agent.mode },
    persona: {
      agent_type: type,
      title: PERSONAS[type].title,
      instructions: personaInstructions(type),
    },
    context: known.context,
    chat_memory: known.chat_memory,
  };
}

export const agentRoutes = routeGroup()
  .openapi(routes.context, async (c) => {
    const known = await inRoom(c, (room) => room.briefing());
    return c.json(briefing(c.get("agent"), known), 200);
  })
  .openapi(routes.handOff, async (c) => {
    const { agent_type: type, reason } = c.req.valid("json");
    const known = await inRoom(c, (room) => room.handOff(type, reason ?? null));
    return c.json(
      { ...briefing(c.get("agent"), known), tools: toolSchemas(PERSONAS[type].tools) },
      200,
    );
  })
  .openapi(routes.tools, async (c) => {
    const { agent_type: type } = await inRoom(c, (room) => room.coach());
    return c.json({ tools: toolSchemas(PERSONAS[type].tools) }, 200);
  })
  .openapi(routes.call, async (c) => {
    const name = c.req.valid("param").name;
    const args = await c.req.json().catch(() => ({}));
    return c.json(await inRoom(c, (room) => room.runTool(name, args)), 200);
  })
  .openapi(routes.transcript, async (c) => {
    const turn = c.req.valid("json");
    // Stored in UTC, so turns sort by time whatever offset the agent host wrote.
    const spokenAt = new Date(turn.spoken_at).toISOString();
    return c.json(await inRoom(c, (room) => room.addTurn({ ...turn, spoken_at: spokenAt })), 200);
  })
  .openapi(routes.events, async (c) => {
    if (c.req.header("upgrade")?.toLowerCase() !== "websocket")
      throw new ApiError("upgrade_required", "Open this URL as a WebSocket.");
    const { userId, roomName } = c.get("agent");
    const headers = new Headers({
      upgrade: "websocket",
      "x-actor-user-id": userId,
      "x-actor-socket-tag": "agent",
      "x-actor-room": roomName,
    });
    // One call: the actor accepts the socket, or refuses it (the room ended, or it has its
    // agent sockets already) with the code.
    const response = (await c.env.USER_ACTOR.getByName(userId).fetch("https://actor/agent-events", {
      headers,
    })) as unknown as Response;
    if (response.status === 101) return upgraded(response);
    const refused = await response.json<{
      code: "session_ended" | "agent_socket_limit";
      message: string;
    }>();
    throw new ApiError(refused.code, refused.message);
  });
