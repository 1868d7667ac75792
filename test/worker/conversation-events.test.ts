import { describe, expect, it } from "vitest";
import { actorSql } from "./actor-helpers";
import { call, json, signUp } from "./helpers";

// A conversation's events (hand-offs, tool calls, results) grow with every turn; its detail
// answers them a page at a time, as every list does, so years of chat stay a bounded answer.

async function conversationWithEvents(userId: string, count: number) {
  const id = "conv_paged0000000000000000000000000";
  const at = "2026-11-23T18:00:00.000Z";
  await actorSql(
    userId,
    "INSERT INTO conversations (id, agent_type, summary, created_at, updated_at) VALUES (?, 'general', NULL, ?, ?)",
    id,
    at,
    at,
  );
  for (let i = 0; i < count; i++)
    await actorSql(
      userId,
      "INSERT INTO chat_events (conversation_id, kind, data, created_at) VALUES (?, 'tool_call', ?, ?)",
      id,
      JSON.stringify({ n: i }),
      at,
    );
  return id;
}

describe("GET /v1/chat/conversations/{id}", () => {
  it("answers at most `limit` events (max 100) and a cursor that reaches the rest", async () => {
    const user = await signUp();
    const id = await conversationWithEvents(user.userId, 130);
    const get = (query: string) =>
      call(`/v1/chat/conversations/${id}${query}`, { token: user.accessToken });

    const first = await json(await get("?limit=100"));
    expect(first.events).toHaveLength(100);
    expect(first.events_next_cursor).toEqual(expect.any(String));
    const rest = await json(
      await get(`?limit=100&cursor=${encodeURIComponent(first.events_next_cursor)}`),
    );
    expect(rest.events_next_cursor).toBeNull();
    const seen = [...first.events, ...rest.events].map((e: { data: { n: number } }) => e.data.n);
    expect(seen).toEqual(Array.from({ length: 130 }, (_, i) => i));

    const byDefault = await json(await get(""));
    expect(byDefault.events).toHaveLength(20);

    const tooMany = await get("?limit=101");
    expect(tooMany.status).toBe(422);
    expect((await json(tooMany)).error.details).toEqual([
      expect.objectContaining({ field: "limit" }),
    ]);
  });
});
