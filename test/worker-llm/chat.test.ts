import { describe, expect, it } from "vitest";
import { actorSql } from "../worker/actor-helpers";
import { call, json, type SignedUp, signUp } from "../worker/helpers";
import { onboard } from "../worker/onboarding-helpers";
import { runJob } from "../worker/program-helpers";
import { enqueue, requests } from "./anthropic-control";

// Text chat with Claude, against the local Anthropic Messages stub (streaming SSE with text
// and tool_use blocks), driving real multi-step tool loops through the user's actor.

interface SseEvent {
  event: string;
  data: any;
}

async function chat(user: SignedUp, body: Record<string, unknown>): Promise<SseEvent[]> {
  const response = await call("/v1/chat", { token: user.accessToken, body });
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toContain("text/event-stream");
  const text = await response.text();
  return text
    .split("\n\n")
    .filter((chunk) => chunk.includes("event:"))
    .map((chunk) => ({
      event: /event: (.*)/.exec(chunk)?.[1] ?? "",
      data: JSON.parse(/data: (.*)/.exec(chunk)?.[1] ?? "null"),
    }));
}

async function onboarded(name = "Chatty") {
  const user = await signUp({ name, verified: true });
  await onboard(user.accessToken);
  return user;
}

describe("POST /v1/chat", () => {
  it("is refused to an unverified account (403 email_not_verified) before any model call", async () => {
    const user = await signUp();
    await onboard(user.accessToken);
    await enqueue({ text: "Hello there." });
    const response = await call("/v1/chat", {
      token: user.accessToken,
      body: { message: "Hi coach", agent_type: "workout" },
    });
    expect(response.status).toBe(403);
    const { error } = await json(response);
    expect(error.code).toBe("email_not_verified");
    expect(error.message).toContain("/v1/auth/email/verification");
    expect(await requests()).toEqual([]);
  });

  it("logs a set through a tool loop and streams agent, tool_call, tool_result, delta and done", async () => {
    const user = await onboarded();
    await enqueue(
      {
        toolUse: {
          name: "log_set_completion",
          input: { exercise_id: "barbell-back-squat", reps: 5, weight_kg: 100, rir: 2 },
        },
      },
      { text: "Logged 5 reps at 100 kg. Strong work!" },
    );
    const events = await chat(user, { message: "Log 5 squats at 100 kg", agent_type: "workout" });
    expect(events.map((e) => e.event).filter((e) => e !== "delta")).toEqual([
      "agent",
      "tool_call",
      "tool_result",
      "done",
    ]);
    expect(events[0]?.data).toMatchObject({ agent_type: "workout", reason: "requested" });
    expect(events.find((e) => e.event === "tool_result")?.data.result).toMatchObject({
      ok: true,
      result: { logged: true, reps: 5 },
    });
    const text = events
      .filter((e) => e.event === "delta")
      .map((e) => e.data.text)
      .join("");
    expect(text).toBe("Logged 5 reps at 100 kg. Strong work!");
    const done = events.at(-1)?.data;
    expect(done.usage.output_tokens).toBeGreaterThan(0);
    // The set is in the user's actor, where the logs live.
    expect(await actorSql(user.userId, "SELECT reps, weight_kg FROM workout_sets")).toEqual([
      { reps: 5, weight_kg: 100 },
    ]);
    // The stable prompt is cached and the tool result went back to Claude.
    const [first, second] = await requests();
    expect(first?.body.system[0].cache_control).toEqual({ type: "ephemeral" });
    expect(first?.body.tools.at(-1).cache_control).toEqual({ type: "ephemeral" });
    expect(second?.body.messages.at(-1).content[0]).toMatchObject({ type: "tool_result" });
  });

  it("starts a program from chat, then checks its status in a later message", async () => {
    const user = await onboarded();
    await enqueue(
      { toolUse: { name: "generate_workout_program", input: { duration_weeks: 4 } } },
      { text: "Your program is on its way." },
    );
    const first = await chat(user, { message: "Make me a new program", agent_type: "scheduler" });
    const job = first.find((e) => e.event === "tool_result")?.data.result.result;
    expect(job).toMatchObject({ status: "pending" });
    await runJob(user.userId, user.accessToken, job.job_id);
    await enqueue(
      { toolUse: { name: "check_program_status", input: {} } },
      { text: "It is ready!" },
    );
    const conversation = first.at(-1)?.data.conversation_id;
    const second = await chat(user, { message: "Is it ready?", conversation_id: conversation });
    expect(second[0]?.data).toMatchObject({ agent_type: "scheduler", reason: "conversation" });
    expect(second.find((e) => e.event === "tool_result")?.data.result.result).toMatchObject({
      status: "completed",
      progress: 100,
    });
    const history = await json(
      await call(`/v1/chat/conversations/${conversation}`, { token: user.accessToken }),
    );
    expect(history.messages.length).toBe(8); // two turns of user, tool_use, tool_result, answer
  });

  it("routes a message with the small model, and falls back to keywords when it fails", async () => {
    const user = await onboarded();
    await enqueue(
      { toolUse: { name: "route", input: { agent_type: "supplement", confidence: 0.92 } } },
      { text: "Creatine works." },
    );
    const routed = await chat(user, { message: "Is creatine worth taking?" });
    expect(routed[0]?.data).toMatchObject({ agent_type: "supplement", reason: "claude" });
    expect((await requests())[0]?.body.model).toBe("claude-haiku-4-5");

    await enqueue(
      { error: { status: 500, type: "api_error", message: "router down" } },
      { text: "Eat more protein." },
    );
    const fallback = await chat(user, { message: "How much protein should I eat at dinner?" });
    expect(fallback[0]?.data).toMatchObject({
      agent_type: "diet",
      reason: "keywords:router_error",
    });
  });

  it("hands off from the general coach to the diet coach and records it", async () => {
    const user = await onboarded();
    await enqueue(
      {
        toolUse: {
          name: "handoff_to_coach",
          input: { agent_type: "diet", reason: "meal question" },
        },
      },
      { toolUse: { name: "get_nutrition_targets", input: {} } },
      { text: "You have about 3035 kcal to eat today." },
    );
    const events = await chat(user, { message: "What should I eat today?", agent_type: "general" });
    const agents = events.filter((e) => e.event === "agent").map((e) => e.data.agent_type);
    expect(agents).toEqual(["general", "diet"]);
    expect(events.filter((e) => e.event === "tool_result").at(-1)?.data.result.ok).toBe(true);
    const conversation = events.at(-1)?.data.conversation_id;
    const stored = await json(
      await call(`/v1/chat/conversations/${conversation}`, { token: user.accessToken }),
    );
    expect(stored.agent_type).toBe("diet");
    expect(
      stored.events
        .filter((e: { kind: string }) => e.kind === "agent")
        .map((e: any) => e.data.agent_type),
    ).toEqual(["general", "diet"]);
    // The third request already ran as the diet coach, with the diet coach's tools.
    const third = (await requests())[2]?.body;
    expect(third.tools.map((t: { name: string }) => t.name)).toContain("get_meal_plan");
    expect(third.tools.map((t: { name: string }) => t.name)).not.toContain("log_set_completion");
  });

  it("enforces each coach's tools: the diet coach cannot log a set", async () => {
    const user = await onboarded();
    await enqueue(
      {
        toolUse: {
          name: "log_set_completion",
          input: { exercise_id: "barbell-back-squat", reps: 5 },
        },
      },
      { text: "I can't log workouts; ask the workout coach." },
    );
    const events = await chat(user, { message: "log my squats", agent_type: "diet" });
    expect(events.find((e) => e.event === "tool_result")?.data.result).toMatchObject({
      ok: false,
      error: { code: "tool_not_allowed" },
    });
    expect(await actorSql(user.userId, "SELECT count(*) AS n FROM workout_sets")).toEqual([
      { n: 0 },
    ]);
  });

  it("turns malformed tool input into a tool error the model can explain", async () => {
    const user = await onboarded();
    await enqueue(
      {
        toolUse: {
          name: "log_set_completion",
          input: { exercise_id: "barbell-back-squat", reps: "five" },
        },
      },
      { text: "Sorry, how many reps was that?" },
    );
    const events = await chat(user, { message: "log squats", agent_type: "workout" });
    const result = events.find((e) => e.event === "tool_result")?.data.result;
    expect(result).toMatchObject({ ok: false, error: { code: "invalid_arguments" } });
    expect(result.error.message).toContain("reps");
    const sent = (await requests())[1]?.body.messages.at(-1).content[0];
    expect(sent).toMatchObject({ type: "tool_result", is_error: true });
  });

  it("answers as one JSON body for Accept: application/json, and 504 when Claude times out", async () => {
    const user = await onboarded();
    await enqueue({ text: "Hello there." });
    const response = await call("/v1/chat", {
      token: user.accessToken,
      body: { message: "hi", agent_type: "general" },
      headers: { accept: "application/json" },
    });
    expect(await json(response)).toMatchObject({ agent_type: "general", text: "Hello there." });
    await enqueue({ delayMs: 3000, text: "late" }, { delayMs: 3000, text: "late" });
    const slow = await call("/v1/chat", {
      token: user.accessToken,
      body: { message: "hi again", agent_type: "general" },
      headers: { accept: "application/json" },
    });
    expect(slow.status).toBe(504);
    expect((await json(slow)).error.code).toBe("llm_timeout");
  });

  it("stops at the daily token budget with 429", async () => {
    const user = await onboarded();
    let status = 200;
    for (let i = 0; i < 30 && status === 200; i++) {
      await enqueue({ text: "x".repeat(8000) });
      const response = await call("/v1/chat", {
        token: user.accessToken,
        body: { message: "tell me more", agent_type: "general" },
        headers: { accept: "application/json" },
      });
      status = response.status;
      if (status === 429) expect((await json(response)).error.code).toBe("chat_budget_exceeded");
      else await response.arrayBuffer();
    }
    expect(status).toBe(429);
  });

  it("stops a runaway tool loop at the step limit and says so", async () => {
    const user = await onboarded();
    const loop = { toolUse: { name: "get_profile_summary", input: {} } };
    await enqueue(loop, loop, loop, loop, loop, loop);
    const events = await chat(user, { message: "who am I?", agent_type: "general" });
    expect(events.filter((e) => e.event === "tool_call")).toHaveLength(5);
    const text = events
      .filter((e) => e.event === "delta")
      .map((e) => e.data.text)
      .join("");
    expect(text).toContain("as many steps as I take");
    expect(await requests()).toHaveLength(5);
  });

  it("folds older turns of a long conversation into a summary so the prompt stays bounded", async () => {
    const user = await onboarded();
    let conversation: string | undefined;
    for (let i = 0; i < 14; i++) {
      await enqueue({ text: `Answer number ${i}.` });
      const events = await chat(user, {
        message: `Question number ${i}?`,
        agent_type: "general",
        conversation_id: conversation,
      });
      conversation = events.at(-1)?.data.conversation_id;
    }
    const last = (await requests()).at(-1)?.body;
    expect(last.messages.length).toBeLessThanOrEqual(25);
    expect(last.system[1].text).toContain("Earlier in this conversation");
    expect(last.system[1].text).toContain("Question number 0?");
    const stored = await json(
      await call(`/v1/chat/conversations/${conversation}`, { token: user.accessToken }),
    );
    expect(stored.summary).toContain("Answer number 0.");
    expect(stored.messages.length).toBeLessThanOrEqual(24);
  });

  it("never shows one user's conversations to another", async () => {
    const alice = await onboarded("Alice");
    const bob = await onboarded("Bob");
    await enqueue({ text: "Hi Alice." });
    const events = await chat(alice, { message: "hello", agent_type: "general" });
    const id = events.at(-1)?.data.conversation_id;
    expect((await call(`/v1/chat/conversations/${id}`, { token: bob.accessToken })).status).toBe(
      404,
    );
    expect(
      (
        await call("/v1/chat", {
          token: bob.accessToken,
          body: { message: "hi", conversation_id: id },
        })
      ).status,
    ).toBe(404);
    expect(
      (await json(await call("/v1/chat/conversations", { token: bob.accessToken }))).items,
    ).toEqual([]);
  });
});
