import { z } from "@hono/zod-openapi";
import { WebhookReceiver } from "livekit-server-sdk";
import { database } from "../../d1/client";
import {
  alreadyHandled,
  markVoiceSessionEnded,
  markVoiceSessionStarted,
  recordHandled,
  recordParticipantJoined,
} from "../../d1/voice-sessions";
import { PARTICIPANT_KIND_AGENT, roomOwner } from "../../providers/livekit";
import { actorFor } from "../actor";
import { isClosedAccountError, unauthorized } from "../errors";
import { jsonResponse } from "./common.schemas";
import { defineRoute } from "./define-route";
import { routeGroup } from "./route-group";

const webhookRoute = defineRoute({
  method: "post",
  path: "/livekit",
  operationId: "receiveLiveKitWebhook",
  tags: ["webhooks"],
  summary: "LiveKit webhook receiver (signed by LiveKit, not by a user)",
  description:
    "The Authorization JWT must be signed with the LiveKit secret and carry the body's SHA-256; " +
    "events are handled once by id and in any order (a late room_started never revives an " +
    "ended room). An id counts as handled only once its handling succeeded (a 500 is retried " +
    "by LiveKit and handled then). The user's participant_joined / participant_left and " +
    "room_finished measure the daily voice minutes. Rooms this API did not create, and rooms of " +
    "deleted accounts, are ignored (recorded by id, without the room).",
  request: {
    body: {
      required: true,
      content: {
        "application/webhook+json": {
          // Documented, not enforced: the signature is checked first, on the raw body.
          schema: z.record(z.string(), z.unknown()).openapi("LiveKitWebhookEvent", {
            description:
              "LiveKit's WebhookEvent (protobuf JSON): `event`, `id`, `room`, `participant`...",
          }),
          example: {
            event: "room_finished",
            id: "EV_3cZ1kbXx2Lwq",
            createdAt: "1764003000",
            room: { name: "fitness-voice-0b7e7a9e-5a0e-4a4f-9a51-7d9c1f0d4b11-3fa9c2e1b7d4" },
          },
        },
      },
    },
  },
  responses: {
    200: jsonResponse(
      z.object({ status: z.enum(["handled", "duplicate", "ignored"]) }).openapi("WebhookResult"),
      "Accepted.",
      { status: "handled" },
    ),
  },
  errors: { 401: ["unauthorized"] },
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
  if (await alreadyHandled(db, event.id)) {
    log.info("livekit_webhook_duplicate");
    return c.json({ status: "duplicate" as const }, 200);
  }
  const userId = roomName ? roomOwner(roomName) : null;
  if (!roomName || !userId) {
    log.info("livekit_webhook_ignored");
    return c.json({ status: "ignored" as const }, 200);
  }
  const at = new Date(Number(event.createdAt) * 1000 || Date.now()).toISOString();
  // Only the user's own participant spends their voice minutes (never the agent).
  const ownParticipant =
    event.participant?.identity === userId && event.participant.kind !== PARTICIPANT_KIND_AGENT;
  const presence = (change: "joined" | "left") =>
    actorFor(c.env, userId)
      .voice.presence(roomName, change, new Date(at))
      .catch((error: unknown) => {
        if (!isClosedAccountError(error)) throw error;
      });
  // A throw below answers 500 before the id is recorded: LiveKit's retry is handled anew, so
  // each step is idempotent (a step that already ran changes nothing the second time).
  switch (event.event) {
    case "room_started":
      await markVoiceSessionStarted(db, roomName, at);
      break;
    case "room_finished":
      await markVoiceSessionEnded(db, roomName, at);
      // A deleted account's rooms are gone with it: nothing to end.
      await actorFor(c.env, userId)
        .voice.end(roomName, new Date(at))
        .catch((error: unknown) => {
          if (!isClosedAccountError(error)) throw error;
        });
      break;
    case "participant_joined":
      if (ownParticipant) await presence("joined");
      // Last: the one step that is not idempotent (a count).
      await recordParticipantJoined(
        db,
        roomName,
        event.participant?.kind === PARTICIPANT_KIND_AGENT,
      );
      break;
    case "participant_left":
      if (ownParticipant) await presence("left");
      break;
    default:
      break;
  }
  if (!(await recordHandled(db, event.id, event.event, { name: roomName, userId }))) {
    // The account was deleted: nothing of it was changed, and the record names no one.
    log.info("livekit_webhook_closed_account");
    return c.json({ status: "ignored" as const }, 200);
  }
  log.info("livekit_webhook_handled", { user_id: userId });
  return c.json({ status: "handled" as const }, 200);
});
