import { createHash, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * Anthropic's Messages API (POST /v1/messages, JSON or SSE streaming) on a loopback port, so
 * the real @anthropic-ai/sdk runs unchanged against it (`baseURL: stub.url`). It checks what
 * the API checks before a model runs: the key (`x-api-key`, or `Authorization: Bearer` as SDK
 * 1.x sends it), a known anthropic-version, required fields, tool_use/tool_result pairing, at
 * most 4 cache_control breakpoints, and what version 2026-10-21 refuses (sampling parameters,
 * a document block in an assistant turn, citations on a user's text), and what it checks of
 * an image block (a base64 image of a supported media type whose bytes are that type, at most
 * 5 MB; images only in user turns). Answers are scripted: enqueued replies first, then the
 * onRequest handler, then the default reply.
 *
 * Usage is estimated at 4 characters a token. Prompt caching is mimicked by prefix memory:
 * the prompt (tools, then system, then messages) up to each cache_control block is a prefix;
 * a prefix seen before (same model, same stub) is a cache read, the rest up to the last
 * breakpoint a cache write, and input_tokens counts only what follows, as the API reports it.
 * The API ignores prefixes under the model's minimum (1024 tokens for Sonnet); the stub
 * caches any size unless `minCacheTokens` says otherwise, so short test prompts still hit.
 * An image counts as the API counts it, width x height / 750 tokens after its resize to at
 * most 1568 px on the long edge (at most 1600), not by the length of its base64.
 *
 * Tests inside workerd cannot call these methods; they script the stub over HTTP instead:
 * POST /_stub/replies (a reply or an array), GET /_stub/requests, POST /_stub/reset.
 */

export type StopReason =
  | "end_turn"
  | "max_tokens"
  | "stop_sequence"
  | "tool_use"
  | "pause_turn"
  | "refusal";
export type ContentBlock = { type: string; [field: string]: unknown };

export type Reply = {
  /** Wait this long before answering; nothing is written if the client has gone by then. */
  delayMs?: number;
  /** Pause between streamed events, to let a client interrupt a stream half-way. */
  chunkDelayMs?: number;
} & (
  | { text: string; stopReason?: StopReason }
  | { toolUse: { name: string; input: unknown; id?: string }; text?: string }
  | { blocks: ContentBlock[]; stopReason: StopReason }
  | { error: { status: number; type: string; message: string; retryAfterSeconds?: number } }
  | { refusal: true; text?: string }
  | Record<never, never>
);

type ErrorReply = Extract<Reply, { error: unknown }>;

export interface RecordedRequest {
  headers: Record<string, string>;
  // biome-ignore lint/suspicious/noExplicitAny: the request as the client sent it, for assertions
  body: any;
  stream: boolean;
  /** 0 until answered. */
  status: number;
  /** The client went away before the answer was complete. */
  aborted: boolean;
}

export interface AnthropicStubOptions {
  apiKey?: string;
  defaultReply?: Reply;
  minCacheTokens?: number;
}

type Handler = (request: RecordedRequest) => Reply | undefined | Promise<Reply | undefined>;

class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}
const invalid = (message: string) => new ApiError(400, "invalid_request_error", message);

export class AnthropicStub {
  readonly url: string;
  readonly apiKey: string;
  readonly requests: RecordedRequest[] = [];
  readonly #server: Server;
  readonly #queue: Reply[] = [];
  readonly #cachedPrefixes = new Set<string>();
  readonly #defaultReply: Reply;
  readonly #minCacheTokens: number;
  #handler: Handler | undefined;

  private constructor(server: Server, options: AnthropicStubOptions) {
    this.#server = server;
    this.apiKey = options.apiKey ?? "sk-ant-test-key";
    this.#defaultReply = options.defaultReply ?? { text: "ok" };
    this.#minCacheTokens = options.minCacheTokens ?? 0;
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    server.on("request", (req, res) => {
      this.#handle(req, res).catch((error: unknown) => {
        if (!res.headersSent) writeError(res, new ApiError(500, "api_error", String(error)));
      });
    });
  }

  static async start(options: AnthropicStubOptions = {}): Promise<AnthropicStub> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return new AnthropicStub(server, options);
  }

  enqueue(...replies: Reply[]): void {
    this.#queue.push(...replies);
  }

  /** Computes a reply from the request when the queue is empty; undefined falls through. */
  onRequest(handler: Handler | undefined): void {
    this.#handler = handler;
  }

  reset(): void {
    this.#queue.length = 0;
    this.requests.length = 0;
    this.#cachedPrefixes.clear();
    this.#handler = undefined;
  }

  close(): Promise<void> {
    this.#server.closeAllConnections();
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = req.url ?? "/";
    const text = await readText(req);
    if (path.startsWith("/_stub/")) return this.#control(path, text, res);
    const headers = Object.fromEntries(
      Object.entries(req.headers).map(([k, v]) => [k, String(v)]),
    ) as Record<string, string>;
    const request: RecordedRequest = {
      headers,
      body: parse(text),
      stream: false,
      status: 0,
      aborted: false,
    };
    this.requests.push(request);
    res.once("close", () => {
      request.aborted = !res.writableFinished;
    });
    try {
      if (req.method !== "POST" || path.split("?")[0] !== "/v1/messages") {
        throw new ApiError(404, "not_found_error", "Not Found");
      }
      const key = headers["x-api-key"] ?? bearer(headers.authorization);
      if (!key) {
        throw new ApiError(401, "authentication_error", "x-api-key header is required");
      }
      if (key !== this.apiKey) throw new ApiError(401, "authentication_error", "invalid x-api-key");
      const version = headers["anthropic-version"];
      if (!version) throw invalid("anthropic-version: header is required");
      if (!API_VERSIONS.includes(version)) {
        throw invalid(`anthropic-version: '${version}' is not a valid version`);
      }
      if (request.body === undefined) throw invalid("There was an error parsing the body");
      request.stream = request.body.stream === true;
      const units = validate(request.body, version);

      const picked = this.#queue.shift() ?? (await this.#handler?.(request)) ?? {};
      // A reply that only sets timing answers with the default content.
      const scripted = ["text", "toolUse", "blocks", "error", "refusal"].some((k) => k in picked);
      const reply: Reply = scripted ? picked : { ...this.#defaultReply, ...picked };
      if (reply.delayMs && !(await pause(reply.delayMs, res))) return;
      if ("error" in reply) {
        const { status, type, message, retryAfterSeconds } = (reply as ErrorReply).error;
        if (retryAfterSeconds !== undefined) res.setHeader("retry-after", retryAfterSeconds);
        throw new ApiError(status, type, message);
      }
      const [content, stopReason] = contentOf(reply);
      const message = {
        id: newId("msg_"),
        type: "message",
        role: "assistant",
        model: request.body.model,
        content,
        stop_reason: stopReason,
        stop_sequence: null,
        usage: this.#usage(request.body.model, units, content),
      };
      request.status = 200;
      if (request.stream) return await stream(res, message, reply.chunkDelayMs ?? 0);
      res.writeHead(200, { "content-type": "application/json", "request-id": newId("req_") });
      res.end(JSON.stringify(message));
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      request.status = error.status;
      writeError(res, error);
    }
  }

  #usage(model: string, units: PromptUnit[], content: ContentBlock[]) {
    let prompt = "";
    let imageTokens = 0;
    let read = 0;
    let lastBreakpoint = 0;
    const seen: string[] = [];
    for (const unit of units) {
      prompt += `${unit.json}\n`;
      imageTokens += unit.imageTokens;
      if (!unit.breakpoint || tokens(prompt) + imageTokens < this.#minCacheTokens) continue;
      const key = createHash("sha256").update(`${model}\n${prompt}`).digest("base64");
      lastBreakpoint = tokens(prompt) + imageTokens;
      if (this.#cachedPrefixes.has(key)) read = lastBreakpoint;
      seen.push(key);
    }
    for (const key of seen) this.#cachedPrefixes.add(key);
    const written = lastBreakpoint - read;
    return {
      input_tokens: tokens(prompt) + imageTokens - lastBreakpoint,
      cache_creation_input_tokens: written,
      cache_read_input_tokens: read,
      cache_creation: { ephemeral_5m_input_tokens: written, ephemeral_1h_input_tokens: 0 },
      output_tokens: tokens(
        content.map((b) => b.text ?? b.thinking ?? JSON.stringify(b.input ?? b)).join(""),
      ),
      service_tier: "standard",
    };
  }

  async #control(path: string, text: string, res: ServerResponse): Promise<void> {
    const replies: Reply[] = [parse(text) ?? []].flat();
    if (path === "/_stub/replies") this.enqueue(...replies.filter((r) => typeof r === "object"));
    else if (path === "/_stub/reset") this.reset();
    else if (path !== "/_stub/requests") return void res.writeHead(404).end();
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify(path === "/_stub/requests" ? this.requests : {}));
  }
}

export function startAnthropicStub(options?: AnthropicStubOptions): Promise<AnthropicStub> {
  return AnthropicStub.start(options);
}

/** The versions the API accepts; 2026-10-21 is the one SDK 1.x sends. */
const API_VERSIONS = ["2023-06-01", "2026-10-21"];

const bearer = (authorization: string | undefined) => authorization?.match(/^Bearer (.+)$/)?.[1];

interface PromptUnit {
  json: string;
  breakpoint: boolean;
  /** An image's tokens, counted by its size (its JSON holds a hash, not the bytes). */
  imageTokens: number;
}

/** The checks the API makes before any model runs; returns the prompt in cache order. */
// biome-ignore lint/suspicious/noExplicitAny: walking an unvalidated request body
function validate(body: any, version: string): PromptUnit[] {
  if (typeof body.model !== "string" || !body.model) throw invalid("model: Field required");
  if (version >= "2026-10-21") {
    const sampling = ["temperature", "top_p", "top_k"].find((field) => field in body);
    if (sampling) throw invalid(`${sampling}: Extra inputs are not permitted`);
  }
  if (body.max_tokens === undefined) throw invalid("max_tokens: Field required");
  if (!Number.isInteger(body.max_tokens) || body.max_tokens < 1) {
    throw invalid("max_tokens: Input should be a valid integer greater than or equal to 1");
  }
  if (!Array.isArray(body.messages)) throw invalid("messages: Field required");
  if (body.messages.length === 0) throw invalid("messages: at least one message is required");
  const tools: ContentBlock[] = body.tools ?? [];
  const forced = body.tool_choice?.type === "tool" ? body.tool_choice.name : undefined;
  if (forced !== undefined && !tools.some((t) => t.name === forced)) {
    throw invalid(`tool_choice: tool '${forced}' not found in tools`);
  }
  const system = typeof body.system === "string" ? [{ text: body.system }] : (body.system ?? []);
  const units: ContentBlock[] = [...tools, ...system];
  let pendingToolUses: string[] = [];
  body.messages.forEach((m: { role: unknown; content: unknown }, i: number) => {
    if (m.role !== "user" && m.role !== "assistant") {
      throw invalid(`messages.${i}.role: Input should be 'user' or 'assistant'`);
    }
    const blocks: ContentBlock[] =
      typeof m.content === "string" ? [{ type: "text", text: m.content }] : (m.content as never);
    const last = i === body.messages.length - 1;
    if (!Array.isArray(blocks) || (blocks.length === 0 && !(last && m.role === "assistant"))) {
      throw invalid(`messages.${i}: all messages must have non-empty content`);
    }
    if (version >= "2026-10-21") refuseRemovedContent(blocks, m.role, i);
    blocks.forEach((block, j) => {
      if (block.type !== "image") return;
      if (m.role !== "user")
        throw invalid(`messages.${i}.content.${j}: image blocks are only allowed in user messages`);
      checkImage(block, `messages.${i}.content.${j}.image.source`);
    });
    const results = blocks.filter((b) => b.type === "tool_result").map((b) => b.tool_use_id);
    const unanswered = pendingToolUses.filter((id) => !results.includes(id));
    if (unanswered.length) {
      throw invalid(
        `messages.${i}: \`tool_use\` ids were found without \`tool_result\` blocks immediately after: ${unanswered.join(", ")}`,
      );
    }
    const orphan = results.find((id) => !pendingToolUses.includes(id as string));
    if (orphan) {
      throw invalid(
        `messages.${i}: unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${orphan}`,
      );
    }
    pendingToolUses = blocks.filter((b) => b.type === "tool_use").map((b) => b.id as string);
    units.push(...blocks);
  });
  const breakpoints = units.filter((u) => u.cache_control).length;
  if (breakpoints > 4) {
    throw invalid(
      `A maximum of 4 blocks with cache_control may be provided. Found ${breakpoints}.`,
    );
  }
  return units.map(({ cache_control, ...rest }) => {
    const image = rest.type === "image" ? imageOf(rest) : undefined;
    return {
      json: JSON.stringify(image ? { type: "image", sha256: image.sha256 } : rest),
      breakpoint: cache_control !== undefined,
      imageTokens: image?.tokens ?? 0,
    };
  });
}

const IMAGE_TYPES = ["image/jpeg", "image/png", "image/gif", "image/webp"];
const MAX_IMAGE_BYTES = 5 * 1024 * 1024;

/** The media type the bytes are, by their signature. */
function sniffImage(bytes: Buffer): string | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "image/jpeg";
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return "image/png";
  if (/^GIF8[79]a/.test(bytes.subarray(0, 6).toString("latin1"))) return "image/gif";
  if (
    bytes.subarray(0, 4).toString("latin1") === "RIFF" &&
    bytes.subarray(8, 12).toString("latin1") === "WEBP"
  )
    return "image/webp";
  return undefined;
}

/** The checks the API makes of an image block's source. */
function checkImage(block: ContentBlock, path: string): void {
  const source = block.source as {
    type?: string;
    media_type?: string;
    data?: unknown;
    url?: unknown;
  };
  if (source?.type === "url") {
    if (typeof source.url !== "string" || !/^https?:\/\//.test(source.url))
      throw invalid(`${path}.url.url: Input should be a valid URL`);
    return;
  }
  if (source?.type !== "base64")
    throw invalid(
      `${path}: Input tag '${source?.type}' found using 'type' does not match any of the expected tags: 'base64', 'url', 'file'`,
    );
  if (!IMAGE_TYPES.includes(source.media_type ?? ""))
    throw invalid(
      `${path}.base64.media_type: Input should be 'image/jpeg', 'image/png', 'image/gif' or 'image/webp'`,
    );
  if (typeof source.data !== "string" || !/^[A-Za-z0-9+/]+={0,2}$/.test(source.data))
    throw invalid(`${path}.base64.data: Input should be a valid base64 string`);
  const bytes = Buffer.from(source.data, "base64");
  if (bytes.length > MAX_IMAGE_BYTES)
    throw invalid(
      `${path}.base64: image exceeds 5 MB maximum: ${bytes.length} bytes > ${MAX_IMAGE_BYTES} bytes`,
    );
  const actual = sniffImage(bytes);
  if (!actual) throw invalid(`${path}.base64.data: Could not process image`);
  if (actual !== source.media_type)
    throw invalid(
      `${path}.base64.data: The image was specified using the ${source.media_type} media type, but the image appears to be a ${actual} image`,
    );
}

/** An image's hash and tokens: width x height / 750 after the API's downscale. */
function imageOf(block: ContentBlock): { sha256: string; tokens: number } {
  const source = block.source as { type: string; data?: string; url?: string };
  const bytes = Buffer.from(source.data ?? source.url ?? "", source.data ? "base64" : "utf8");
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const size = source.data ? imageSize(bytes) : undefined;
  if (!size) return { sha256, tokens: 1600 };
  const scale = Math.min(1, 1568 / Math.max(size.width, size.height));
  const tokens = Math.ceil((size.width * scale * size.height * scale) / 750);
  return { sha256, tokens: Math.min(tokens, 1600) };
}

/** Width and height from a PNG's IHDR or a JPEG's start-of-frame marker. */
function imageSize(bytes: Buffer): { width: number; height: number } | undefined {
  if (sniffImage(bytes) === "image/png" && bytes.length >= 24)
    return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
  if (sniffImage(bytes) !== "image/jpeg") return undefined;
  let at = 2;
  while (at + 9 < bytes.length && bytes[at] === 0xff) {
    const marker = bytes[at + 1] as number;
    const length = bytes.readUInt16BE(at + 2);
    // SOF0..SOF15 carry the frame size, except DHT (C4), JPG (C8) and DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker))
      return { height: bytes.readUInt16BE(at + 5), width: bytes.readUInt16BE(at + 7) };
    at += 2 + length;
  }
  return undefined;
}

/** Version 2026-10-21: no document straight in an assistant turn, no citations from a user. */
function refuseRemovedContent(blocks: ContentBlock[], role: string, i: number): void {
  if (role === "assistant" && blocks.some((b) => b.type === "document")) {
    throw invalid(`messages.${i}: document blocks are not allowed in assistant messages`);
  }
  if (role !== "user") return;
  const texts = blocks.flatMap((b) =>
    b.type === "search_result" ? ((b.content as ContentBlock[]) ?? []) : [b],
  );
  const cited = texts.some(
    (b) => b.type === "text" && Array.isArray(b.citations) && b.citations.length > 0,
  );
  if (cited)
    throw invalid(`messages.${i}: citations are not allowed on text blocks in user messages`);
}

function contentOf(reply: Reply): [ContentBlock[], StopReason] {
  const text = (t: string | undefined) => (t ? [{ type: "text", text: t }] : []);
  if ("blocks" in reply) return [reply.blocks, reply.stopReason];
  if ("refusal" in reply) return [text(reply.text), "refusal"];
  if ("toolUse" in reply) {
    const { name, input, id = newId("toolu_") } = reply.toolUse;
    return [[...text(reply.text), { type: "tool_use", id, name, input }], "tool_use"];
  }
  if ("text" in reply) return [text(reply.text), reply.stopReason ?? "end_turn"];
  return [[], "end_turn"];
}

/** The event sequence the API streams, with text and tool input cut into several deltas. */
async function stream(
  res: ServerResponse,
  message: { content: ContentBlock[]; stop_reason: string; usage: Record<string, unknown> },
  chunkDelayMs: number,
): Promise<void> {
  res.writeHead(200, {
    "content-type": "text/event-stream; charset=utf-8",
    "cache-control": "no-cache",
    "request-id": newId("req_"),
  });
  const { content, stop_reason, usage } = message;
  const events: Array<[string, object]> = [
    [
      "message_start",
      {
        message: {
          ...message,
          content: [],
          stop_reason: null,
          usage: { ...usage, output_tokens: 1 },
        },
      },
    ],
  ];
  content.forEach((block, index) => {
    const start = (b: object) => {
      events.push(["content_block_start", { index, content_block: b }]);
      if (index === 0) events.push(["ping", {}]);
    };
    const delta = (d: object) => events.push(["content_block_delta", { index, delta: d }]);
    if (block.type === "text") {
      start({ type: "text", text: "" });
      for (const t of pieces(String(block.text), true)) delta({ type: "text_delta", text: t });
    } else if (block.type === "tool_use") {
      start({ ...block, input: {} });
      // The API opens every tool input with an empty partial_json.
      for (const j of ["", ...pieces(JSON.stringify(block.input), false)]) {
        delta({ type: "input_json_delta", partial_json: j });
      }
    } else if (block.type === "thinking") {
      start({ type: "thinking", thinking: "", signature: "" });
      for (const t of pieces(String(block.thinking), true))
        delta({ type: "thinking_delta", thinking: t });
      delta({ type: "signature_delta", signature: block.signature });
    } else {
      start(block);
    }
    events.push(["content_block_stop", { index }]);
  });
  const { cache_creation: _, service_tier: __, ...deltaUsage } = usage;
  events.push([
    "message_delta",
    { delta: { stop_reason, stop_sequence: null }, usage: deltaUsage },
  ]);
  events.push(["message_stop", {}]);
  for (const [type, data] of events) {
    if (res.destroyed || !(await pause(chunkDelayMs, res))) return;
    res.write(`event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`);
  }
  res.end();
}

/** Text in chunks of two words; JSON in three slices (or both whole if too short to cut). */
function pieces(text: string, words: boolean): string[] {
  if (words) {
    const tokens = text.match(/\S+\s*|\s+/g) ?? [text];
    const chunks = [];
    for (let i = 0; i < tokens.length; i += 2) chunks.push(tokens.slice(i, i + 2).join(""));
    return chunks.length > 1 || text.length < 2
      ? chunks
      : [text.slice(0, text.length / 2), text.slice(text.length / 2)];
  }
  const size = Math.max(1, Math.ceil(text.length / 3));
  return text.match(new RegExp(`[^]{1,${size}}`, "g")) ?? [text];
}

/** Resolves true after `ms`, or false as soon as the client disconnects. */
function pause(ms: number, res: ServerResponse): Promise<boolean> {
  if (res.destroyed) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onClose = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      res.off("close", onClose);
      resolve(true);
    }, ms);
    res.once("close", onClose);
  });
}

function writeError(res: ServerResponse, error: ApiError): void {
  const requestId = newId("req_");
  res.writeHead(error.status, { "content-type": "application/json", "request-id": requestId });
  res.end(
    JSON.stringify({
      type: "error",
      error: { type: error.type, message: error.message },
      request_id: requestId,
    }),
  );
}

const tokens = (text: string) => Math.ceil(text.length / 4);

function newId(prefix: string): string {
  return prefix + randomBytes(18).toString("base64url").replace(/[-_]/g, "x");
}

async function readText(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

// biome-ignore lint/suspicious/noExplicitAny: request bodies are asserted on, not typed
function parse(text: string): any {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
