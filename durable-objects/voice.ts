import type { Database } from "../worker/db/client";
import { insertVoiceSession, markVoiceSessionEnded } from "../worker/db/voice-sessions";
import type { Logger } from "../worker/logger";
import type { AgentType } from "../worker/personas/agent-types";
import { fail, ok, type Result } from "../worker/result";
import type { RealtimeEventType } from "./realtime";
import { type VoiceRoom, VoiceRooms } from "./voice-rooms";

interface Deps {
  sql: SqlStorage;
  db: () => Database;
  userId: () => string;
  emit: (type: RealtimeEventType, data: unknown) => void;
  log: () => Logger;
}

/**
 * The user's voice calls: the live rooms in the actor (which rooms exist, which coach speaks
 * in each, whether an agent token is still good) and their history in D1.
 */
export class Voice {
  readonly #rooms: VoiceRooms;

  constructor(private readonly deps: Deps) {
    this.#rooms = new VoiceRooms(deps.sql);
  }

  /** Records a new room here (live rooms) and in D1 (history). */
  async record(room: Omit<VoiceRoom, "status" | "ended_at">): Promise<void> {
    await insertVoiceSession(this.deps.db(), this.deps.userId(), {
      roomName: room.room_name,
      agentType: room.agent_type,
      mode: room.mode,
      createdAt: room.created_at,
    });
    this.#rooms.record(room);
  }

  active(): VoiceRoom[] {
    return this.#rooms.active();
  }

  get(roomName: string): VoiceRoom | null {
    return this.#rooms.get(roomName);
  }

  /** The room of an agent token while it is live (with the coach speaking now), else null. */
  live(roomName: string): VoiceRoom | null {
    return this.#rooms.live(roomName);
  }

  /** Ends a room (deleted, finished or gone from LiveKit); idempotent. */
  async end(roomName: string, at = new Date()): Promise<void> {
    if (!this.#rooms.get(roomName)) return;
    this.#rooms.end(roomName, at);
    await markVoiceSessionEnded(this.deps.db(), roomName, at.toISOString());
  }

  /**
   * An in-call hand-off: from now on the agent API serves this coach's persona and tools for
   * the room. The app hears of it on its realtime socket.
   */
  handOff(roomName: string, agentType: AgentType, reason: string | null): Result<{ from: string }> {
    const from = this.#rooms.setCoach(roomName, agentType);
    if (from === null) return fail("session_ended", "The voice session of this token has ended.");
    if (from !== agentType) {
      this.deps.log().info("voice_coach_handoff", { room: roomName, from, to: agentType, reason });
      this.deps.emit("voice.coach_changed", {
        room_name: roomName,
        agent_type: agentType,
        previous_agent_type: from,
        reason,
      });
    }
    return ok({ from });
  }
}
