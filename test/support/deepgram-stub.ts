import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { type WebSocket, WebSocketServer } from "ws";

/**
 * Deepgram's live transcription WebSocket (`/v1/listen`) on a loopback port, so the real
 * @livekit/agents-plugin-deepgram streams to it unchanged (`baseUrl: stub.url`). It checks
 * what Deepgram checks on the upgrade: `Authorization: Token <key>` (401 otherwise), a known
 * model, `encoding` with a `sample_rate`, boolean and integer parameters well formed,
 * `utterance_end_ms` only with `interim_results=true` (400 otherwise); and it closes a stream
 * that sends neither audio nor KeepAlive for 10 s (NET-0001).
 *
 * It cannot recognise speech, so it recognises recordings: `learn(pcm, transcript)` teaches
 * it a fixture, and when the exact samples of a learned fixture arrive it answers as Deepgram
 * does, in stream time: SpeechStarted (vad_events), interim Results as the words go by, then
 * a final Result with speech_final once `endpointing` ms of silence follow the last word
 * (UtteranceEnd after `utterance_end_ms`, Finalize and CloseStream honoured). Audio it does
 * not know (noise) gets Results with an empty transcript, as Deepgram gives for non-speech.
 * `latencyMs` delays every message by the service's processing time.
 */

export interface DeepgramStubOptions {
  apiKey?: string;
  latencyMs?: number;
}

export interface ListenSession {
  params: URLSearchParams;
  /** Seconds of audio received. */
  audioSeconds: number;
  /** Every message sent to the client, in order. */
  sent: Array<Record<string, unknown>>;
  /** Control messages received (KeepAlive, Finalize, CloseStream). */
  controls: string[];
  closed: boolean;
}

interface Fixture {
  samples: Int16Array;
  transcript: string;
  speechStart: number;
  speechEnd: number;
  /** Where in the fixture the match window starts, and its length. */
  signatureAt: number;
}

/** An utterance found in a stream: the fixture, and where its sample 0 sits in the stream. */
interface Utterance {
  fixture: Fixture;
  offset: number;
  interimWords: number;
  final: boolean;
  ended: boolean;
}

const MODELS = /^(nova-3|nova-2|nova|enhanced|base)(-[a-z]+)*$/;
const ENCODINGS = new Set([
  "linear16",
  "linear32",
  "flac",
  "alaw",
  "mulaw",
  "amr-nb",
  "amr-wb",
  "opus",
  "ogg-opus",
  "speex",
  "g729",
]);
const BOOLEANS = [
  "punctuate",
  "smart_format",
  "interim_results",
  "vad_events",
  "no_delay",
  "diarize",
  "dictation",
  "numerals",
  "filler_words",
  "profanity_filter",
  "mip_opt_out",
];
const SIGNATURE = 800; // samples: 50 ms at 16 kHz
const INTERIM_EVERY_S = 0.5;
const SILENT_RESULT_EVERY_S = 1;
const IDLE_TIMEOUT_MS = 10_000;

const rms = (pcm: Int16Array, from: number, to: number) => {
  let sum = 0;
  for (let i = from; i < to; i++) sum += (pcm[i] ?? 0) ** 2;
  return Math.sqrt(sum / Math.max(1, to - from)) / 32768;
};

export class DeepgramStub {
  readonly url: string;
  readonly apiKey: string;
  readonly sessions: ListenSession[] = [];
  latencyMs: number;
  readonly #server: Server;
  readonly #wss = new WebSocketServer({ noServer: true });
  readonly #fixtures: Fixture[] = [];

  private constructor(server: Server, options: DeepgramStubOptions) {
    this.#server = server;
    this.apiKey = options.apiKey ?? "dg-test-key";
    this.latencyMs = options.latencyMs ?? 0;
    this.url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
    server.on("upgrade", (req, socket, head) => this.#upgrade(req, socket as Socket, head));
    server.on("request", (_req, res) => res.writeHead(404).end());
  }

  static async start(options: DeepgramStubOptions = {}): Promise<DeepgramStub> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return new DeepgramStub(server, options);
  }

  /** Teaches the stub one recording and what it says (16-bit PCM at the stream's rate). */
  learn(samples: Int16Array, transcript: string): void {
    const window = 160;
    let speechStart = -1;
    let speechEnd = 0;
    for (let i = 0; i + window <= samples.length; i += window) {
      if (rms(samples, i, i + window) > 0.01) {
        if (speechStart < 0) speechStart = i;
        speechEnd = i + window;
      }
    }
    if (speechStart < 0 || speechEnd - speechStart < SIGNATURE * 4)
      throw new Error("deepgram stub: a learned fixture needs speech");
    // Match a window a little way into the speech: it is always sent (energy is high).
    this.#fixtures.push({
      samples,
      transcript,
      speechStart,
      speechEnd,
      signatureAt: speechStart + SIGNATURE,
    });
  }

  close(): Promise<void> {
    for (const client of this.#wss.clients) client.terminate();
    this.#server.closeAllConnections();
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }

  #upgrade(req: IncomingMessage, socket: Socket, head: Buffer): void {
    const url = new URL(req.url ?? "/", "http://x");
    const refuse = (status: number, code: string, message: string): void => {
      const body = JSON.stringify({ err_code: code, err_msg: message, request_id: randomUUID() });
      socket.end(
        `HTTP/1.1 ${status} ${status === 401 ? "Unauthorized" : "Bad Request"}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
      );
    };
    if (url.pathname !== "/v1/listen") {
      socket.end("HTTP/1.1 404 Not Found\r\n\r\n");
      return;
    }
    const auth = /^Token (.+)$/.exec(req.headers.authorization ?? "")?.[1];
    if (auth !== this.apiKey) {
      refuse(401, "INVALID_AUTH", "Invalid credentials.");
      return;
    }
    const problem = checkParams(url.searchParams);
    if (problem) {
      refuse(400, "Bad Request", problem);
      return;
    }
    this.#wss.handleUpgrade(req, socket, head, (ws) => this.#serve(ws, url.searchParams));
  }

  #serve(ws: WebSocket, params: URLSearchParams): void {
    const session: ListenSession = {
      params,
      audioSeconds: 0,
      sent: [],
      controls: [],
      closed: false,
    };
    this.sessions.push(session);
    const rate = Number(params.get("sample_rate") ?? 16000);
    const channels = Number(params.get("channels") ?? 1);
    const interim = params.get("interim_results") === "true";
    const vadEvents = params.get("vad_events") === "true";
    const endpointing =
      params.get("endpointing") === "false" ? null : Number(params.get("endpointing") ?? 10);
    const utteranceEndMs = params.has("utterance_end_ms")
      ? Number(params.get("utterance_end_ms"))
      : null;
    const requestId = randomUUID();
    const model = params.get("model") ?? "base";

    let pcm = new Int16Array(rate * 30);
    let length = 0;
    let searchedTo = 0;
    let lastSilentResult = 0;
    let open: Utterance | null = null;
    let lastWordEnd: number | null = null;
    let idle: NodeJS.Timeout;
    const touch = () => {
      clearTimeout(idle);
      idle = setTimeout(() => {
        this.#send(ws, session, {
          type: "Error",
          description:
            "Deepgram did not receive audio data or a text message within the timeout window.",
          message: "NET-0001",
        });
        ws.close(1011, "NET-0001");
      }, IDLE_TIMEOUT_MS);
    };
    touch();

    const seconds = (sample: number) => Math.round((sample / rate) * 1000) / 1000;
    const result = (
      words: Array<{ text: string; start: number; end: number }>,
      start: number,
      end: number,
      flags: { is_final: boolean; speech_final: boolean; from_finalize?: boolean },
    ) => ({
      type: "Results",
      channel_index: [0, channels],
      duration: Math.round((end - start) * 1000) / 1000,
      start,
      ...flags,
      from_finalize: flags.from_finalize ?? false,
      channel: {
        alternatives: [
          {
            transcript: words.map((w) => w.text).join(" "),
            confidence: words.length ? 0.99 : 0,
            words: words.map((w) => ({
              word: w.text.toLowerCase().replace(/[^\p{L}\p{N}']/gu, ""),
              start: w.start,
              end: w.end,
              confidence: 0.99,
              punctuated_word: w.text,
            })),
          },
        ],
      },
      metadata: {
        request_id: requestId,
        model_info: { name: `general-${model}`, version: "2025-01-01.0", arch: model },
        model_uuid: randomUUID(),
      },
    });
    const wordsOf = (u: Utterance) => {
      const tokens = u.fixture.transcript.split(/\s+/).filter(Boolean);
      const from = u.offset + u.fixture.speechStart;
      const step = (u.fixture.speechEnd - u.fixture.speechStart) / tokens.length;
      return tokens.map((text, i) => ({
        text,
        start: seconds(from + i * step),
        end: seconds(from + (i + 1) * step),
      }));
    };
    const finalise = (u: Utterance, speechFinal: boolean, fromFinalize = false) => {
      if (u.final) return;
      u.final = true;
      const words = wordsOf(u);
      lastWordEnd = u.offset + u.fixture.speechEnd;
      this.#send(
        ws,
        session,
        result(words, words[0]?.start ?? 0, words.at(-1)?.end ?? 0, {
          is_final: true,
          speech_final: speechFinal,
          from_finalize: fromFinalize,
        }),
      );
    };

    /** What Deepgram would say now that the stream has reached `length` samples. */
    const advance = () => {
      if (!open) {
        open = this.#find(pcm, length, searchedTo);
        searchedTo = Math.max(0, length - SIGNATURE);
        if (open && vadEvents)
          this.#send(ws, session, {
            type: "SpeechStarted",
            channel: [0],
            timestamp: seconds(open.offset + open.fixture.speechStart),
          });
      }
      if (open && !open.final) {
        const words = wordsOf(open);
        const heard = words.filter((w) => w.end <= seconds(length));
        const due = Math.floor((seconds(length) - (words[0]?.start ?? 0)) / INTERIM_EVERY_S);
        if (interim && heard.length > 0 && due > open.interimWords) {
          open.interimWords = due;
          this.#send(
            ws,
            session,
            result(heard, words[0]?.start ?? 0, seconds(length), {
              is_final: false,
              speech_final: false,
            }),
          );
        }
        const speechEnd = open.offset + open.fixture.speechEnd;
        if (endpointing !== null && length >= speechEnd + (endpointing / 1000) * rate)
          finalise(open, true);
      }
      if (open?.final && lastWordEnd !== null) {
        if (utteranceEndMs !== null && length >= lastWordEnd + (utteranceEndMs / 1000) * rate) {
          this.#send(ws, session, {
            type: "UtteranceEnd",
            channel: [0, channels],
            last_word_end: seconds(lastWordEnd),
          });
          lastWordEnd = null;
        }
        if (length >= open.offset + open.fixture.samples.length) {
          open.ended = true;
          open = null;
          searchedTo = length;
          lastSilentResult = length;
        }
      }
      // Audio that is not a known utterance: Deepgram answers it with empty transcripts.
      if (!open && length - lastSilentResult >= SILENT_RESULT_EVERY_S * rate) {
        this.#send(
          ws,
          session,
          result([], seconds(lastSilentResult), seconds(length), {
            is_final: true,
            speech_final: false,
          }),
        );
        lastSilentResult = length;
      }
    };

    ws.on("message", (data, isBinary) => {
      touch();
      if (isBinary) {
        const chunk = new Int16Array(
          (data as Buffer).buffer.slice(
            (data as Buffer).byteOffset,
            (data as Buffer).byteOffset + (data as Buffer).byteLength,
          ),
        );
        if (length + chunk.length > pcm.length) {
          const grown = new Int16Array(Math.max(pcm.length * 2, length + chunk.length));
          grown.set(pcm.subarray(0, length));
          pcm = grown;
        }
        pcm.set(chunk, length);
        length += chunk.length;
        session.audioSeconds = length / rate / channels;
        advance();
        return;
      }
      const message = JSON.parse(data.toString()) as { type?: string };
      session.controls.push(String(message.type));
      if (message.type === "Finalize") {
        if (open && !open.final) finalise(open, false, true);
        else
          this.#send(
            ws,
            session,
            result([], seconds(lastSilentResult), seconds(length), {
              is_final: true,
              speech_final: false,
              from_finalize: true,
            }),
          );
      } else if (message.type === "CloseStream") {
        if (open && !open.final) finalise(open, false);
        this.#send(ws, session, {
          type: "Metadata",
          transaction_key: "deprecated",
          request_id: requestId,
          created: new Date().toISOString(),
          duration: seconds(length),
          channels,
        });
        this.#later(() => ws.close(1000));
      }
    });
    ws.on("close", () => {
      clearTimeout(idle);
      session.closed = true;
    });
  }

  /** A learned fixture whose signature window appears in pcm[from..length). */
  #find(pcm: Int16Array, length: number, from: number): Utterance | null {
    for (const fixture of this.#fixtures) {
      const signature = fixture.samples.subarray(
        fixture.signatureAt,
        fixture.signatureAt + SIGNATURE,
      );
      const first = signature[0];
      for (let at = from; at + SIGNATURE <= length; at++) {
        if (pcm[at] !== first) continue;
        let same = true;
        for (let k = 1; k < SIGNATURE && same; k++) same = pcm[at + k] === signature[k];
        if (same)
          return {
            fixture,
            offset: at - fixture.signatureAt,
            interimWords: 0,
            final: false,
            ended: false,
          };
      }
    }
    return null;
  }

  #send(ws: WebSocket, session: ListenSession, message: Record<string, unknown>): void {
    session.sent.push(message);
    this.#later(() => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
    });
  }

  #later(run: () => void): void {
    if (this.latencyMs > 0) setTimeout(run, this.latencyMs);
    else queueMicrotask(run);
  }
}

/** The parameter checks Deepgram makes before it accepts a stream; a message, or null. */
function checkParams(params: URLSearchParams): string | null {
  const model = params.get("model");
  if (model !== null && !MODELS.test(model))
    return "No such model/language/tier combination found.";
  const encoding = params.get("encoding");
  if (encoding !== null) {
    if (!ENCODINGS.has(encoding)) return `Unknown encoding: ${encoding}`;
    if (!params.has("sample_rate")) return "sample_rate is required when encoding is specified.";
  }
  for (const name of ["sample_rate", "channels"]) {
    const value = params.get(name);
    if (value !== null && !/^[1-9]\d*$/.test(value)) return `Invalid ${name}: ${value}`;
  }
  for (const name of BOOLEANS) {
    const value = params.get(name);
    if (value !== null && value !== "true" && value !== "false") return `Invalid ${name}: ${value}`;
  }
  const endpointing = params.get("endpointing");
  if (endpointing !== null && endpointing !== "false" && !/^\d+$/.test(endpointing))
    return `Invalid endpointing: ${endpointing}`;
  const utteranceEnd = params.get("utterance_end_ms");
  if (utteranceEnd !== null) {
    if (!/^\d+$/.test(utteranceEnd)) return `Invalid utterance_end_ms: ${utteranceEnd}`;
    if (params.get("interim_results") !== "true")
      return "utterance_end_ms requires interim_results=true";
  }
  return null;
}

export function startDeepgramStub(options?: DeepgramStubOptions): Promise<DeepgramStub> {
  return DeepgramStub.start(options);
}
