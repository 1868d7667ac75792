import type { Cursor } from "../../kernel/pages";
import { fail, ok, type Result } from "../../kernel/result";
import { localDate } from "../../kernel/zoned";
import type { DailyQuotas } from "../account/daily-quotas";
import type { CoachingContext } from "../context/coaching-context";
import { type Conversation, Conversations, type StoredMessage } from "./conversations";

interface Deps {
  sql: SqlStorage;
  timezone: () => Promise<string>;
  context: () => Promise<Result<CoachingContext>>;
  historyMessages: () => number;
  quotas: DailyQuotas;
  /** Tokens a user may spend in 24 hours, the most one turn may use, how long a turn may run. */
  budget: () => { daily: number; turnMax: number; turnMs: number };
}

export type TokenUsage = { input_tokens: number; output_tokens: number };

/** A turn's hold on the day's token budget, settled with what it really used. */
export interface ChatReservation {
  id: string;
  maxTokens: number;
}

const QUOTA = "chat_tokens";

export interface ChatTurn {
  messages: StoredMessage[];
  events: Array<{ kind: string; data: unknown }>;
  agentType: string;
  usage: TokenUsage;
}

/**
 * Text chat in the user's actor: conversations and their bounded history, and the token budget
 * of the last 24 hours (DailyQuotas). The model call itself runs in the Worker (it streams to the request), so
 * a turn holds its maximum before calling and settles to its real usage after.
 */
export class Chat {
  readonly #conversations: Conversations;

  constructor(private readonly deps: Deps) {
    this.#conversations = new Conversations(deps.sql);
  }

  /**
   * What a turn starts from: the conversation (if any) and a hold of the turn's maximum on
   * the 24-hour budget, taken in one step with the check so concurrent turns cannot all pass it.
   */
  async reserve(
    conversationId: string | null,
  ): Promise<Result<{ conversation: Conversation | null; reservation: ChatReservation }>> {
    const conversation = conversationId ? this.#conversations.get(conversationId) : null;
    if (conversationId !== null && !conversation)
      return fail("conversation_not_found", "No such conversation.");
    const { daily, turnMax, turnMs } = this.deps.budget();
    const hold = await this.deps.quotas.reserve(QUOTA, daily, turnMax, turnMs);
    if (!hold.ok)
      return fail("chat_budget_exceeded", "The chat allowance of the last 24 hours is used up.", {
        retry_after_seconds: hold.retryAfterSeconds,
      });
    return ok({ conversation, reservation: { id: hold.id, maxTokens: turnMax } });
  }

  /** Opens (or creates) the conversation for a turn with its bounded history and the context. */
  async start(conversationId: string | null, agentType: string) {
    const conversation =
      (conversationId ? this.#conversations.get(conversationId) : null) ??
      this.#conversations.create(agentType);
    const context = await this.deps.context();
    return {
      conversation,
      history: this.#conversations.messages(conversation.id),
      context: context.ok ? context.value : null,
    };
  }

  async finish(conversationId: string, turn: ChatTurn, reservationId: string): Promise<void> {
    this.#conversations.saveTurn(conversationId, turn, this.deps.historyMessages());
    await this.settle(reservationId, turn.usage);
  }

  /** Ends a turn's hold with what it used: a failed turn pays for its calls, 0 releases it. */
  async settle(reservationId: string, usage: TokenUsage): Promise<void> {
    await this.deps.quotas.settle(QUOTA, reservationId, usage.input_tokens + usage.output_tokens);
    this.#conversations.addUsage(localDate(await this.deps.timezone()), usage);
  }

  /** The latest text chat with this coach, cut short, for a voice call with the same coach. */
  recall(agentType: string) {
    return this.#conversations.recall(agentType);
  }

  list(page: { limit: number; after?: Cursor }) {
    return this.#conversations.list(page);
  }

  /** A conversation with its kept messages (bounded by the fold) and a page of its events. */
  get(conversationId: string, events: { limit: number; after?: Cursor }) {
    const conversation = this.#conversations.get(conversationId);
    if (!conversation) return null;
    const page = this.#conversations.events(conversationId, events);
    return {
      ...conversation,
      messages: this.#conversations.messages(conversationId),
      events: page.items,
      events_next_cursor: page.nextCursor,
    };
  }
}
