import {
  AccessToken,
  AgentDispatchClient,
  RoomServiceClient,
  TwirpError,
} from "livekit-server-sdk";
import type { Config } from "../kernel/config";
import { errorFields } from "../kernel/logger";

// LiveKit server API access: one shared RoomServiceClient and AgentDispatchClient per
// configuration (LiveKit Cloud or a self-hosted livekit-server; only the URL differs).

export const SESSION_TTL_SECONDS = 6 * 3600;
/** ParticipantInfo_Kind.AGENT of @livekit/protocol (the server SDK does not re-export it). */
export const PARTICIPANT_KIND_AGENT = 4;

const clients = new Map<string, { rooms: RoomServiceClient; dispatch: AgentDispatchClient }>();

export function livekitClients(config: Config) {
  const id = `${config.LIVEKIT_URL}|${config.LIVEKIT_API_KEY}`;
  let pair = clients.get(id);
  if (!pair) {
    pair = {
      rooms: new RoomServiceClient(
        config.LIVEKIT_URL,
        config.LIVEKIT_API_KEY,
        config.LIVEKIT_API_SECRET,
      ),
      dispatch: new AgentDispatchClient(
        config.LIVEKIT_URL,
        config.LIVEKIT_API_KEY,
        config.LIVEKIT_API_SECRET,
      ),
    };
    clients.set(id, pair);
  }
  return pair;
}

/** `fitness-voice-{user_id}-{random_hex}` (or `fitness-text-...`). */
export function newRoomName(mode: "voice" | "text", userId: string): string {
  const hex = [...crypto.getRandomValues(new Uint8Array(6))]
    .map((b) => b.toString(16).padStart(2, "0"))
    .join("");
  return `fitness-${mode}-${userId}-${hex}`;
}

const ROOM_NAME = /^fitness-(voice|text)-([0-9a-f-]{36})-([0-9a-f]{12})$/;

/** The user a room belongs to, from its name; null for a name we did not make. */
export function roomOwner(roomName: string): string | null {
  return ROOM_NAME.exec(roomName)?.[2] ?? null;
}

/** The app's participant token: this room only, publish, subscribe and data, 6 hours. */
export async function participantToken(
  config: Config,
  input: { userId: string; email: string | null; roomName: string },
): Promise<string> {
  const token = new AccessToken(config.LIVEKIT_API_KEY, config.LIVEKIT_API_SECRET, {
    identity: input.userId,
    name: input.email ?? input.userId,
    ttl: SESSION_TTL_SECONDS,
  });
  token.addGrant({
    roomJoin: true,
    room: input.roomName,
    canPublish: true,
    canSubscribe: true,
    canPublishData: true,
  });
  return token.toJwt();
}

/**
 * Log fields for a failed LiveKit call. A server that answered carries a Twirp code; a server
 * that could not be reached (nothing listening at LIVEKIT_URL, DNS, TLS) gets a hint for the
 * operator, who is the one reading the log. The app only ever sees a generic error.
 */
export function livekitFailureFields(config: Config, error: unknown): Record<string, unknown> {
  if (error instanceof TwirpError) return { twirp_code: error.code, ...errorFields(error) };
  const fields = errorFields(error);
  // LiveKit not answering is a plain Error from fetch ("Network connection lost."): the hint
  // says what to do and the stack (the SDK's frames) nothing. A bug's TypeError keeps its stack.
  if (error instanceof Error && error.name === "Error") delete fields.stack;
  return {
    ...fields,
    livekit_url: config.LIVEKIT_URL,
    hint:
      `LiveKit is unreachable at LIVEKIT_URL=${config.LIVEKIT_URL}. For local development run ` +
      "`npm run voice:local` (it starts LiveKit or a stand-in) or `livekit-server --dev` " +
      "(ws://127.0.0.1:7880, key devkey, secret secret), or set " +
      "LIVEKIT_URL, LIVEKIT_API_KEY and LIVEKIT_API_SECRET to your LiveKit Cloud project.",
  };
}

/**
 * Deletes a room on LiveKit from the user's actor (account deletion); a room that is already
 * gone counts as ended. A plain Twirp call rather than the SDK's client: the SDK arms an
 * AbortSignal.timeout and imports a module lazily on every answer, and inside an actor either
 * keeps it from being evicted (and its tests from evicting it) long after the call.
 */
export async function endRoom(config: Config, roomName: string): Promise<void> {
  const token = new AccessToken(config.LIVEKIT_API_KEY, config.LIVEKIT_API_SECRET, { ttl: 60 });
  token.addGrant({ roomCreate: true });
  const url = new URL(
    "/twirp/livekit.RoomService/DeleteRoom",
    config.LIVEKIT_URL.replace(/^ws/, "http"),
  );
  const response = await fetch(url, {
    method: "POST",
    headers: { authorization: `Bearer ${await token.toJwt()}`, "content-type": "application/json" },
    body: JSON.stringify({ room: roomName }),
  });
  const answer = (await response.json().catch(() => ({}))) as { code?: string; msg?: string };
  if (response.ok || answer.code === "not_found") return;
  throw new Error(`LiveKit DeleteRoom answered ${response.status} ${answer.code ?? ""}`);
}
