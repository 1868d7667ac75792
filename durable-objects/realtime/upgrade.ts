import { type ErrorCode, statusOf } from "../../kernel/error-codes";
import type { UserModules } from "../user-modules";
import { AGENT_SOCKETS_PER_ROOM, AGENT_TAG } from "../voice/agent-feed";

/** An upgrade the actor refuses: the Worker answers it as ApiError(code) (routes/agent.ts). */
const refusal = (code: ErrorCode, message: string) =>
  Response.json({ code, message }, { status: statusOf(code) });

/**
 * A WebSocket upgrade for /v1/realtime or an agent's events (the Worker authenticated it):
 * accepted as a hibernating socket of the user, or refused with the code the Worker answers.
 */
export async function acceptUpgrade(modules: UserModules, request: Request): Promise<Response> {
  if ((await modules.account.status()) !== "active")
    return refusal("session_ended", "The account of this session is closed.");
  const tag = request.headers.get("x-actor-socket-tag") ?? undefined;
  const roomName = request.headers.get("x-actor-room") ?? undefined;
  if (tag === AGENT_TAG) {
    // An agent's socket belongs to its room: refused once the room is no longer live (it may
    // have ended between the Worker's check and this upgrade), and beyond the room's few.
    // Counted and accepted with no await between, so concurrent upgrades cannot overshoot.
    if (!(roomName && modules.voice.live(roomName)))
      return refusal("session_ended", "The voice session of this token has ended.");
    if (modules.realtime.agentSockets(roomName) >= AGENT_SOCKETS_PER_ROOM)
      return refusal(
        "agent_socket_limit",
        `This room already has ${AGENT_SOCKETS_PER_ROOM} agent sockets open; close one first.`,
      );
  }
  return modules.realtime.accept(tag, roomName);
}
