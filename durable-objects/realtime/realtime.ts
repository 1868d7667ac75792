// Live events to the user's connected clients (apps and the voice agent) over WebSockets
// accepted with the hibernation API: the actor may be evicted while sockets stay open, and
// wakes up for the next message or broadcast. Events are JSON `{type, data, at}`. Apps get every
// event; a voice agent's socket is tagged with its room and gets only what agent-feed.ts allows,
// and only while that room is live.

import {
  AGENT_TAG,
  agentEventData,
  agentRoomOf,
  agentRoomTag,
  VOICE_SESSION_ENDED_CLOSE,
} from "../voice/agent-feed";

export type RealtimeEventType =
  | "job.progress"
  | "job.completed"
  | "job.failed"
  | "profile.updated"
  | "program.activated"
  | "voice.coach_changed"
  | "voice.budget_exhausted"
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
    /** Whether an agent socket's room is still live (its agent token still good). */
    private readonly roomLive: (roomName: string) => boolean,
    private readonly maxClientSockets: () => number,
  ) {}

  /** Accepts a WebSocket upgrade; returns the 101 response for the client. */
  accept(tag: string = CLIENT_TAG, roomName?: string): Response {
    if (tag === CLIENT_TAG) this.#closeOldestBeyond(this.maxClientSockets() - 1);
    const pair = new WebSocketPair();
    const [client, server] = Object.values(pair) as [WebSocket, WebSocket];
    // The opening time is a tag because tags survive hibernation with the socket.
    const opened = `${OPENED_TAG}${Date.now()}`;
    this.ctx.acceptWebSocket(
      server,
      roomName ? [tag, agentRoomTag(roomName), opened] : [tag, opened],
    );
    server.send(JSON.stringify({ type: "hello", data: { tag }, at: new Date().toISOString() }));
    return new Response(null, { status: 101, webSocket: client });
  }

  /** Sends an event to the apps, and to agents as agent-feed.ts allows (`room`: that room's). */
  broadcast(type: RealtimeEventType, data: unknown, room?: string): number {
    const at = new Date().toISOString();
    const message = JSON.stringify({ type, data, at } satisfies RealtimeEvent);
    const agentData = agentEventData(type, data);
    const agentMessage =
      agentData === null
        ? null
        : JSON.stringify({ type, data: agentData, at } satisfies RealtimeEvent);
    let sent = 0;
    for (const socket of this.ctx.getWebSockets()) {
      const tags = this.ctx.getTags(socket);
      let text = message;
      if (tags.includes(AGENT_TAG)) {
        const roomName = this.#agentRoom(socket, tags);
        if (!roomName || !agentMessage || (room && room !== roomName)) continue;
        text = agentMessage;
      }
      try {
        socket.send(text);
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

  /** How many agent sockets of a room are open. */
  agentSockets(roomName: string): number {
    return this.ctx
      .getWebSockets(agentRoomTag(roomName))
      .filter((socket) => socket.readyState === WebSocket.OPEN).length;
  }

  /** Closes the agent sockets of a room (it ended, or its agent token stopped working). */
  closeRoom(roomName: string): number {
    const sockets = this.ctx.getWebSockets(agentRoomTag(roomName));
    for (const socket of sockets) {
      try {
        socket.close(VOICE_SESSION_ENDED_CLOSE.code, VOICE_SESSION_ENDED_CLOSE.reason);
      } catch {
        // already closed
      }
    }
    return sockets.length;
  }

  /**
   * An agent socket's room while it is live; otherwise the socket is closed and null. Rooms end
   * through voice.ts (which closes their sockets), but a token also lapses at its expiry with
   * nothing to announce it: checked whenever the socket would be sent to or pings (every 30 s).
   */
  #agentRoom(socket: WebSocket, tags = this.ctx.getTags(socket)): string | null {
    const roomName = agentRoomOf(tags);
    if (roomName && this.roomLive(roomName)) return roomName;
    try {
      socket.close(VOICE_SESSION_ENDED_CLOSE.code, VOICE_SESSION_ENDED_CLOSE.reason);
    } catch {
      // already closed
    }
    return null;
  }

  /** Clients may send "ping" to keep intermediaries from idling the connection out. */
  onMessage(socket: WebSocket, message: string | ArrayBuffer): void {
    if (this.ctx.getTags(socket).includes(AGENT_TAG) && !this.#agentRoom(socket)) return;
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
