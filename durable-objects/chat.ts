import type { Cursor } from "../worker/db/pages";
import { fail, ok, type Result } from "../worker/result";
import { localDate } from "../worker/time/zoned";
import type { CoachingContext } from "./coaching-context";
import { type Conversation, Conversations, type StoredMessage } from "./conversations";

interface Deps {
  sql: SqlStorage;
  timezone: () => Promise<string>;
  context: () => Promise<Result<CoachingContext>>;
  historyMessages: () => number;
}

export interface ChatTurn {
  messages: StoredMessage[];
  events: Array<{ kind: string; data: unknown }>;
  agentType: string;
  usage: { input_tokens: number; output_tokens: number };
}

/**
 * Text chat in the user's actor: conversations and their bounded history, and the tokens
 * spent each local day. The model call itself runs in the Worker (it streams to the request).
 */
export class Chat {
  readonly #conversations: Conversations;

  constructor(private readonly deps: Deps) {
    this.#conversations = new Conversations(deps.sql);
  }

  /** What a turn starts from: the conversation (if any) and today's token use. */
  async state(
    conversationId: string | null,
  ): Promise<Result<{ conversation: Conversation | null; usedToday: number }>> {
    const conversation = conversationId ? this.#conversations.get(conversationId) : null;
    if (conversationId !== null && !conversation)
      return fail("conversation_not_found", "No such conversation.");
    const day = localDate(await this.deps.timezone());
    return ok({ conversation, usedToday: this.#conversations.usageToday(day) });
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

  async finish(conversationId: string, turn: ChatTurn): Promise<void> {
    this.#conversations.saveTurn(conversationId, turn, this.deps.historyMessages());
    this.#conversations.addUsage(localDate(await this.deps.timezone()), turn.usage);
  }

  list(page: { limit: number; after?: Cursor }) {
    return this.#conversations.list(page);
  }

  get(conversationId: string) {
    const conversation = this.#conversations.get(conversationId);
    if (!conversation) return null;
    return {
      ...conversation,
      messages: this.#conversations.messages(conversationId),
      events: this.#conversations.events(conversationId),
    };
  }
}
