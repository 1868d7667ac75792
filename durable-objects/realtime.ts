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

export class Realtime {
  constructor(private readonly ctx: DurableObjectState) {}

  /** Accepts a WebSocket upgrade; returns the 101 response for the client. */
  accept(tag: string = CLIENT_TAG): Response {
    const pair = new WebSocketPair();
    const [client, server] = Object.values(pair) as [WebSocket, WebSocket];
    this.ctx.acceptWebSocket(server, [tag]);
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
