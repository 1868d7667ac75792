// Live events to the user's connected clients (apps and the voice agent) over WebSockets
// accepted with the hibernation API: the actor may be evicted while sockets stay open, and
// wakes up for the next message or broadcast. Events are JSON `{type, data, at}`.

export type RealtimeEventType =
  | "job.progress"
  | "job.completed"
  | "job.failed"
  | "profile.updated"
  | "program.activated"
  | "voice.coach_changed"
  | "notification";

export interface RealtimeEvent {
  type: RealtimeEventType;
  data: unknown;
  at: string;
}

export const CLIENT_TAG = "client";
/** Close code for the oldest app socket when the user opens one more than allowed. */
export const SOCKET_LIMIT_CLOSE = { code: 4009, reason: "socket_limit" } as const;
const OPENED_TAG = "opened:";

export class Realtime {
  constructor(
    private readonly ctx: DurableObjectState,
    private readonly maxClientSockets: () => number,
  ) {}

  /** Accepts a WebSocket upgrade; returns the 101 response for the client. */
  accept(tag: string = CLIENT_TAG): Response {
    if (tag === CLIENT_TAG) this.#closeOldestBeyond(this.maxClientSockets() - 1);
    const pair = new WebSocketPair();
    const [client, server] = Object.values(pair) as [WebSocket, WebSocket];
    // The opening time is a tag because tags survive hibernation with the socket.
    this.ctx.acceptWebSocket(server, [tag, `${OPENED_TAG}${Date.now()}`]);
    server.send(JSON.stringify({ type: "hello", data: { tag }, at: new Date().toISOString() }));
    return new Response(null, { status: 101, webSocket: client });
  }

  broadcast(type: RealtimeEventType, data: unknown): number {
    const message = JSON.stringify({
      type,
      data,
      at: new Date().toISOString(),
    } satisfies RealtimeEvent);
    let sent = 0;
    for (const socket of this.ctx.getWebSockets()) {
      try {
        socket.send(message);
        sent += 1;
      } catch {
        // A socket closing as we send: its close handler cleans up.
      }
    }
    return sent;
  }

  /** Closes every socket (apps' and agents'), e.g. when the account is deleted or suspended. */
  closeAll(code: number, reason: string): number {
    const sockets = this.ctx.getWebSockets();
    for (const socket of sockets) {
      try {
        socket.close(code, reason);
      } catch {
        // already closed
      }
    }
    return sockets.length;
  }

  /** Closes the user's oldest app sockets until at most `keep` remain open. */
  #closeOldestBeyond(keep: number): void {
    const openedAt = (socket: WebSocket) =>
      Number(
        this.ctx
          .getTags(socket)
          .find((tag) => tag.startsWith(OPENED_TAG))
          ?.slice(OPENED_TAG.length) ?? 0,
      );
    const open = this.ctx
      .getWebSockets(CLIENT_TAG)
      .filter((socket) => socket.readyState === WebSocket.OPEN)
      .sort((a, b) => openedAt(a) - openedAt(b));
    for (const socket of open.slice(0, Math.max(0, open.length - keep))) {
      try {
        socket.close(SOCKET_LIMIT_CLOSE.code, SOCKET_LIMIT_CLOSE.reason);
      } catch {
        // already closed
      }
    }
  }

  /** Clients may send "ping" to keep intermediaries from idling the connection out. */
  onMessage(socket: WebSocket, message: string | ArrayBuffer): void {
    if (message === "ping") socket.send("pong");
  }

  onClose(socket: WebSocket, code: number): void {
    try {
      socket.close(code === 1005 || code === 1006 ? 1000 : code, "closing");
    } catch {
      // already closed
    }
  }
}
