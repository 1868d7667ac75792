import type { AgentType } from "../../engine/personas/agent-types";
import { fail, ok, type Result } from "../../kernel/result";
import { ConcernApi } from "../front-door";
import type { UserModules } from "../user-modules";
import type { VoiceRoom } from "./voice-rooms";
import type { TurnRole } from "./voice-transcripts";

const ended = () => fail<never>("session_ended", "The voice session of this token has ended.");

/**
 * `actor.agent(userId, roomName)`: the agent host's calls for one room (/internal/agent/*).
 * Each operation answers in one call what the agent API needs to know: whether the room is
 * still live, which coach speaks in it now, whether that coach may use the tool, and the result.
 */
export class AgentApi extends ConcernApi {
  readonly #roomName: string;

  constructor(modules: UserModules, roomName: string) {
    super(modules);
    this.#roomName = roomName;
  }

  /** The room while it is live; `session_ended` once it is not. */
  #live(): Result<VoiceRoom> {
    const room = this.modules.voice.live(this.#roomName);
    return room ? ok(room) : ended();
  }

  /** The coach speaking now (after any hand-off). */
  coach(): Result<{ agent_type: AgentType }> {
    const room = this.#live();
    return room.ok ? ok({ agent_type: room.value.agent_type as AgentType }) : room;
  }

  /** What the coach speaking now starts from: the user's coaching context and chat memory. */
  async briefing() {
    const room = this.#live();
    return room.ok ? this.#briefingOf(room.value.agent_type as AgentType) : room;
  }

  async #briefingOf(agentType: AgentType) {
    const context = await this.modules.context.get();
    if (!context.ok) return fail<never>("forbidden", "The user of this session no longer exists.");
    return ok({
      agent_type: agentType,
      context: context.value,
      chat_memory: this.modules.chat.recall(agentType),
    });
  }

  /** Hands the live call to another coach; answers that coach's briefing. */
  async handOff(agentType: AgentType, reason: string | null) {
    const handed = this.modules.voice.handOff(this.#roomName, agentType, reason);
    return handed.ok ? this.#briefingOf(agentType) : handed;
  }

  /** Runs a tool for the coach speaking now, within that coach's tool subset. */
  async runTool(name: string, args: unknown) {
    const room = this.#live();
    if (!room.ok) return room;
    return this.modules.tools.run({
      agentType: room.value.agent_type as AgentType,
      channel: this.#roomName,
      name,
      args,
    });
  }

  /** A final transcript turn of the live call; stored once per turn id. */
  addTurn(turn: { turn_id: string; role: TurnRole; text: string; spoken_at: string }) {
    return this.modules.voice.addTurn(this.#roomName, turn);
  }
}
