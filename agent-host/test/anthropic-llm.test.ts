import { initializeLogger, llm } from "@livekit/agents";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { type AnthropicStub, startAnthropicStub } from "../../test/support/anthropic-stub";
import { AnthropicLLM, toAnthropic } from "../src/anthropic-llm";

// The Claude adapter against the local Anthropic Messages stub (real SDK, real SSE).

let stub: AnthropicStub;
beforeAll(async () => {
  initializeLogger({ pretty: false, level: "warn" });
  stub = await startAnthropicStub();
});
afterAll(() => stub.close());
beforeEach(() => {
  stub.reset();
  errors = [];
});

// The framework reports failures as "error" events on the LLM (the AgentSession listens).
let errors: Array<{ error: Error; recoverable: boolean }> = [];
const claude = () => {
  const model = new AnthropicLLM({ apiKey: stub.apiKey, baseURL: stub.url, model: "claude-test" });
  model.on("error", (event) => errors.push({ error: event.error, recoverable: event.recoverable }));
  return model;
};
const fast = { maxRetry: 1, retryIntervalMs: 10, timeoutMs: 2000 };

function context() {
  const ctx = llm.ChatContext.empty();
  ctx.addMessage({ role: "system", content: "You are a workout coach." });
  ctx.addMessage({ role: "user", content: "How many sets today?" });
  return ctx;
}

const logSet = llm.tool({
  description: "Log a set.",
  parameters: z.object({ exercise_id: z.string(), reps: z.number() }),
  execute: async () => "ok",
});

describe("AnthropicLLM", () => {
  it("streams text with the system prompt separated from the messages", async () => {
    stub.enqueue({ text: "Four sets of eight today." });
    const response = await claude().chat({ chatCtx: context(), connOptions: fast }).collect();
    expect(response.text).toBe("Four sets of eight today.");
    expect(response.usage?.completionTokens).toBeGreaterThan(0);
    const body = stub.requests[0]?.body;
    expect(body.stream).toBe(true);
    expect(body.system[0]).toMatchObject({ type: "text", text: "You are a workout coach." });
    expect(body.messages).toEqual([
      { role: "user", content: [{ type: "text", text: "How many sets today?" }] },
    ]);
  });

  it("turns tool_use into a FunctionCall and sends the function output back as tool_result", async () => {
    stub.enqueue({
      toolUse: {
        name: "log_set",
        input: { exercise_id: "barbell-back-squat", reps: 5 },
        id: "toolu_1",
      },
    });
    const ctx = context();
    const first = await claude()
      .chat({ chatCtx: ctx, toolCtx: { log_set: logSet }, connOptions: fast })
      .collect();
    expect(first.toolCalls).toHaveLength(1);
    expect(first.toolCalls[0]).toMatchObject({ callId: "toolu_1", name: "log_set" });
    expect(JSON.parse(first.toolCalls[0]?.args ?? "{}")).toEqual({
      exercise_id: "barbell-back-squat",
      reps: 5,
    });
    expect(stub.requests[0]?.body.tools[0]).toMatchObject({
      name: "log_set",
      description: "Log a set.",
    });

    ctx.insert(first.toolCalls[0] as llm.FunctionCall);
    ctx.insert(
      llm.FunctionCallOutput.create({
        callId: "toolu_1",
        name: "log_set",
        output: '{"logged":true}',
        isError: false,
      }),
    );
    stub.enqueue({ text: "Logged it." });
    const second = await claude()
      .chat({ chatCtx: ctx, toolCtx: { log_set: logSet }, connOptions: fast })
      .collect();
    expect(second.text).toBe("Logged it.");
    const messages = stub.requests[1]?.body.messages;
    expect(messages.at(-2).content[0]).toMatchObject({
      type: "tool_use",
      id: "toolu_1",
      name: "log_set",
    });
    expect(messages.at(-1).content[0]).toMatchObject({
      type: "tool_result",
      tool_use_id: "toolu_1",
      content: '{"logged":true}',
    });
  });

  it("merges consecutive same-role turns and opens with the user", () => {
    const ctx = llm.ChatContext.empty();
    ctx.addMessage({ role: "assistant", content: "Hi! Ready?" });
    ctx.addMessage({ role: "user", content: "Yes." });
    ctx.addMessage({ role: "user", content: "Let's go." });
    const { system, messages } = toAnthropic(ctx);
    expect(system).toBe("");
    expect(messages.map((m) => m.role)).toEqual(["user", "assistant", "user"]);
    expect(messages[2]?.content).toEqual([
      { type: "text", text: "Yes." },
      { type: "text", text: "Let's go." },
    ]);
  });

  it("retries an overloaded answer (529) as the framework's retryable error", async () => {
    stub.enqueue(
      { error: { status: 529, type: "overloaded_error", message: "busy" } },
      { text: "Back now." },
    );
    const response = await claude().chat({ chatCtx: context(), connOptions: fast }).collect();
    expect(response.text).toBe("Back now.");
    expect(stub.requests).toHaveLength(2);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ recoverable: true });
    expect(errors[0]?.error.name).toBe("APIStatusError");
  });

  it("does not retry a bad request", async () => {
    stub.enqueue(
      { error: { status: 400, type: "invalid_request_error", message: "bad" } },
      { text: "never" },
    );
    const response = await claude()
      .chat({ chatCtx: context(), connOptions: fast })
      .collect()
      .catch(() => null);
    expect(response?.text ?? "").toBe("");
    expect(stub.requests).toHaveLength(1);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ recoverable: false });
  });

  it("cancels the request when the user interrupts (the stream is closed)", async () => {
    stub.enqueue({ text: "one two three four five six seven eight nine ten", chunkDelayMs: 100 });
    const stream = claude().chat({ chatCtx: context(), connOptions: fast });
    const first = await stream.next();
    expect(first.done).toBe(false);
    stream.close();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(stub.requests[0]?.aborted).toBe(true);
  });
});
