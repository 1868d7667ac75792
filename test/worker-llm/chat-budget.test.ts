import { env, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { DailyQuotas } from "../../durable-objects/account/daily-quotas";
import { call, json, type SignedUp, signUp } from "../worker/helpers";
import { onboard } from "../worker/onboarding-helpers";
import { enqueue } from "./anthropic-control";

// The daily chat token budget (CHAT_DAILY_TOKEN_BUDGET 20000 and CHAT_TURN_MAX_TOKENS 8000 in
// this project): each turn holds its maximum in the user's actor before calling the model and
// settles to what it used, so concurrent turns, failed turns and timezone moves cannot buy more.

const BUDGET = 20_000;
const TURN_MAX = 8_000;
// 8000 characters of answer is about 2000 output tokens at the stub's 4 characters a token.
const LONG = "x".repeat(8000);

async function onboarded(timezone = "Europe/Berlin") {
  const user = await signUp({ name: "Spender", verified: true });
  await onboard(user.accessToken, { basics: { timezone } });
  return user;
}

const ask = (user: SignedUp, message = "tell me more") =>
  call("/v1/chat", {
    token: user.accessToken,
    body: { message, agent_type: "general" },
    headers: { accept: "application/json" },
  });

/** Chats until the budget answers 429 (at most 30 turns); the 429 response. */
async function exhaust(user: SignedUp): Promise<Response> {
  for (let i = 0; i < 30; i++) {
    await enqueue({ text: LONG });
    const response = await ask(user);
    if (response.status === 429) return response;
    expect(response.status).toBe(200);
    await response.arrayBuffer();
  }
  throw new Error("the budget never ran out");
}

describe("chat token budget", () => {
  it("holds each turn's maximum, so 20 concurrent turns spend at most the budget plus one turn", async () => {
    const user = await onboarded();
    await enqueue(...Array.from({ length: 20 }, () => ({ text: LONG, delayMs: 50 })));
    const responses = await Promise.all(Array.from({ length: 20 }, () => ask(user)));
    let spent = 0;
    const refused: Response[] = [];
    for (const response of responses) {
      if (response.status === 429) refused.push(response);
      else {
        expect(response.status).toBe(200);
        const { usage } = await json(response);
        spent += usage.input_tokens + usage.output_tokens;
      }
    }
    expect(spent).toBeGreaterThan(0);
    expect(spent).toBeLessThanOrEqual(BUDGET + TURN_MAX);
    expect(refused.length).toBeGreaterThan(0);
    const body = await json(refused[0] as Response);
    expect(body.error.code).toBe("chat_budget_exceeded");
    expect(Number(refused[0]?.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("counts a turn that fails after a model call, until the budget runs out", async () => {
    const user = await onboarded();
    let status = 0;
    let turns = 0;
    for (; turns < 30; turns++) {
      // The first call answers (about 2000 tokens), the second is refused by the API.
      await enqueue(
        { toolUse: { name: "get_profile_summary", input: {} }, text: LONG },
        { error: { status: 400, type: "invalid_request_error", message: "bad request" } },
      );
      const response = await ask(user);
      status = response.status;
      if (status === 429) break;
      expect(status).toBe(502);
      await response.arrayBuffer();
    }
    expect(status).toBe(429);
    expect(turns).toBeLessThan(15);
  });

  it("releases the hold of a turn whose model call never ran", async () => {
    const user = await onboarded();
    // Three held turns would not fit in the budget: each must have been released.
    for (let i = 0; i < 4; i++) {
      await enqueue({ error: { status: 400, type: "invalid_request_error", message: "no" } });
      const failed = await ask(user);
      expect(failed.status).toBe(502);
      await failed.arrayBuffer();
    }
    await enqueue({ text: "Still here." });
    expect((await json(await ask(user))).text).toBe("Still here.");
  });

  it("keeps the same budget day when the timezone moves from Pacific/Kiritimati to Etc/GMT+12", async () => {
    const user = await onboarded("Pacific/Kiritimati");
    const refused = await exhaust(user);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    const moved = await call("/v1/profile", {
      method: "PATCH",
      token: user.accessToken,
      body: { timezone: "Etc/GMT+12" },
    });
    expect(moved.status).toBe(200);
    await enqueue({ text: "a second budget" });
    const after = await ask(user);
    expect(after.status).toBe(429);
    expect((await json(after)).error.code).toBe("chat_budget_exceeded");
  });
});

describe("DailyQuotas", () => {
  const inActor = <T>(fn: (sql: SqlStorage) => Promise<T>) =>
    runInDurableObject(env.USER_ACTOR.getByName(crypto.randomUUID()), (_, state) =>
      fn(state.storage.sql),
    );

  it("lets a hold that is never settled expire", async () => {
    await inActor(async (sql) => {
      const quotas = new DailyQuotas(sql, async () => ({}));
      expect((await quotas.reserve("tokens", 100, 100, 50)).ok).toBe(true);
      expect((await quotas.reserve("tokens", 100, 100, 50)).ok).toBe(false);
      await new Promise((resolve) => setTimeout(resolve, 80));
      const again = await quotas.reserve("tokens", 100, 100, 50);
      expect(again.ok).toBe(true);
      if (again.ok) await quotas.settle("tokens", again.id, 30);
      expect((await quotas.reserve("tokens", 100, 100, 50)).ok).toBe(true);
    });
  });
});
