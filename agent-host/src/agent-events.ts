import WebSocket from "ws";
import { backoffDelay } from "../../kernel/retry.ts";

// The user's live events from the backend (`/internal/agent/events`): the same stream the
// apps get, read by the agent so it can speak up when something it started finishes. The
// socket reconnects with backoff while the call lasts; a 401/403 (the room ended, the token
// expired) stops it for good, and so does a close with one of the backend's final codes.

export interface LiveEvent {
  type: string;
  data: Record<string, unknown>;
  at: string;
}

export interface AgentEventsOptions {
  url: string;
  headers: Record<string, string>;
  onEvent: (event: LiveEvent) => void;
  log: (event: string, fields?: Record<string, unknown>) => void;
  /** First reconnect delay (with jitter); doubles up to 15 s. */
  retryMs?: number;
}

const KEEPALIVE_MS = 30_000;
/** The backend closed for good: account deleted, account suspended, voice session ended. */
const FINAL_CLOSE_CODES = new Set([4001, 4003, 4004]);
const MAX_RETRY_MS = 15_000;

export class AgentEvents {
  #socket: WebSocket | null = null;
  #closed = false;
  #attempt = 0;
  #timer: NodeJS.Timeout | null = null;
  #opened: Promise<void>;
  #resolveOpened!: () => void;
  private readonly options: AgentEventsOptions;

  constructor(options: AgentEventsOptions) {
    this.options = options;
    this.#opened = new Promise((resolve) => {
      this.#resolveOpened = resolve;
    });
  }

  /** Connects (and keeps reconnecting); resolves once the first connection is open. */
  start(): Promise<void> {
    this.#connect();
    return this.#opened;
  }

  #connect(): void {
    if (this.#closed) return;
    const socket = new WebSocket(this.options.url, { headers: this.options.headers });
    this.#socket = socket;
    let keepalive: NodeJS.Timeout | null = null;
    socket.on("open", () => {
      this.#attempt = 0;
      this.options.log("agent_events_connected");
      keepalive = setInterval(() => socket.send("ping"), KEEPALIVE_MS);
      this.#resolveOpened();
    });
    socket.on("message", (raw) => {
      const text = raw.toString();
      if (!text.startsWith("{")) return; // "pong" and the like
      try {
        this.options.onEvent(JSON.parse(text) as LiveEvent);
      } catch (error) {
        this.options.log("agent_event_failed", { error: String(error) });
      }
    });
    socket.on("unexpected-response", (_request, response) => {
      const status = response.statusCode ?? 0;
      this.options.log("agent_events_refused", { status });
      if (status === 401 || status === 403) this.#closed = true; // the session is over
      socket.terminate();
    });
    socket.on("error", (error) => {
      this.options.log("agent_events_error", { error: error.message });
    });
    socket.on("close", (code, reason) => {
      if (keepalive) clearInterval(keepalive);
      if (FINAL_CLOSE_CODES.has(code)) {
        this.options.log("agent_events_ended", { code, reason: reason.toString() });
        this.#closed = true;
      }
      if (this.#closed) return;
      this.#attempt += 1;
      const delay = backoffDelay(this.#attempt, {
        baseMs: this.options.retryMs ?? 500,
        maxMs: MAX_RETRY_MS,
      });
      this.#timer = setTimeout(() => this.#connect(), delay);
    });
  }

  close(): void {
    this.#closed = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#socket?.close(1000, "call over");
  }
}
