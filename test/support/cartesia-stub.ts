import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { type WebSocket, WebSocketServer } from "ws";

/**
 * Cartesia's streaming TTS WebSocket (`/tts/websocket`) on a loopback port, so the real
 * @livekit/agents-plugin-cartesia synthesises through it unchanged (`baseUrl: stub.url`). It
 * checks what Cartesia checks: the API key (`X-API-Key` header or `api_key` query, 401
 * otherwise) and a known `Cartesia-Version` (header or `cartesia_version`, 400 otherwise) on
 * the upgrade; then per generation request model_id, transcript, context_id, voice (id or
 * embedding) and a raw PCM output_format with a supported sample rate, answering a bad one
 * with an error message for that context, as the API does.
 *
 * Audio is speech-shaped PCM, not speech: for each word 300 ms of a voiced tone with an
 * envelope (about 150 words a minute, a typical speaking rate), in the requested encoding and
 * rate, streamed as base64 `chunk` messages of 40 ms, with `timestamps` when add_timestamps is
 * asked, and `done` once the context's last (continue: false) input is spoken. `latencyMs`
 * delays the first chunk of every input (the service's time to first audio); a `cancel`
 * stops a context.
 */

export interface CartesiaStubOptions {
  apiKey?: string;
  latencyMs?: number;
}

export interface GenerationRequest {
  context_id: string;
  model_id: string;
  transcript: string;
  continue?: boolean;
  voice: { mode: string; id?: string; embedding?: number[] };
  output_format: { container: string; encoding: string; sample_rate: number };
  language?: string;
  add_timestamps?: boolean;
  cancel?: boolean;
}

export interface TtsContext {
  id: string;
  /** Every transcript piece received for the context, in order. */
  transcripts: string[];
  /** Seconds of audio sent. */
  audioSeconds: number;
  cancelled: boolean;
  done: boolean;
}

const VERSIONS = new Set(["2024-06-10", "2024-11-13", "2025-04-16"]);
const RATES = new Set([8000, 16000, 22050, 24000, 44100, 48000]);
// The API also speaks pcm_mulaw and pcm_alaw; this stand-in only the PCM the plugin asks for.
const ENCODINGS = new Set(["pcm_s16le", "pcm_f32le"]);
const WORD_S = 0.3;
const CHUNK_S = 0.04;

export class CartesiaStub {
  readonly url: string;
  readonly apiKey: string;
  readonly requests: GenerationRequest[] = [];
  readonly contexts = new Map<string, TtsContext>();
  latencyMs: number;
  readonly #server: Server;
  readonly #wss = new WebSocketServer({ noServer: true });

  private constructor(server: Server, options: CartesiaStubOptions) {
    this.#server = server;
    this.apiKey = options.apiKey ?? "ca-test-key";
    this.latencyMs = options.latencyMs ?? 0;
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    server.on("upgrade", (req, socket, head) => this.#upgrade(req, socket as Socket, head));
    server.on("request", (_req, res) => res.writeHead(404).end());
  }

  static async start(options: CartesiaStubOptions = {}): Promise<CartesiaStub> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return new CartesiaStub(server, options);
  }

  close(): Promise<void> {
    for (const client of this.#wss.clients) client.terminate();
    this.#server.closeAllConnections();
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }

  #upgrade(req: IncomingMessage, socket: Socket, head: Buffer): void {
    const url = new URL(req.url ?? "/", "http://x");
    const refuse = (status: number, message: string): void => {
      socket.end(
        `HTTP/1.1 ${status} ${status === 401 ? "Unauthorized" : "Bad Request"}\r\ncontent-type: application/json\r\n\r\n${JSON.stringify({ error: message })}`,
      );
    };
    if (url.pathname !== "/tts/websocket") {
      socket.end("HTTP/1.1 404 Not Found\r\n\r\n");
      return;
    }
    const key = req.headers["x-api-key"] ?? url.searchParams.get("api_key");
    if (key !== this.apiKey) {
      refuse(401, "Invalid API key");
      return;
    }
    const version = req.headers["cartesia-version"] ?? url.searchParams.get("cartesia_version");
    if (typeof version !== "string" || !VERSIONS.has(version)) {
      refuse(400, `Invalid or missing Cartesia-Version: ${version ?? ""}`);
      return;
    }
    this.#wss.handleUpgrade(req, socket, head, (ws) => this.#serve(ws));
  }

  #serve(ws: WebSocket): void {
    // One queue per socket: a context's pieces are spoken in order, as the API does.
    let queue = Promise.resolve();
    ws.on("message", (data) => {
      let request: GenerationRequest;
      try {
        request = JSON.parse(data.toString());
      } catch {
        return this.#send(ws, {
          type: "error",
          status_code: 400,
          done: true,
          error: "Invalid JSON",
          context_id: "",
        });
      }
      this.requests.push(request);
      if (request.cancel) {
        const context = this.contexts.get(request.context_id);
        if (context) context.cancelled = true;
        return;
      }
      const problem = checkRequest(request);
      if (problem)
        return this.#send(ws, {
          type: "error",
          context_id: request.context_id ?? "",
          status_code: 400,
          done: true,
          error: problem,
        });
      const context = this.contexts.get(request.context_id) ?? {
        id: request.context_id,
        transcripts: [],
        audioSeconds: 0,
        cancelled: false,
        done: false,
      };
      this.contexts.set(context.id, context);
      context.transcripts.push(request.transcript);
      queue = queue.then(() => this.#speak(ws, context, request));
    });
  }

  async #speak(ws: WebSocket, context: TtsContext, request: GenerationRequest): Promise<void> {
    const words = request.transcript.split(/\s+/).filter(Boolean);
    const { sample_rate: rate, encoding } = request.output_format;
    if (words.length > 0 && this.latencyMs > 0)
      await new Promise((resolve) => setTimeout(resolve, this.latencyMs));
    if (context.cancelled || ws.readyState !== ws.OPEN) return;
    if (words.length > 0 && request.add_timestamps) {
      const start = words.map((_, i) => context.audioSeconds + i * WORD_S);
      this.#send(ws, {
        type: "timestamps",
        done: false,
        status_code: 206,
        context_id: context.id,
        word_timestamps: { words, start, end: start.map((s) => s + WORD_S * 0.9) },
      });
    }
    const samples = speechShaped(words.length * WORD_S, rate);
    const perChunk = Math.round(CHUNK_S * rate);
    for (let i = 0; i < samples.length && !context.cancelled; i += perChunk) {
      const piece = samples.subarray(i, i + perChunk);
      this.#send(ws, {
        type: "chunk",
        data: encode(piece, encoding).toString("base64"),
        done: false,
        status_code: 206,
        step_time: 1,
        context_id: context.id,
      });
      context.audioSeconds += piece.length / rate;
      // Faster than real time, as the service streams, but not all in one burst.
      if ((i / perChunk) % 10 === 9) await new Promise((resolve) => setImmediate(resolve));
    }
    if (request.continue === false && !context.cancelled) {
      context.done = true;
      this.#send(ws, { type: "done", done: true, status_code: 200, context_id: context.id });
    }
  }

  #send(ws: WebSocket, message: Record<string, unknown>): void {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
  }
}

function checkRequest(request: GenerationRequest): string | null {
  if (!request.context_id) return "context_id is required";
  if (!request.model_id) return "model_id is required";
  if (typeof request.transcript !== "string") return "transcript is required";
  const voice = request.voice;
  if (
    !voice ||
    !((voice.mode === "id" && voice.id) || (voice.mode === "embedding" && voice.embedding))
  )
    return "voice must have mode 'id' with an id or 'embedding' with an embedding";
  const format = request.output_format;
  if (!format || format.container !== "raw") return "output_format.container must be 'raw'";
  if (!ENCODINGS.has(format.encoding)) return `unsupported encoding: ${format.encoding}`;
  if (!RATES.has(format.sample_rate)) return `unsupported sample_rate: ${format.sample_rate}`;
  return null;
}

/** Voiced-sounding samples in [-1, 1]: a 140 Hz tone with harmonics, swelling per word. */
function speechShaped(seconds: number, rate: number): Float32Array {
  const out = new Float32Array(Math.round(seconds * rate));
  const word = WORD_S * rate;
  for (let i = 0; i < out.length; i++) {
    const t = i / rate;
    const inWord = (i % word) / word;
    const envelope = inWord < 0.85 ? Math.sin((Math.PI * inWord) / 0.85) : 0;
    const tone =
      Math.sin(2 * Math.PI * 140 * t) +
      0.5 * Math.sin(2 * Math.PI * 280 * t) +
      0.25 * Math.sin(2 * Math.PI * 420 * t);
    out[i] = 0.3 * envelope * (tone / 1.75);
  }
  return out;
}

function encode(samples: Float32Array, encoding: string): Buffer {
  if (encoding === "pcm_f32le")
    return Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength);
  const pcm = new Int16Array(samples.length);
  for (let i = 0; i < samples.length; i++) pcm[i] = Math.round((samples[i] ?? 0) * 32767);
  return Buffer.from(pcm.buffer);
}

export function startCartesiaStub(options?: CartesiaStubOptions): Promise<CartesiaStub> {
  return CartesiaStub.start(options);
}
