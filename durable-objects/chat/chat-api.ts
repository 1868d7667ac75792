import type { AgentType } from "../../engine/personas/agent-types";
import { type Cursor, pageJson } from "../../kernel/pages";
import { ConcernApi } from "../front-door";
import type { ChatTurn, TokenUsage } from "./chat";

/**
 * `actor.chat(userId)`: text chat. The turn loop runs at the edge (it streams from Claude);
 * the actor holds the conversation, the token budget and runs the tools.
 */
export class ChatApi extends ConcernApi {
  /**
   * The conversation and a hold of one turn's tokens on today's budget (chat_budget_exceeded).
   * Model calls are paid: only for a verified address.
   */
  async reserve(conversationId: string | null) {
    return (await this.modules.account.unverified()) ?? this.modules.chat.reserve(conversationId);
  }

  start(conversationId: string | null, agentType: string) {
    return this.modules.chat.start(conversationId, agentType);
  }

  finish(conversationId: string, turn: ChatTurn, reservationId: string) {
    return this.modules.chat.finish(conversationId, turn, reservationId);
  }

  /** Settles a turn that failed: what its model calls used, 0 when none was made. */
  settle(reservationId: string, usage: TokenUsage) {
    return this.modules.chat.settle(reservationId, usage);
  }

  /** Runs a tool of the conversation's coach, within that coach's tool subset. */
  runTool(conversationId: string, agentType: AgentType, name: string, args: unknown) {
    return this.modules.tools.run({ agentType, channel: conversationId, name, args });
  }

  list(page: { limit: number; after?: Cursor }) {
    return pageJson(this.modules.chat.list(page), (conversation) => conversation);
  }

  get(conversationId: string, events: { limit: number; after?: Cursor }) {
    return this.modules.chat.get(conversationId, events);
  }
}
