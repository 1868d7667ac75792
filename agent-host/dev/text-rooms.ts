import type { IncomingMessage } from "node:http";
import type { Socket } from "node:net";
import { voice } from "@livekit/agents";
import { jwtVerify } from "jose";
import { type WebSocket, WebSocketServer } from "ws";
import type { LiveKitStub, StubDispatch } from "../../test/support/livekit-stub.ts";
import { CoachBackend } from "../src/backend.ts";
import { createCallSession } from "../src/call-session.ts";
import { type CallLog, type CoachingCall, startCoachingCall } from "../src/coaching-call.ts";
import type { AgentConfig } from "../src/config.ts";
import { dispatchMetadata } from "../src/dispatch-metadata.ts";

// Calls without a LiveKit server (`npm run voice:local` where livekit-server is not installed):
// the LiveKit stand-in receives the API's dispatch of a text-mode room, and the agent host's
// own call wiring (createCallSession in text mode, startCoachingCall: the coach, its tools,
// the events socket, the transcript posts) runs it here as the job entry would. The app's
// side of the room is a WebSocket on the stand-in's port, `/local/text?access_token=<the
// participant token>`, checked as livekit-server checks a join (HS256 from the API key, a
// roomJoin grant for that room). Messages are JSON:
//   server -> app  {type: "line", id, speaker: "You" | "Coach", text}   each final turn
//   app -> server  {type: "say", text}   a user turn, as a text message on lk.chat would be
// Without a token the socket opens and closes at once (4000): the console's probe for rooms.
// A room deleted through the API (the call ended) ends its call and closes its sockets.

export const TEXT_ROOM_PATH = "/local/text";

interface Line {
  type: "line";
  id: string;
  speaker: "You" | "Coach";
  text: string;
}

interface RoomCall {
  session: voice.AgentSession;
  call: CoachingCall | null;
  lines: Line[];
  sockets: Set<WebSocket>;
}

export class TextRooms {
  readonly #calls = new Map<string, RoomCall>();
  readonly #wss = new WebSocketServer({ noServer: true });
  readonly #secret: Uint8Array;
  readonly config: AgentConfig;
  readonly log: CallLog;

  constructor(livekit: LiveKitStub, config: AgentConfig, log: CallLog) {
    this.config = config;
    this.log = log;
    this.#secret = new TextEncoder().encode(config.LIVEKIT_API_SECRET);
    livekit.events.on("dispatch", (dispatch) =>
      this.#start(dispatch).catch((error: unknown) =>
        this.log("text_room_failed", { room: dispatch.room, error: String(error) }),
      ),
    );
    livekit.events.on("room_deleted", (room) => void this.#end(room));
    livekit.server.on("upgrade", (req, socket, head) => this.#upgrade(req, socket as Socket, head));
  }

  /** Rooms with a call running. */
  rooms(): string[] {
    return [...this.#calls.keys()];
  }

  async close(): Promise<void> {
    await Promise.all([...this.#calls.keys()].map((room) => this.#end(room)));
  }

  async #start(dispatch: StubDispatch): Promise<void> {
    if (dispatch.agentName !== this.config.LIVEKIT_AGENT_NAME) return;
    const metadata = dispatchMetadata.parse(JSON.parse(dispatch.metadata || "{}"));
    // A voice room needs a media server: the app falls back to a text room (console Voice).
    if (metadata.mode !== "text") return;
    const room = dispatch.room;
    const log: CallLog = (event, fields = {}) =>
      this.log(event, { room, user_id: metadata.user_id, ...fields });
    const session = createCallSession(this.config, { textOnly: true });
    const entry: RoomCall = { session, call: null, lines: [], sockets: new Set() };
    this.#calls.set(room, entry);
    session.on(voice.AgentSessionEventTypes.ConversationItemAdded, ({ item }) => {
      if (item.type !== "message" || (item.role !== "user" && item.role !== "assistant")) return;
      const line: Line = {
        type: "line",
        id: item.id,
        speaker: item.role === "user" ? "You" : "Coach",
        text: item.textContent ?? "",
      };
      entry.lines.push(line);
      for (const socket of entry.sockets) socket.send(JSON.stringify(line));
    });
    entry.call = await startCoachingCall({
      backend: new CoachBackend({
        baseUrl: this.config.COACH_API_URL,
        agentToken: metadata.agent_token,
      }),
      session,
      log,
      greet: true,
    });
    log("coach_joined", { agent_type: entry.call.coach?.agentType, mode: "text" });
  }

  async #end(room: string): Promise<void> {
    const entry = this.#calls.get(room);
    if (!entry) return;
    this.#calls.delete(room);
    for (const socket of entry.sockets) socket.close(1000, "room ended");
    entry.call?.close();
    await entry.call?.transcriptPosted();
    await entry.session.close();
    this.log("session_closed", { room, reason: "room_deleted" });
  }

  async #upgrade(req: IncomingMessage, socket: Socket, head: Buffer): Promise<void> {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (url.pathname !== TEXT_ROOM_PATH) return void socket.destroy();
    const token = url.searchParams.get("access_token");
    if (!token)
      return this.#wss.handleUpgrade(req, socket, head, (ws) =>
        ws.close(4000, "local text rooms: join with ?access_token="),
      );
    const room = await this.#joinableRoom(token);
    const entry = room ? this.#calls.get(room) : undefined;
    if (!entry) {
      socket.end("HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n");
      return;
    }
    this.#wss.handleUpgrade(req, socket, head, (ws) => {
      entry.sockets.add(ws);
      for (const line of entry.lines) ws.send(JSON.stringify(line));
      ws.on("close", () => entry.sockets.delete(ws));
      ws.on("message", (data) => {
        const message = parseSay(String(data));
        if (!message) return ws.close(4400, "expected {type: 'say', text}");
        // What the framework does with a text message on lk.chat (RoomIO's default).
        entry.session.interrupt();
        entry.session.generateReply({ userInput: message.text });
      });
    });
  }

  /** The room a participant token may join, or undefined (bad signature, key or grant). */
  async #joinableRoom(token: string): Promise<string | undefined> {
    try {
      const { payload } = await jwtVerify<{ video?: { roomJoin?: boolean; room?: string } }>(
        token,
        this.#secret,
        { issuer: this.config.LIVEKIT_API_KEY, algorithms: ["HS256"] },
      );
      return payload.video?.roomJoin ? payload.video.room : undefined;
    } catch {
      return undefined;
    }
  }
}

function parseSay(data: string): { text: string } | undefined {
  try {
    const message = JSON.parse(data) as { type?: unknown; text?: unknown };
    if (message.type !== "say" || typeof message.text !== "string" || !message.text.trim())
      return undefined;
    return { text: message.text.trim().slice(0, 2000) };
  } catch {
    return undefined;
  }
}
