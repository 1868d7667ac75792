import { createRoute, z } from "@hono/zod-openapi";
import { WebhookReceiver } from "livekit-server-sdk";
import { actorFor } from "../actor";
import { database } from "../db/client";
import {
  firstDelivery,
  markVoiceSessionEnded,
  markVoiceSessionStarted,
  recordParticipantJoined,
} from "../db/voice-sessions";
import { unauthorized } from "../errors";
import { PARTICIPANT_KIND_AGENT, roomOwner } from "../voice/livekit";
import { errorResponses, jsonResponse } from "./common.schemas";
import { routeGroup } from "./route-group";

const webhookRoute = createRoute({
  method: "post",
  path: "/v1/webhooks/livekit",
  tags: ["voice-sessions"],
  summary: "LiveKit webhook receiver (signed by LiveKit, not by a user)",
  description:
    "The Authorization JWT must be signed with the LiveKit secret and carry the body's SHA-256; " +
    "events are handled once by id and in any order (a late room_started never revives an " +
    "ended room).",
  request: {
    body: {
      content: { "application/webhook+json": { schema: z.record(z.string(), z.unknown()) } },
    },
  },
  responses: {
    200: jsonResponse(
      z.object({ status: z.enum(["handled", "duplicate", "ignored"]) }),
      "Accepted.",
    ),
    ...errorResponses(401, 500),
  },
});

const receivers = new Map<string, WebhookReceiver>();

export const webhookRoutes = routeGroup().openapi(webhookRoute, async (c) => {
  const config = c.get("config");
  const key = `${config.LIVEKIT_API_KEY}|${config.LIVEKIT_API_SECRET}`;
  let receiver = receivers.get(key);
  if (!receiver) {
    receiver = new WebhookReceiver(config.LIVEKIT_API_KEY, config.LIVEKIT_API_SECRET);
    receivers.set(key, receiver);
  }
  // The signature covers the exact bytes: read the raw body, never a re-serialised one.
  const body = await c.req.text();
  let event: Awaited<ReturnType<WebhookReceiver["receive"]>>;
  try {
    event = await receiver.receive(body, c.req.header("authorization"));
  } catch (error) {
    c.get("log").warn("livekit_webhook_rejected", { reason: (error as Error).message });
    throw unauthorized("Invalid webhook signature.");
  }
  const roomName = event.room?.name ?? null;
  const db = database(c.env.DB);
  const log = c.get("log").with({ webhook_id: event.id, event: event.event, room: roomName });
  if (!(await firstDelivery(db, event.id, event.event, roomName))) {
    log.info("livekit_webhook_duplicate");
    return c.json({ status: "duplicate" as const }, 200);
  }
  const userId = roomName ? roomOwner(roomName) : null;
  if (!roomName || !userId) {
    log.info("livekit_webhook_ignored");
    return c.json({ status: "ignored" as const }, 200);
  }
  const at = new Date(Number(event.createdAt) * 1000 || Date.now()).toISOString();
  switch (event.event) {
    case "room_started":
      await markVoiceSessionStarted(db, roomName, at);
      break;
    case "room_finished":
      await markVoiceSessionEnded(db, roomName, at);
      await actorFor(c.env, userId).endVoiceSession(userId, roomName, new Date(at));
      break;
    case "participant_joined":
      await recordParticipantJoined(
        db,
        roomName,
        event.participant?.kind === PARTICIPANT_KIND_AGENT,
      );
      break;
    default:
      break;
  }
  log.info("livekit_webhook_handled", { user_id: userId });
  return c.json({ status: "handled" as const }, 200);
});
