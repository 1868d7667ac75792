import Anthropic from "@anthropic-ai/sdk";
import {
  APIConnectionError,
  type APIConnectOptions,
  APIStatusError,
  APITimeoutError,
  DEFAULT_API_CONNECT_OPTIONS,
  llm,
} from "@livekit/agents";

// Claude for @livekit/agents: no Anthropic plugin is published for agents-js, so this adapts
// the Messages API to the framework's llm.LLM. System messages are separated out, same-role
// turns merged, function calls and outputs become tool_use / tool_result blocks, text streams
// as deltas, errors map to the framework's retryable types, and an interruption (the stream
// being closed) aborts the HTTP request.

export interface AnthropicLLMOptions {
  apiKey: string;
  model: string;
  baseURL?: string;
  maxTokens?: number;
  /** The smallest client shape used, so tests may pass their own. */
  client?: Pick<Anthropic, "messages">;
}

type Block = Anthropic.ContentBlockParam;
type Turn = { role: "user" | "assistant"; content: Block[] };

function parseArgs(args: string): Record<string, unknown> {
  try {
    const value = JSON.parse(args || "{}");
    return value && typeof value === "object" ? value : {};
  } catch {
    return {};
  }
}

/** ChatContext -> Anthropic `system` and `messages`. */
export function toAnthropic(chatCtx: llm.ChatContext): {
  system: string;
  messages: Anthropic.MessageParam[];
} {
  const system: string[] = [];
  const turns: Turn[] = [];
  const push = (role: Turn["role"], block: Block) => {
    const last = turns.at(-1);
    // Anthropic wants alternating roles: consecutive same-role items become one turn.
    if (last && last.role === role) last.content.push(block);
    else turns.push({ role, content: [block] });
  };
  for (const item of chatCtx.items) {
    if (item.type === "message") {
      const text = item.textContent ?? "";
      if (item.role === "system" || item.role === "developer") system.push(text);
      else if (text) push(item.role === "assistant" ? "assistant" : "user", { type: "text", text });
    } else if (item.type === "function_call") {
      push("assistant", {
        type: "tool_use",
        id: item.callId,
        name: item.name,
        input: parseArgs(item.args),
      });
    } else if (item.type === "function_call_output") {
      push("user", {
        type: "tool_result",
        tool_use_id: item.callId,
        content: item.output,
        ...(item.isError ? { is_error: true } : {}),
      });
    }
  }
  // The API needs the conversation to open with the user.
  if (turns[0]?.role !== "user")
    turns.unshift({ role: "user", content: [{ type: "text", text: "(the call started)" }] });
  return { system: system.join("\n\n"), messages: turns };
}

function toTools(toolCtx: llm.ToolContext | undefined): Anthropic.Tool[] | undefined {
  if (!toolCtx) return undefined;
  const tools = llm.sortedToolEntries(toolCtx).map(([name, fn]) => {
    const { $schema: _dropped, ...schema } = llm.toJsonSchema(fn.parameters) as Record<
      string,
      unknown
    >;
    return {
      name,
      description: fn.description,
      input_schema: schema as Anthropic.Tool.InputSchema,
    };
  });
  return tools.length ? tools : undefined;
}

export class AnthropicLLM extends llm.LLM {
  readonly #client: Pick<Anthropic, "messages">;
  readonly #opts: AnthropicLLMOptions;

  constructor(opts: AnthropicLLMOptions) {
    super();
    this.#opts = opts;
    this.#client =
      opts.client ?? new Anthropic({ apiKey: opts.apiKey, baseURL: opts.baseURL, maxRetries: 0 });
  }

  label(): string {
    return "anthropic.LLM";
  }

  override get model(): string {
    return this.#opts.model;
  }

  override get provider(): string {
    return "anthropic";
  }

  chat({
    chatCtx,
    toolCtx,
    connOptions = DEFAULT_API_CONNECT_OPTIONS,
  }: {
    chatCtx: llm.ChatContext;
    toolCtx?: llm.ToolContextLike;
    connOptions?: APIConnectOptions;
  }): AnthropicLLMStream {
    return new AnthropicLLMStream(this, {
      chatCtx,
      toolCtx: llm.toToolContext(toolCtx),
      connOptions,
      client: this.#client,
      model: this.#opts.model,
      maxTokens: this.#opts.maxTokens ?? 1024,
    });
  }
}

export class AnthropicLLMStream extends llm.LLMStream {
  readonly #client: Pick<Anthropic, "messages">;
  readonly #model: string;
  readonly #maxTokens: number;

  constructor(
    owner: AnthropicLLM,
    opts: {
      chatCtx: llm.ChatContext;
      toolCtx?: llm.ToolContext;
      connOptions: APIConnectOptions;
      client: Pick<Anthropic, "messages">;
      model: string;
      maxTokens: number;
    },
  ) {
    super(owner, { chatCtx: opts.chatCtx, toolCtx: opts.toolCtx, connOptions: opts.connOptions });
    this.#client = opts.client;
    this.#model = opts.model;
    this.#maxTokens = opts.maxTokens;
  }

  protected async run(): Promise<void> {
    // Once the user has heard something, a retry would say it twice: not retryable then.
    let retryable = true;
    let id = "";
    const usage = { input: 0, output: 0, cached: 0, created: 0 };
    const pending = new Map<number, { id: string; name: string; json: string }>();
    try {
      const { system, messages } = toAnthropic(this.chatCtx);
      const stream = this.#client.messages.stream(
        {
          model: this.#model,
          max_tokens: this.#maxTokens,
          ...(system
            ? {
                system: [
                  {
                    type: "text" as const,
                    text: system,
                    cache_control: { type: "ephemeral" as const },
                  },
                ],
              }
            : {}),
          messages,
          ...(toTools(this.toolCtx) ? { tools: toTools(this.toolCtx) } : {}),
        },
        { signal: this.abortController.signal, timeout: this.connOptions.timeoutMs },
      );
      for await (const event of stream) {
        if (this.abortController.signal.aborted) break;
        switch (event.type) {
          case "message_start":
            id = event.message.id;
            usage.input = event.message.usage.input_tokens;
            usage.cached = event.message.usage.cache_read_input_tokens ?? 0;
            usage.created = event.message.usage.cache_creation_input_tokens ?? 0;
            break;
          case "content_block_start":
            if (event.content_block.type === "tool_use")
              pending.set(event.index, {
                id: event.content_block.id,
                name: event.content_block.name,
                json: "",
              });
            break;
          case "content_block_delta":
            if (event.delta.type === "text_delta") {
              retryable = false;
              this.queue.put({ id, delta: { role: "assistant", content: event.delta.text } });
            } else if (event.delta.type === "input_json_delta") {
              const call = pending.get(event.index);
              if (call) call.json += event.delta.partial_json;
            }
            break;
          case "content_block_stop": {
            const call = pending.get(event.index);
            if (!call) break;
            pending.delete(event.index);
            retryable = false;
            this.queue.put({
              id,
              delta: {
                role: "assistant",
                toolCalls: [
                  llm.FunctionCall.create({
                    callId: call.id,
                    name: call.name,
                    args: call.json || "{}",
                  }),
                ],
              },
            });
            break;
          }
          case "message_delta":
            usage.output = event.usage.output_tokens;
            break;
        }
      }
      this.queue.put({
        id,
        usage: {
          completionTokens: usage.output,
          promptTokens: usage.input + usage.cached + usage.created,
          promptCachedTokens: usage.cached,
          cacheCreationTokens: usage.created,
          totalTokens: usage.input + usage.cached + usage.created + usage.output,
        },
      });
    } catch (error) {
      if (this.abortController.signal.aborted) return; // interrupted by the user: not an error
      if (error instanceof Anthropic.APIConnectionTimeoutError)
        throw new APITimeoutError({ options: { retryable } });
      if (error instanceof Anthropic.APIError && error.status !== undefined)
        throw new APIStatusError({
          message: error.message,
          options: {
            statusCode: error.status,
            body: error.error as object,
            retryable: retryable && (error.status === 429 || error.status >= 500),
          },
        });
      throw new APIConnectionError({
        message: error instanceof Error ? error.message : String(error),
        options: { retryable },
      });
    }
  }
}
