import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AgentType } from "../../engine/personas/agent-types";
import { errorFields } from "../../kernel/logger";
import type { DomainError } from "../../kernel/result";
import {
  livekitClients,
  livekitFailureFields,
  newRoomName,
  PARTICIPANT_KIND_AGENT,
  participantToken,
  roomOwner,
  SESSION_TTL_SECONDS,
} from "../../providers/livekit";
import { type ActorClient, userActor } from "../actor";
import type { AppEnv } from "../app-env";
import { signAgentToken } from "../auth/agent-tokens";
import { ApiError, apiError, forbidden, notFound, unwrap } from "../errors";
import { requireUser } from "../middleware/auth";
import { bearerSecurity, jsonBody, jsonResponse } from "./common.schemas";
import { defineRoute } from "./define-route";
import { AT, USER_ID } from "./examples";
import { parseCursor } from "./pagination";
import { routeGroup } from "./route-group";
import {
  CreatedSessionSchema,
  CreateSessionBody,
  RoomParam,
  SessionStatusSchema,
  TranscriptSchema,
  VoiceListQuery,
  VoiceSessionListSchema,
} from "./voice.schemas";

const secured = {
  tags: ["voice-sessions"] as ["voice-sessions"],
  security: bearerSecurity,
  middleware: [requireUser()],
};

// LiveKit's own error text never reaches a client; the log has it (the error's cause).
const voiceUnavailable = (cause: unknown) =>
  new ApiError(
    "voice_unavailable",
    "Voice coaching is unavailable right now. Please try again shortly.",
    undefined,
    undefined,
    { cause },
  );

const ROOM = `fitness-voice-${USER_ID}-3fa9c2e1b7d4`;

const routes = {
  create: defineRoute({
    method: "post",
    path: "/sessions",
    operationId: "startVoiceSession",
    summary: "Start a coaching call: a LiveKit room, the agent dispatched into it, your token",
    description:
      "Creates a LiveKit room for the user, dispatches the coach agent into it and answers the " +
      "participant token (this room only, 6 hours) and the LiveKit URL to join with. `mode: " +
      "text` rooms carry no audio. LiveKit failures answer the generic 500 `voice_unavailable`. " +
      "A user has at most `VOICE_MAX_ACTIVE_SESSIONS` live rooms (409 `voice_session_active`, " +
      "`details.active_sessions` lists them to rejoin or end), `VOICE_DAILY_MINUTES` minutes " +
      "in calls in any 24 hours (429 `voice_budget_exceeded` with `Retry-After`) and " +
      "`VOICE_ROOMS_PER_DAY` rooms created in any 24 hours, joined or not (429 " +
      "`voice_room_quota_exceeded` with `Retry-After`, `details.rooms_used` / `rooms_limit`). " +
      "A paid pipeline: an account whose email is not verified gets 403 `email_not_verified` " +
      "(no room, no agent).",
    ...secured,
    request: { body: jsonBody(CreateSessionBody, { agent_type: "workout", mode: "voice" }) },
    responses: {
      201: jsonResponse(CreatedSessionSchema, "Room ready; join it with the token.", {
        room_name: ROOM,
        token: "eyJhbGciOiJIUzI1NiJ9.eyJ2aWRlbyI6e319.c2ln",
        livekit_url: "wss://my-project.livekit.cloud",
        agent_type: "workout",
        mode: "voice",
        expires_at: "2026-11-24T00:30:00.000Z",
      }),
    },
    successHeaders: { 201: ["Location"] },
    errors: {
      401: ["account_not_found"],
      403: ["email_not_verified"],
      409: ["voice_session_active"],
      429: ["voice_budget_exceeded", "voice_room_quota_exceeded"],
      500: ["voice_unavailable"],
    },
  }),
  list: defineRoute({
    method: "get",
    path: "/sessions",
    operationId: "listVoiceSessions",
    summary: "Your calls: live ones, then past ones with duration, coaches and summary",
    description:
      "Live rooms first (those LiveKit still has, oldest first; one LiveKit has lost is ended " +
      "and listed with the past calls), then ended calls, latest end first. `status` keeps one " +
      "of the two. The caller's own calls only.",
    ...secured,
    request: { query: VoiceListQuery },
    responses: {
      200: jsonResponse(VoiceSessionListSchema, "A page of calls.", {
        items: [
          {
            room_name: ROOM,
            agent_type: "workout",
            mode: "voice",
            num_participants: 2,
            created_at: AT,
            status: "active",
            ended_at: null,
            duration_seconds: null,
            coaches: ["workout"],
            summary: null,
          },
          {
            room_name: `fitness-voice-${USER_ID}-9c1f0d4b11a2`,
            agent_type: "diet",
            mode: "voice",
            num_participants: 0,
            created_at: "2026-11-21T18:00:00.000Z",
            status: "ended",
            ended_at: "2026-11-21T18:12:00.000Z",
            duration_seconds: 720,
            coaches: ["workout", "diet"],
            summary:
              'workout then diet coach, 12 min; user said "log three sets of eight at sixty kilos", "how much protein today"; used log_set_completion x3',
          },
        ],
        next_cursor: null,
      }),
    },
    errors: { 500: ["voice_unavailable"] },
  }),
  status: defineRoute({
    method: "get",
    path: "/sessions/{room_name}",
    operationId: "getVoiceSession",
    summary: "A session's status: participants and whether the agent joined",
    description: "`agent_type` is the coach speaking now (after any hand-off).",
    ...secured,
    request: { params: RoomParam },
    responses: {
      200: jsonResponse(SessionStatusSchema, "Status.", {
        room_name: ROOM,
        agent_type: "workout",
        active: true,
        num_participants: 2,
        agent_connected: true,
        created_at: AT,
      }),
    },
    errors: { 403: ["forbidden"], 404: ["voice_session_not_found"], 500: ["voice_unavailable"] },
  }),
  transcript: defineRoute({
    method: "get",
    path: "/sessions/{room_name}/transcript",
    operationId: "getVoiceTranscript",
    summary: "One call's transcript: what the user and the coaches said, and the tools used",
    description:
      "The final turns the agent host posted, in the order spoken (so far, for a live call); " +
      "an empty list for a call with no speech. 404 for a room that is not the caller's.",
    ...secured,
    request: { params: RoomParam },
    responses: {
      200: jsonResponse(TranscriptSchema, "The transcript.", {
        room_name: ROOM,
        status: "ended",
        transcript_kept: true,
        items: [
          {
            role: "user",
            agent_type: "workout",
            text: "Log three sets of eight at sixty kilos.",
            spoken_at: "2026-11-23T18:30:05.000Z",
          },
          {
            role: "tool",
            agent_type: "workout",
            text: "log_set_completion",
            spoken_at: "2026-11-23T18:30:06.000Z",
          },
          {
            role: "coach",
            agent_type: "workout",
            text: "Done: three sets of eight at sixty kilos.",
            spoken_at: "2026-11-23T18:30:07.000Z",
          },
        ],
      }),
    },
    errors: { 404: ["voice_session_not_found"] },
  }),
  end: defineRoute({
    method: "delete",
    path: "/sessions/{room_name}",
    operationId: "endVoiceSession",
    summary: "End a session (deletes the room)",
    description: "Idempotent once the room is gone; the agent token of the room stops working.",
    ...secured,
    request: { params: RoomParam },
    responses: {
      200: jsonResponse(
        z
          .object({ status: z.literal("ended"), room_name: z.string() })
          .openapi("VoiceSessionEnded"),
        "Ended.",
        { status: "ended", room_name: ROOM },
      ),
    },
    errors: { 403: ["forbidden"], 404: ["voice_session_not_found"], 500: ["voice_unavailable"] },
  }),
};

/** 403 for another user's room, 404 for a room that is not one of the caller's. */
async function ownRoom(c: Context<AppEnv>, roomName: string) {
  const userId = c.get("userId");
  const owner = roomOwner(roomName);
  if (owner && owner !== userId) throw forbidden("This voice session belongs to someone else.");
  const room = owner ? await userActor(c).voice.get(roomName) : null;
  if (!room) throw notFound("No such voice session.", "voice_session_not_found");
  return room;
}

/** A room younger than this may still be being set up by a concurrent request. */
const SETUP_GRACE_MS = 60_000;

/**
 * Opens the room in the user's actor, which decides the limits (live rooms, daily minutes).
 * A room the actor still counts as live may already be gone from LiveKit (its room_finished
 * webhook not here yet): those are ended and the open is tried once more.
 */
async function openWithinLimits(
  c: Context<AppEnv>,
  room: Parameters<ActorClient["voice"]["open"]>[0],
) {
  const actor = userActor(c);
  let opened = await actor.voice.open(room);
  if (!opened.ok && opened.error.code === "voice_session_active") {
    const { active_sessions: live } = opened.error.details as {
      active_sessions: { room_name: string; created_at: string }[];
    };
    const settled = live
      .filter((known) => Date.parse(known.created_at) < Date.now() - SETUP_GRACE_MS)
      .map((known) => known.room_name);
    const gone =
      settled.length === 0
        ? []
        : await livekitClients(c.get("config"))
            .rooms.listRooms(settled)
            .then((rooms) => settled.filter((name) => !rooms.some((lk) => lk.name === name)))
            .catch((error: unknown) => {
              c.get("log").warn(
                "voice_rooms_check_failed",
                livekitFailureFields(c.get("config"), error),
              );
              return [];
            });
    for (const name of gone) await actor.voice.end(name);
    if (gone.length > 0) opened = await actor.voice.open(room);
  }
  if (!opened.ok) throw limitError(opened.error);
}

function limitError(error: DomainError): ApiError {
  const retryAfter = (error.details as { retry_after_seconds?: number } | undefined)
    ?.retry_after_seconds;
  return apiError(error, retryAfter ? { "Retry-After": String(retryAfter) } : undefined);
}

export const voiceRoutes = routeGroup()
  .openapi(routes.create, async (c) => {
    const { agent_type: agentType, mode } = c.req.valid("json");
    const config = c.get("config");
    const userId = c.get("userId");
    const [account, profile] = await Promise.all([
      userActor(c).account.get(),
      userActor(c).profile.get(),
    ]);
    const user = unwrap(account);
    // The agent picks its speech recognition and voice language before the call starts.
    const locale = (profile?.locale as string | undefined) ?? "en";
    const { rooms, dispatch } = livekitClients(config);
    const roomName = newRoomName(mode, userId);
    const createdAt = new Date();
    const expiresAt = new Date(createdAt.getTime() + SESSION_TTL_SECONDS * 1000);
    const log = c.get("log").with({ user_id: userId, room: roomName, agent_type: agentType, mode });
    await openWithinLimits(c, {
      room_name: roomName,
      agent_type: agentType,
      mode,
      created_at: createdAt.toISOString(),
      expires_at: expiresAt.toISOString(),
    });
    let step = "create_room";
    let roomCreated = false;
    try {
      await rooms.createRoom({
        name: roomName,
        emptyTimeout: 300,
        maxParticipants: 2,
        metadata: JSON.stringify({
          user_id: userId,
          agent_type: agentType,
          mode,
          created_at: createdAt.toISOString(),
        }),
      });
      roomCreated = true;
      step = "dispatch_agent";
      const agentToken = await signAgentToken(
        config,
        { userId, roomName, agentType, mode },
        expiresAt,
      );
      await dispatch.createDispatch(roomName, config.LIVEKIT_AGENT_NAME, {
        metadata: JSON.stringify({
          user_id: userId,
          agent_type: agentType,
          mode,
          agent_token: agentToken,
          locale,
        }),
      });
      step = "participant_token";
      const token = await participantToken(config, { userId, email: user.email, roomName });
      log.info("voice_session_created");
      c.header("Location", `/v1/voice/sessions/${roomName}`);
      return c.json(
        {
          room_name: roomName,
          token,
          livekit_url: config.LIVEKIT_URL,
          agent_type: agentType,
          mode,
          expires_at: expiresAt.toISOString(),
        },
        201,
      );
    } catch (error) {
      log.error("voice_session_failed", { step, ...livekitFailureFields(config, error) });
      if (roomCreated)
        await rooms
          .deleteRoom(roomName)
          .catch((cleanup: unknown) =>
            log.error("voice_room_cleanup_failed", errorFields(cleanup)),
          );
      // The slot it took is free again.
      await userActor(c)
        .voice.discard(roomName)
        .catch((cleanup: unknown) =>
          log.error("voice_session_discard_failed", errorFields(cleanup)),
        );
      throw voiceUnavailable(error);
    }
  })
  .openapi(routes.list, async (c) => {
    const actor = userActor(c);
    const { limit, cursor, status } = c.req.valid("query");
    const after = parseCursor(cursor) ?? undefined;
    const page = await actor.voice.history({ limit, after, status });
    const live = page.items.filter((room) => room.status === "active");
    let known = new Map<string, number>();
    if (live.length > 0) {
      try {
        // Only this user's rooms, by name: never a listing of the whole project.
        const rooms = await livekitClients(c.get("config")).rooms.listRooms(
          live.map((room) => room.room_name),
        );
        known = new Map(rooms.map((room) => [room.name, room.numParticipants]));
      } catch (error) {
        c.get("log").error(
          "voice_sessions_list_failed",
          livekitFailureFields(c.get("config"), error),
        );
        throw voiceUnavailable(error);
      }
    }
    const sessions = [];
    for (const room of page.items) {
      if (room.status === "active" && !known.has(room.room_name)) {
        // Gone from LiveKit: it ended, and is listed with the past calls from now on.
        await actor.voice.end(room.room_name);
        continue;
      }
      sessions.push({
        room_name: room.room_name,
        agent_type: room.agent_type as AgentType,
        mode: room.mode as "voice" | "text",
        num_participants: known.get(room.room_name) ?? 0,
        created_at: room.created_at,
        status: room.status,
        ended_at: room.ended_at,
        duration_seconds: room.duration_seconds,
        coaches: JSON.parse(room.coaches) as AgentType[],
        summary: room.summary,
      });
    }
    c.get("log").info("voice_sessions_listed", { count: sessions.length });
    return c.json({ items: sessions, next_cursor: page.nextCursor }, 200);
  })
  .openapi(routes.transcript, async (c) => {
    const { room_name: roomName } = c.req.valid("param");
    const userId = c.get("userId");
    // Another user's room is answered like an unknown one: its existence is not the caller's.
    const call =
      roomOwner(roomName) === userId ? await userActor(c).voice.transcript(roomName) : null;
    if (!call) throw notFound("No such voice session.", "voice_session_not_found");
    return c.json(
      {
        room_name: roomName,
        status: call.room.status,
        transcript_kept: call.room.transcript_kept === 1,
        items: call.turns.map((turn) => ({ ...turn, agent_type: turn.agent_type as AgentType })),
      },
      200,
    );
  })
  .openapi(routes.status, async (c) => {
    const { room_name: roomName } = c.req.valid("param");
    const room = await ownRoom(c, roomName);
    const { rooms } = livekitClients(c.get("config"));
    try {
      const [lk] = await rooms.listRooms([roomName]);
      const participants = lk ? await rooms.listParticipants(roomName) : [];
      const agentConnected = participants.some((p) => p.kind === PARTICIPANT_KIND_AGENT);
      c.get("log").info("voice_session_status", {
        room: roomName,
        active: Boolean(lk),
        agent_connected: agentConnected,
      });
      return c.json(
        {
          room_name: roomName,
          agent_type: room.agent_type as AgentType,
          active: Boolean(lk) && room.status === "active",
          num_participants: lk?.numParticipants ?? 0,
          agent_connected: agentConnected,
          created_at: room.created_at,
        },
        200,
      );
    } catch (error) {
      c.get("log").error("voice_session_status_failed", {
        room: roomName,
        ...livekitFailureFields(c.get("config"), error),
      });
      throw voiceUnavailable(error);
    }
  })
  .openapi(routes.end, async (c) => {
    const { room_name: roomName } = c.req.valid("param");
    await ownRoom(c, roomName);
    try {
      await livekitClients(c.get("config")).rooms.deleteRoom(roomName);
    } catch (error) {
      // Already gone (emptied, timed out) is the state we want; anything else is a failure.
      if ((error as { code?: string }).code !== "not_found") {
        c.get("log").error("voice_session_end_failed", {
          room: roomName,
          ...livekitFailureFields(c.get("config"), error),
        });
        throw voiceUnavailable(error);
      }
    }
    await userActor(c).voice.end(roomName);
    c.get("log").info("voice_session_ended", { room: roomName });
    return c.json({ status: "ended" as const, room_name: roomName }, 200);
  });
