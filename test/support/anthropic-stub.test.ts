import { readFileSync } from "node:fs";
import path from "node:path";
import Anthropic from "@anthropic-ai/sdk";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { type AnthropicStub, startAnthropicStub } from "./anthropic-stub";

const model = "claude-sonnet-4-6";
const hello = [{ role: "user" as const, content: "Plan my week." }];

let stub: AnthropicStub;
let client: Anthropic;

beforeEach(async () => {
  stub = await startAnthropicStub({ apiKey: "sk-ant-test" });
  client = new Anthropic({ apiKey: stub.apiKey, baseURL: stub.url, maxRetries: 0 });
});

afterEach(() => stub.close());

const weekTool = {
  name: "plan_week",
  description: "Lay out the week's sessions.",
  input_schema: { type: "object" as const, properties: { days: { type: "array" } } },
};
const weekInput = {
  days: [
    { day: "mon", focus: "legs" },
    { day: "thu", focus: "push" },
  ],
};

describe("Anthropic stub, answers", () => {
  it("answers messages.create with the scripted text as a Message with usage", async () => {
    stub.enqueue({ text: "Three sessions this week, all full body." });

    const message = await client.messages.create({ model, max_tokens: 200, messages: hello });

    expect(message.id).toMatch(/^msg_/);
    expect(message).toMatchObject({ type: "message", role: "assistant", model });
    expect(message.content).toEqual([
      { type: "text", text: "Three sessions this week, all full body." },
    ]);
    expect(message.stop_reason).toBe("end_turn");
    expect(message.usage.input_tokens).toBeGreaterThan(0);
    expect(message.usage.output_tokens).toBe(10);
    expect(message.usage).toMatchObject({
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
    });
  });

  it("streams text in several deltas that add up to the scripted text and the final message", async () => {
    const scripted = "Rest well tonight; tomorrow we squat heavy and finish with carries.";
    stub.enqueue({ text: scripted });
    const deltas: string[] = [];

    const stream = client.messages.stream({ model, max_tokens: 200, messages: hello });
    stream.on("text", (delta) => deltas.push(delta));
    const final = await stream.finalMessage();

    expect(deltas.length).toBeGreaterThan(3);
    expect(deltas.join("")).toBe(scripted);
    expect(final.content).toEqual([{ type: "text", text: scripted }]);
    expect(final.stop_reason).toBe("end_turn");
    expect(final.usage.output_tokens).toBe(Math.ceil(scripted.length / 4));
    expect(stub.requests[0]?.stream).toBe(true);
  });

  it("sends the API's event sequence in event/data SSE framing", async () => {
    stub.enqueue({ text: "Go lift." });

    const events = await client.messages.create({
      model,
      max_tokens: 50,
      messages: hello,
      stream: true,
    });
    const types: string[] = [];
    for await (const event of events) types.push(event.type);
    const raw = await fetch(`${stub.url}/v1/messages`, {
      method: "POST",
      headers: { "x-api-key": stub.apiKey, "anthropic-version": "2023-06-01" },
      body: JSON.stringify({ model, max_tokens: 50, messages: hello, stream: true }),
    });

    expect(types).toEqual([
      "message_start",
      "content_block_start",
      "content_block_delta",
      "content_block_delta",
      "content_block_stop",
      "message_delta",
      "message_stop",
    ]);
    expect(raw.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    expect(await raw.text()).toMatch(
      /^event: message_start\ndata: \{"type":"message_start".*\n\nevent: content_block_start\n/,
    );
  });

  it("returns a tool_use block with the scripted input, parsed whole and streamed in pieces", async () => {
    stub.enqueue({ toolUse: { name: "plan_week", input: weekInput }, text: "Here is the plan." });
    stub.enqueue({ toolUse: { name: "plan_week", input: weekInput, id: "toolu_fixed" } });
    const request = { model, max_tokens: 500, tools: [weekTool], messages: hello };
    const partials: string[] = [];

    const whole = await client.messages.create(request);
    const stream = client.messages.stream(request);
    stream.on("inputJson", (partial) => partials.push(partial));
    const streamed = await stream.finalMessage();

    expect(whole.stop_reason).toBe("tool_use");
    expect(whole.content[0]).toEqual({ type: "text", text: "Here is the plan." });
    expect(whole.content[1]).toMatchObject({
      type: "tool_use",
      name: "plan_week",
      input: weekInput,
    });
    expect((whole.content[1] as Anthropic.ToolUseBlock).id).toMatch(/^toolu_/);
    expect(streamed.content).toEqual([
      { type: "tool_use", id: "toolu_fixed", name: "plan_week", input: weekInput },
    ]);
    expect(partials.length).toBeGreaterThan(2);
    expect(partials.join("")).toBe(JSON.stringify(weekInput));
  });

  it("ends with stop_reason refusal when scripted to refuse", async () => {
    stub.enqueue({ refusal: true });

    const message = await client.messages.create({ model, max_tokens: 50, messages: hello });

    expect(message.stop_reason).toBe("refusal");
    expect(message.content).toEqual([]);
  });

  it("computes replies with onRequest once the queue is empty, then falls back to ok", async () => {
    stub.enqueue({ text: "first" });
    stub.onRequest((request) =>
      request.body.messages.length > 1
        ? { text: `turn ${request.body.messages.length}` }
        : undefined,
    );
    const turns = [...hello, { role: "assistant" as const, content: "?" }, ...hello];

    const texts = [];
    for (const messages of [hello, turns, hello]) {
      const message = await client.messages.create({ model, max_tokens: 50, messages });
      texts.push((message.content[0] as Anthropic.TextBlock).text);
    }

    expect(texts).toEqual(["first", "turn 3", "ok"]);
  });
});

describe("Anthropic stub, checks and failures", () => {
  it("raises AuthenticationError for a wrong api key", async () => {
    const stranger = new Anthropic({ apiKey: "sk-ant-wrong", baseURL: stub.url, maxRetries: 0 });

    const error = await stranger.messages
      .create({ model, max_tokens: 10, messages: hello })
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(Anthropic.AuthenticationError);
    expect(error).toMatchObject({
      status: 401,
      error: { error: { type: "authentication_error" } },
    });
  });

  it("takes the key as x-api-key or a Bearer token, and refuses an unknown anthropic-version", async () => {
    const post = (headers: Record<string, string>, body: object = {}) =>
      fetch(`${stub.url}/v1/messages`, {
        method: "POST",
        headers,
        body: JSON.stringify({ model, max_tokens: 10, messages: hello, ...body }),
      });
    const version = "anthropic-version";

    const byHeader = await post({ "x-api-key": stub.apiKey, [version]: "2023-06-01" });
    const byBearer = await post({
      authorization: `Bearer ${stub.apiKey}`,
      [version]: "2026-10-21",
    });
    const wrongBearer = await post({
      authorization: "Bearer sk-ant-wrong",
      [version]: "2026-10-21",
    });
    const unknown = await post({ "x-api-key": stub.apiKey, [version]: "2024-01-01" });
    // The sampling parameters are refused from 2026-10-21 on, not by the older version.
    const oldSampling = await post(
      { "x-api-key": stub.apiKey, [version]: "2023-06-01" },
      {
        temperature: 0.2,
      },
    );

    expect([byHeader.status, byBearer.status, wrongBearer.status]).toEqual([200, 200, 401]);
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toMatch(/anthropic-version: '2024-01-01' is not a valid version/);
    expect(oldSampling.status).toBe(200);
  });

  it("refuses what API version 2026-10-21 removed: sampling parameters, documents from the assistant, a user's citations", async () => {
    const sampled = client.messages.create({
      model,
      max_tokens: 10,
      messages: hello,
      ...({ top_p: 0.9 } as object),
    });
    const document = {
      type: "document" as const,
      source: { type: "text" as const, media_type: "text/plain" as const, data: "Squat 3x5." },
    };
    const assistantDocument = client.messages.create({
      model,
      max_tokens: 10,
      messages: [
        ...hello,
        { role: "assistant", content: [document] as never },
        { role: "user", content: "Go on." },
      ],
    });
    const citation = {
      type: "char_location",
      cited_text: "Squat 3x5.",
      document_index: 0,
      document_title: null,
      start_char_index: 0,
      end_char_index: 10,
    };
    const userCitations = client.messages.create({
      model,
      max_tokens: 10,
      messages: [
        {
          role: "user",
          content: [{ type: "text", text: "As you said:", citations: [citation] }] as never,
        },
      ],
    });
    const userDocument = client.messages.create({
      model,
      max_tokens: 10,
      messages: [{ role: "user", content: [document, { type: "text", text: "Summarise it." }] }],
    });

    await expect(sampled).rejects.toThrow(/top_p: Extra inputs are not permitted/);
    await expect(assistantDocument).rejects.toThrow(/document blocks are not allowed in assistant/);
    await expect(userCitations).rejects.toThrow(/citations are not allowed on text blocks in user/);
    await expect(userDocument).resolves.toMatchObject({ type: "message" });
  });

  it("rejects missing fields and unanswered tool_use blocks with BadRequestError", async () => {
    const noMessages = client.messages.create({ model, max_tokens: 10, messages: [] });
    const unanswered = client.messages.create({
      model,
      max_tokens: 10,
      tools: [weekTool],
      messages: [
        ...hello,
        {
          role: "assistant",
          content: [{ type: "tool_use", id: "toolu_1", name: "plan_week", input: {} }],
        },
        { role: "user", content: "and?" },
      ],
    });

    await expect(noMessages).rejects.toThrow(Anthropic.BadRequestError);
    await expect(noMessages).rejects.toThrow(/at least one message/);
    await expect(unanswered).rejects.toThrow(/tool_use` ids were found without `tool_result/);
    expect(stub.requests.map((r) => r.status)).toEqual([400, 400]);
  });

  it("raises InternalServerError for an enqueued 529 overloaded_error", async () => {
    stub.enqueue({ error: { status: 529, type: "overloaded_error", message: "Overloaded" } });

    const error = await client.messages
      .create({ model, max_tokens: 10, messages: hello })
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(Anthropic.InternalServerError);
    expect(error).toMatchObject({ status: 529, error: { error: { type: "overloaded_error" } } });
  });

  it("is retried by the SDK after a 529 and the retry gets the next reply", async () => {
    const patient = new Anthropic({ apiKey: stub.apiKey, baseURL: stub.url, maxRetries: 1 });
    stub.enqueue(
      { error: { status: 529, type: "overloaded_error", message: "Overloaded" } },
      { text: "made it" },
    );

    const message = await patient.messages.create({ model, max_tokens: 10, messages: hello });

    expect(message.content).toEqual([{ type: "text", text: "made it" }]);
    expect(stub.requests.map((r) => [r.status, r.headers["x-stainless-retry-count"]])).toEqual([
      [529, "0"],
      [200, "1"],
    ]);
  });

  it("lets the SDK time out with APIConnectionTimeoutError and sees the client leave", async () => {
    const hasty = new Anthropic({
      apiKey: stub.apiKey,
      baseURL: stub.url,
      maxRetries: 0,
      timeout: 100,
    });
    stub.enqueue({ delayMs: 5_000, text: "too late" });

    const error = await hasty.messages
      .create({ model, max_tokens: 10, messages: hello })
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(Anthropic.APIConnectionTimeoutError);
    await vi.waitFor(() => expect(stub.requests[0]?.aborted).toBe(true));
    expect(stub.requests[0]?.status).toBe(0);
  });
});

describe("Anthropic stub, recording and caching", () => {
  it("records headers and bodies: the cached system prompt, the tools and the tool_result", async () => {
    stub.enqueue(
      { toolUse: { name: "plan_week", input: weekInput, id: "toolu_a" } },
      { text: "Done." },
    );
    const system = [
      {
        type: "text" as const,
        text: "You are a coach.",
        cache_control: { type: "ephemeral" as const },
      },
    ];
    const first = await client.messages.create({
      model,
      max_tokens: 500,
      system,
      tools: [weekTool],
      messages: hello,
    });

    await client.messages.create({
      model,
      max_tokens: 500,
      system,
      tools: [weekTool],
      messages: [
        ...hello,
        { role: "assistant", content: first.content },
        {
          role: "user",
          content: [{ type: "tool_result", tool_use_id: "toolu_a", content: "saved" }],
        },
      ],
    });

    const [one, two] = stub.requests;
    expect(one?.headers.authorization).toBe(`Bearer ${stub.apiKey}`);
    expect(one?.headers["anthropic-version"]).toBe("2026-10-21");
    expect(one?.body.system[0].cache_control).toEqual({ type: "ephemeral" });
    expect(one?.body.tools.map((t: { name: string }) => t.name)).toEqual(["plan_week"]);
    expect(two?.body.messages[2].content[0]).toMatchObject({
      type: "tool_result",
      tool_use_id: "toolu_a",
    });
  });

  it("reports a cache write, then a cache read once a cache_control prefix is seen again", async () => {
    const system = [
      {
        type: "text" as const,
        text: "Coach. ".repeat(200),
        cache_control: { type: "ephemeral" as const },
      },
    ];
    const ask = (content: string) =>
      client.messages.create({
        model,
        max_tokens: 10,
        system,
        messages: [{ role: "user", content }],
      });

    const cold = await ask("What today?");
    const warm = await ask("And tomorrow?");
    const otherModel = await client.messages.create({
      model: "claude-haiku-4-5",
      max_tokens: 10,
      system,
      messages: hello,
    });

    expect(cold.usage.cache_creation_input_tokens).toBeGreaterThan(350);
    expect(cold.usage.cache_read_input_tokens).toBe(0);
    expect(warm.usage.cache_read_input_tokens).toBe(cold.usage.cache_creation_input_tokens);
    expect(warm.usage.cache_creation_input_tokens).toBe(0);
    expect(warm.usage.input_tokens).toBeLessThan(20);
    expect(otherModel.usage.cache_read_input_tokens).toBe(0);
  });
});

describe("Anthropic stub, HTTP controls", () => {
  it("takes scripted replies and reports requests over /_stub/ for workerd tests", async () => {
    await fetch(`${stub.url}/_stub/replies`, {
      method: "POST",
      body: JSON.stringify([
        { text: "from afar" },
        { error: { status: 429, type: "rate_limit_error", message: "slow down" } },
      ]),
    });

    const message = await client.messages.create({ model, max_tokens: 10, messages: hello });
    const limited = client.messages.create({ model, max_tokens: 10, messages: hello });

    expect(message.content).toEqual([{ type: "text", text: "from afar" }]);
    await expect(limited).rejects.toThrow(Anthropic.RateLimitError);
    const recorded = (await (await fetch(`${stub.url}/_stub/requests`)).json()) as Array<{
      status: number;
    }>;
    expect(recorded.map((r) => r.status)).toEqual([200, 429]);
  });
});

describe("Anthropic stub, images", () => {
  const plate = readFileSync(path.join(import.meta.dirname, "fixtures/plate.jpg"));
  const withImage = (media_type: string, data: string) => [
    {
      role: "user" as const,
      content: [
        {
          type: "image" as const,
          source: { type: "base64" as const, media_type: media_type as "image/jpeg", data },
        },
        { type: "text" as const, text: "What is on this plate?" },
      ],
    },
  ];

  it("accepts a JPEG declared as image/jpeg and counts it by its size, not its base64", async () => {
    stub.enqueue({ toolUse: { name: "report_plate", input: { items: [] } } });

    const message = await client.messages.create({
      model,
      max_tokens: 300,
      messages: withImage("image/jpeg", plate.toString("base64")),
    });

    expect(message.stop_reason).toBe("tool_use");
    // 320 x 240 px / 750 = 103 tokens, plus the text around it; the base64 alone is ~5,000.
    expect(message.usage.input_tokens).toBeGreaterThan(103);
    expect(message.usage.input_tokens).toBeLessThan(160);
    expect(stub.requests[0]?.body.messages[0].content[0].source.media_type).toBe("image/jpeg");
  });

  it("refuses a media type the API does not take, and bytes that are another type", async () => {
    const send = (mediaType: string) =>
      client.messages.create({
        model,
        max_tokens: 10,
        messages: withImage(mediaType, plate.toString("base64")),
      });

    await expect(send("image/heic")).rejects.toThrow(
      "messages.0.content.0.image.source.base64.media_type: Input should be 'image/jpeg', 'image/png', 'image/gif' or 'image/webp'",
    );
    await expect(send("image/png")).rejects.toThrow(
      "The image was specified using the image/png media type, but the image appears to be a image/jpeg image",
    );
  });

  it("refuses an image over 5 MB and an image in an assistant turn", async () => {
    const big = Buffer.concat([plate, Buffer.alloc(5 * 1024 * 1024)]).toString("base64");
    await expect(
      client.messages.create({ model, max_tokens: 10, messages: withImage("image/jpeg", big) }),
    ).rejects.toThrow(/image exceeds 5 MB maximum: \d+ bytes > 5242880 bytes/);

    const image = withImage("image/jpeg", plate.toString("base64"))[0]?.content[0];
    await expect(
      client.messages.create({
        model,
        max_tokens: 10,
        messages: [
          ...hello,
          { role: "assistant", content: [image] as never },
          { role: "user", content: "Well?" },
        ],
      }),
    ).rejects.toThrow("messages.1.content.0: image blocks are only allowed in user messages");
  });
});
