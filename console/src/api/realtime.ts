import type { Schemas } from "@fitness-coach/client";
import { api } from "./client";

// The user's live events: one WebSocket to /v1/realtime, opened with a short-lived ticket
// (browsers cannot send an Authorization header on a WebSocket). It reconnects with backoff
// while the user is signed in, and pings so idle proxies keep it open.

export type RealtimeMessage = Schemas["RealtimeMessage"];
export type RealtimeStatus = "connecting" | "live" | "offline";

const PING_MS = 25_000;
const MAX_BACKOFF_MS = 30_000;

export class RealtimeConnection {
  #socket: WebSocket | null = null;
  /** Bumped by start and stop, so work begun before a stop (a ticket request) is dropped. */
  #generation = 0;
  #attempt = 0;
  #ping: ReturnType<typeof setInterval> | undefined;
  #retry: ReturnType<typeof setTimeout> | undefined;
  #status: RealtimeStatus = "connecting";
  readonly #messageListeners = new Set<(message: RealtimeMessage) => void>();
  readonly #statusListeners = new Set<() => void>();

  start(): void {
    this.#generation += 1;
    void this.#open(this.#generation);
  }

  stop(): void {
    this.#generation += 1;
    clearTimeout(this.#retry);
    clearInterval(this.#ping);
    this.#socket?.close(1000, "signed out");
    this.#socket = null;
    this.#setStatus("offline");
  }

  get status(): RealtimeStatus {
    return this.#status;
  }

  onMessage(listener: (message: RealtimeMessage) => void): () => void {
    this.#messageListeners.add(listener);
    return () => this.#messageListeners.delete(listener);
  }

  onStatus(listener: () => void): () => void {
    this.#statusListeners.add(listener);
    return () => this.#statusListeners.delete(listener);
  }

  async #open(generation: number): Promise<void> {
    this.#setStatus("connecting");
    let ticket: string | undefined;
    try {
      ticket = (await api.POST("/v1/realtime/ticket")).data?.ticket;
    } catch {
      // The API is unreachable: retried below like a dropped socket.
    }
    if (generation !== this.#generation) return;
    if (!ticket) return this.#scheduleRetry(generation);
    const url = new URL("/v1/realtime", window.location.href);
    url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
    url.searchParams.set("ticket", ticket);
    const socket = new WebSocket(url);
    this.#socket = socket;
    socket.addEventListener("open", () => {
      this.#attempt = 0;
      this.#setStatus("live");
      this.#ping = setInterval(() => socket.send("ping"), PING_MS);
    });
    socket.addEventListener("message", (event) => {
      if (typeof event.data !== "string" || event.data === "pong") return;
      const message = JSON.parse(event.data) as RealtimeMessage;
      for (const listener of this.#messageListeners) listener(message);
    });
    socket.addEventListener("close", () => {
      clearInterval(this.#ping);
      if (this.#socket !== socket || generation !== this.#generation) return;
      this.#socket = null;
      this.#scheduleRetry(generation);
    });
  }

  #scheduleRetry(generation: number): void {
    this.#setStatus("offline");
    const delay = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** this.#attempt);
    this.#attempt += 1;
    this.#retry = setTimeout(() => void this.#open(generation), delay);
  }

  #setStatus(status: RealtimeStatus): void {
    if (status === this.#status) return;
    this.#status = status;
    for (const listener of this.#statusListeners) listener();
  }
}
