import type { Database } from "../../d1/client";
import {
  deleteVoiceSession,
  insertVoiceSession,
  markVoiceSessionEnded,
} from "../../d1/voice-sessions";
import type { AgentType } from "../../engine/personas/agent-types";
import type { Logger } from "../../kernel/logger";
import type { Cursor } from "../../kernel/pages";
import { fail, ok, type Result } from "../../kernel/result";
import type { DailyQuotas } from "../account/daily-quotas";
import type { RealtimeEventType } from "../realtime/realtime";
import { callSummary, recentCallLine } from "./call-summary";
import type { VoiceBudget } from "./voice-budget";
import {
  type NewVoiceRoom,
  type VoiceHistoryStatus,
  type VoiceRoom,
  VoiceRooms,
} from "./voice-rooms";
import { type TurnRole, VoiceTranscripts, type VoiceTurn } from "./voice-transcripts";

interface Deps {
  sql: SqlStorage;
  db: () => Database;
  userId: () => string;
  emit: (type: RealtimeEventType, data: unknown) => void;
  /** Closes the agent sockets of a room that ended. */
  closeRoom: (roomName: string) => void;
  budget: Pick<VoiceBudget, "joined" | "left" | "status">;
  maxActive: () => number;
  /** VOICE_ROOMS_PER_DAY in DailyQuotas' 24-hour window: `take` runs in open()'s synchronous step. */
  roomQuota: {
    ready: () => Promise<void>;
    take: () => ReturnType<DailyQuotas["takeNow"]>;
    limit: () => number;
  };
  /** VOICE_TRANSCRIPTS_KEPT: ended calls whose transcript is kept (older: summary only). */
  transcriptsKept: () => number;
  /** A call ended: the coaching context (its recent calls) is stale. */
  changed: () => Promise<void>;
  log: () => Logger;
}

/** Ended calls the coaching context quotes. */
const RECENT_CALLS = 3;

/** What the app needs to rejoin or end a live call (the 409's details). */
const liveRoom = (room: VoiceRoom) => ({
  room_name: room.room_name,
  agent_type: room.agent_type,
  mode: room.mode,
  created_at: room.created_at,
  expires_at: room.expires_at,
});

/**
 * The user's voice calls: the live rooms in the actor (which rooms exist, which coach speaks
 * in each, whether an agent token is still good) and their history in D1.
 */
export class Voice {
  readonly #rooms: VoiceRooms;
  readonly #transcripts: VoiceTranscripts;

  constructor(private readonly deps: Deps) {
    this.#rooms = new VoiceRooms(deps.sql);
    this.#transcripts = new VoiceTranscripts(deps.sql);
  }

  /**
   * Opens a room if the user may have one more: under VOICE_MAX_ACTIVE_SESSIONS live rooms,
   * with voice minutes left and under VOICE_ROOMS_PER_DAY rooms created in the last 24 hours
   * (joined or not: each dispatches an agent). Decided here, before LiveKit is asked, with no
   * await between the checks and the insert, so two concurrent requests cannot both take the
   * last slot. The caller discards the room if LiveKit then fails; it still counts against the
   * rooms of the day (its agent may have been dispatched).
   */
  async open(room: NewVoiceRoom): Promise<Result<void>> {
    await this.settleExpired();
    await this.deps.roomQuota.ready();
    const budget = await this.deps.budget.status();
    if (budget.usedSeconds >= budget.limitSeconds)
      return fail(
        "voice_budget_exceeded",
        "You have used the voice coaching minutes of the last 24 hours. Try again later.",
        {
          minutes_used: Math.floor(budget.usedSeconds / 60),
          minutes_limit: budget.limitSeconds / 60,
          retry_after_seconds: budget.retryAfterSeconds,
        },
      );
    const live = this.#rooms.active();
    if (live.length >= this.deps.maxActive())
      return fail(
        "voice_session_active",
        "A voice session is already running. Rejoin it or end it first.",
        { active_sessions: live.map(liveRoom) },
      );
    const taken = this.deps.roomQuota.take();
    if (!taken.ok)
      return fail(
        "voice_room_quota_exceeded",
        "You have started as many voice calls as you can in 24 hours. Try again later.",
        {
          rooms_used: taken.used,
          rooms_limit: this.deps.roomQuota.limit(),
          retry_after_seconds: taken.retryAfterSeconds,
        },
      );
    this.#rooms.record(room);
    try {
      await insertVoiceSession(this.deps.db(), this.deps.userId(), {
        roomName: room.room_name,
        agentType: room.agent_type,
        mode: room.mode,
        createdAt: room.created_at,
      });
    } catch (error) {
      this.#rooms.remove(room.room_name);
      throw error;
    }
    return ok(undefined);
  }

  /** Forgets a room that never started (LiveKit failed while it was set up): frees its slot. */
  async discard(roomName: string): Promise<void> {
    this.#rooms.remove(roomName);
    this.deps.closeRoom(roomName);
    await deleteVoiceSession(this.deps.db(), roomName);
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

  /**
   * Ends a room (deleted, finished, gone from LiveKit, account deleted); idempotent. Its agent
   * token stops working, so its agent sockets are closed, and the user's time in it is counted.
   */
  async end(roomName: string, at = new Date()): Promise<void> {
    this.deps.closeRoom(roomName);
    const room = this.#rooms.get(roomName);
    if (!room) return;
    // Ended and summarised with no await between: a concurrent end finds it done.
    if (room.status === "active") this.#store(roomName, at);
    await markVoiceSessionEnded(this.deps.db(), roomName, at.toISOString());
    await this.deps.budget.left(roomName, at);
    if (room.status === "active") await this.deps.changed();
  }

  /** The call goes into the history: its length, summary, and older transcripts dropped. */
  #store(roomName: string, at: Date): void {
    this.#rooms.end(roomName, at);
    const ended = this.#rooms.get(roomName);
    if (!ended) return;
    const summary = callSummary({
      coaches: JSON.parse(ended.coaches) as string[],
      durationSeconds: ended.duration_seconds ?? 0,
      turns: this.#transcripts.turns(roomName),
    });
    this.#rooms.setSummary(roomName, summary);
    for (const old of this.#rooms.beyondKept(this.deps.transcriptsKept())) {
      this.#transcripts.drop(old);
      this.#rooms.transcriptDropped(old);
    }
    this.deps.log().info("voice_call_stored", {
      room: roomName,
      duration_seconds: ended.duration_seconds,
      turns: this.#transcripts.count(roomName),
    });
  }

  /** Rooms whose token expired without an end from LiveKit or the app end at their expiry. */
  async settleExpired(now = new Date()): Promise<void> {
    for (const room of this.#rooms.expired(now))
      await this.end(room.room_name, new Date(room.expires_at));
  }

  /** A page of the user's calls: live ones first, then ended ones, latest first. */
  async history(options: { limit: number; after?: Cursor; status?: VoiceHistoryStatus }) {
    await this.settleExpired();
    return this.#rooms.page(options);
  }

  /** One call's transcript, or null for a room the user never had. */
  transcript(roomName: string): { room: VoiceRoom; turns: VoiceTurn[] } | null {
    const room = this.#rooms.get(roomName);
    return room ? { room, turns: this.#transcripts.turns(roomName) } : null;
  }

  /**
   * A final turn of a live call, posted by its agent host; once per turn id. The coach turn is
   * attributed to the coach speaking now (the backend's record, not the caller's word).
   */
  addTurn(
    roomName: string,
    turn: { turn_id: string; role: TurnRole; text: string; spoken_at: string },
  ): Result<{ stored: boolean }> {
    const room = this.#rooms.live(roomName);
    if (!room) return fail("session_ended", "The voice session of this token has ended.");
    return this.#transcripts.add(roomName, { ...turn, agent_type: room.agent_type });
  }

  /** A tool the coach of a live call ran, for the call's summary ("used log_set_completion"). */
  toolUsed(roomName: string, name: string): void {
    const room = this.#rooms.live(roomName);
    if (!room) return;
    // Past the per-call bound the tool simply goes unmentioned.
    this.#transcripts.add(roomName, {
      turn_id: `tool-${crypto.randomUUID()}`,
      role: "tool",
      agent_type: room.agent_type,
      text: name,
      spoken_at: new Date().toISOString(),
    });
  }

  /** "last call, 2 days ago: workout coach, 12 min; ..." lines for the coaching context. */
  recentCalls(timezone: string | null): string[] {
    return this.#rooms
      .recentEnded(RECENT_CALLS)
      .map((room, index) =>
        recentCallLine(index, room.ended_at ?? room.created_at, room.summary ?? "", timezone),
      );
  }

  /** The user's own participant joined or left one of their rooms (LiveKit webhooks). */
  async presence(roomName: string, change: "joined" | "left", at: Date): Promise<void> {
    const room = this.#rooms.get(roomName);
    if (!room) return;
    if (change === "left") await this.deps.budget.left(roomName, at);
    else if (room.status === "active") await this.deps.budget.joined(roomName, at);
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
