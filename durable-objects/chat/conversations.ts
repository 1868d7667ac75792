// Chat history in the user's actor: conversations, their messages in the Anthropic message
// format (so a replay is exact, tool calls included), and per-day token accounting.
// Long conversations keep a bounded prompt: older turns fold into a running summary.

import { afterCursorSql, type Cursor, type Page, toPage } from "../../kernel/pages";

export type StoredMessage = { role: "user" | "assistant"; content: unknown; agent_type: string };

export type Conversation = {
  id: string;
  agent_type: string;
  summary: string | null;
  created_at: string;
  updated_at: string;
};

const SUMMARY_LIMIT = 2000;
/** What a call recalls of a chat: a few KB at most, it rides along every voice turn. */
const RECALL_MESSAGES = 6;
const RECALL_CHARS = 200;
const RECALL_SUMMARY_CHARS = 600;

export type ChatMemory = { updated_at: string; summary: string | null; last_messages: string[] };

function textOf(content: unknown): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return content
    .map((block: { type?: string; text?: string; name?: string }) =>
      block.type === "text" ? block.text : block.type === "tool_use" ? `[used ${block.name}]` : "",
    )
    .filter(Boolean)
    .join(" ");
}

export class Conversations {
  constructor(private readonly sql: SqlStorage) {}

  get(id: string): Conversation | null {
    return (
      this.sql.exec<Conversation>("SELECT * FROM conversations WHERE id = ?", id).toArray()[0] ??
      null
    );
  }

  create(agentType: string): Conversation {
    const now = new Date().toISOString();
    const conversation = {
      id: `conv_${crypto.randomUUID().replace(/-/g, "")}`,
      agent_type: agentType,
      summary: null,
      created_at: now,
      updated_at: now,
    };
    this.sql.exec(
      "INSERT INTO conversations (id, agent_type, summary, created_at, updated_at) VALUES (?, ?, NULL, ?, ?)",
      conversation.id,
      agentType,
      now,
      now,
    );
    return conversation;
  }

  /** A page of conversations, most recently active first, by (updated_at, id). */
  list(options: { limit: number; after?: Cursor }): Page<Conversation & { messages: number }> {
    const after = afterCursorSql(options.after, "c.updated_at", "c.id", "desc");
    const rows = this.sql
      .exec<Conversation & { messages: number }>(
        `SELECT c.*, (SELECT count(*) FROM chat_messages m WHERE m.conversation_id = c.id) AS messages
         FROM conversations c WHERE ${after.where}
         ORDER BY c.updated_at DESC, c.id DESC LIMIT ?`,
        ...after.params,
        options.limit + 1,
      )
      .toArray();
    return toPage(rows, options.limit, (row) => ({ sort: row.updated_at, id: row.id }));
  }

  messages(id: string): StoredMessage[] {
    return this.sql
      .exec<{ role: "user" | "assistant"; content: string; agent_type: string }>(
        "SELECT role, content, agent_type FROM chat_messages WHERE conversation_id = ? ORDER BY seq",
        id,
      )
      .toArray()
      .map((row) => ({
        role: row.role,
        agent_type: row.agent_type,
        content: JSON.parse(row.content),
      }));
  }

  /** A page of a conversation's events (hand-offs, tool calls) in order, by (created_at, seq). */
  events(
    id: string,
    page: { limit: number; after?: Cursor },
  ): Page<{ kind: string; data: unknown; created_at: string }> {
    const after = afterCursorSql(page.after, "created_at", "seq", "asc");
    const rows = this.sql
      .exec<{ seq: number; kind: string; data: string; created_at: string }>(
        `SELECT seq, kind, data, created_at FROM chat_events WHERE conversation_id = ? AND ${after.where}
         ORDER BY created_at, seq LIMIT ?`,
        id,
        ...after.params,
        page.limit + 1,
      )
      .toArray();
    const paged = toPage(rows, page.limit, (row) => ({
      sort: row.created_at,
      id: String(row.seq),
    }));
    return {
      items: paged.items.map(({ kind, data, created_at }) => ({
        kind,
        data: JSON.parse(data),
        created_at,
      })),
      nextCursor: paged.nextCursor,
    };
  }

  /** Stores one finished turn: its messages, its events (tool calls, hand-offs) and the coach now in charge. */
  saveTurn(
    id: string,
    turn: {
      messages: StoredMessage[];
      events: Array<{ kind: string; data: unknown }>;
      agentType: string;
    },
    keepMessages: number,
  ): void {
    const now = new Date().toISOString();
    for (const message of turn.messages)
      this.sql.exec(
        "INSERT INTO chat_messages (conversation_id, role, agent_type, content, created_at) VALUES (?, ?, ?, ?, ?)",
        id,
        message.role,
        message.agent_type,
        JSON.stringify(message.content),
        now,
      );
    for (const event of turn.events)
      this.sql.exec(
        "INSERT INTO chat_events (conversation_id, kind, data, created_at) VALUES (?, ?, ?, ?)",
        id,
        event.kind,
        JSON.stringify(event.data),
        now,
      );
    this.sql.exec(
      "UPDATE conversations SET agent_type = ?, updated_at = ? WHERE id = ?",
      turn.agentType,
      now,
      id,
    );
    this.#fold(id, keepMessages);
  }

  /**
   * Keeps at most `keep` messages for the prompt: older ones become summary lines. The cut is
   * made before a user text message, so a tool call is never separated from its result.
   */
  #fold(id: string, keep: number): void {
    const rows = this.sql
      .exec<{ seq: number; role: string; content: string }>(
        "SELECT seq, role, content FROM chat_messages WHERE conversation_id = ? ORDER BY seq",
        id,
      )
      .toArray();
    if (rows.length <= keep) return;
    let cut = rows.length - keep;
    while (cut < rows.length) {
      const row = rows[cut];
      if (row && row.role === "user" && typeof JSON.parse(row.content) === "string") break;
      cut += 1;
    }
    const old = rows.slice(0, cut);
    if (old.length === 0) return;
    const lines = old
      .map(
        (row) =>
          `${row.role === "user" ? "User" : "Coach"}: ${textOf(JSON.parse(row.content)).slice(0, 160)}`,
      )
      .filter((line) => !line.endsWith(": "));
    const previous = this.get(id)?.summary ?? "";
    const summary = `${previous}\n${lines.join("\n")}`.trim().slice(-SUMMARY_LIMIT);
    this.sql.exec("UPDATE conversations SET summary = ? WHERE id = ?", summary, id);
    this.sql.exec(
      "DELETE FROM chat_messages WHERE conversation_id = ? AND seq <= ?",
      id,
      old.at(-1)?.seq ?? 0,
    );
  }

  /**
   * What a voice call with this coach should know of the user's text chat with it: the latest
   * such conversation's folded summary (its end) and last messages, each cut short.
   */
  recall(agentType: string): ChatMemory | null {
    const conversation = this.sql
      .exec<Conversation>(
        "SELECT * FROM conversations WHERE agent_type = ? ORDER BY updated_at DESC, id DESC LIMIT 1",
        agentType,
      )
      .toArray()[0];
    if (!conversation) return null;
    const last = this.sql
      .exec<{ role: string; content: string }>(
        "SELECT role, content FROM chat_messages WHERE conversation_id = ? ORDER BY seq DESC LIMIT ?",
        conversation.id,
        RECALL_MESSAGES,
      )
      .toArray()
      .reverse()
      .map(
        (row) =>
          `${row.role === "user" ? "User" : "Coach"}: ${textOf(JSON.parse(row.content)).slice(0, RECALL_CHARS)}`,
      )
      .filter((line) => !line.endsWith(": "));
    return {
      updated_at: conversation.updated_at,
      summary: conversation.summary ? conversation.summary.slice(-RECALL_SUMMARY_CHARS) : null,
      last_messages: last,
    };
  }

  usageToday(day: string): number {
    const row = this.sql
      .exec<{ total: number }>(
        "SELECT input_tokens + output_tokens AS total FROM token_usage WHERE day = ?",
        day,
      )
      .toArray()[0];
    return row?.total ?? 0;
  }

  addUsage(day: string, usage: { input_tokens: number; output_tokens: number }): void {
    this.sql.exec(
      `INSERT INTO token_usage (day, input_tokens, output_tokens) VALUES (?, ?, ?)
       ON CONFLICT(day) DO UPDATE SET input_tokens = input_tokens + excluded.input_tokens,
         output_tokens = output_tokens + excluded.output_tokens`,
      day,
      usage.input_tokens,
      usage.output_tokens,
    );
  }
}
