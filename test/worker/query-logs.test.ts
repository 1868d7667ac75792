import { env } from "cloudflare:test";
import { and, eq, sql } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { database } from "../../d1/client";
import { users } from "../../d1/schema";
import { createLogger, errorFields } from "../../kernel/logger";
import { signUp } from "./helpers";

// A failed D1 query is logged with its statement (to find the bug) but never its bound values
// (user ids, dates, emails): drizzle puts those in the error message, and so in the stack.

afterEach(() => {
  vi.restoreAllMocks();
});

/** A query that fails in D1 with a user id and a date bound to it. */
async function failedQuery(userId: string): Promise<Error> {
  const db = database(env.DB);
  try {
    await db
      .select()
      .from(users)
      .where(and(eq(users.id, userId), sql`no_such_column = ${"2026-11-23"}`));
  } catch (error) {
    return error as Error;
  }
  throw new Error("the query did not fail");
}

describe("logs of a failed query", () => {
  it("carry the statement, a parameter count and hash, not the user id or the date", async () => {
    const user = await signUp();
    const error = await failedQuery(user.userId);
    expect(error.message).toContain(user.userId); // what drizzle puts in its message
    const lines: string[] = [];
    vi.spyOn(console, "error").mockImplementation((line: string) => void lines.push(line));
    createLogger({ request_id: "req-1" }).error("unhandled_error", errorFields(error));
    const [line] = lines;
    expect(line).toContain('select \\"id\\"');
    expect(line).toContain("no_such_column");
    expect(line).not.toContain(user.userId);
    expect(line).not.toContain("2026-11-23");
    expect(JSON.parse(line as string)).toMatchObject({
      event: "unhandled_error",
      param_count: 2,
      params_hash: expect.stringMatching(/^[0-9a-f]{8}$/),
      cause: expect.stringContaining("no such column"),
    });
  });

  it("cut the values from the same text when it crossed an actor's RPC as a plain Error", async () => {
    const user = await signUp();
    const copied = new Error((await failedQuery(user.userId)).message);
    const fields = errorFields(copied);
    expect(JSON.stringify(fields)).not.toContain(user.userId);
    expect(fields.error).toContain("Failed query: select");
  });
});
