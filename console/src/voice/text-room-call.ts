import type { VoiceCallEvents } from "./voice-call";

// A call in a local text room: what `npm run voice:local` offers where no LiveKit media server
// is installed (agent-host/dev/text-rooms.ts). The agent host runs the same coach in text on
// LiveKit's API stand-in, whose port serves the room as a WebSocket: the coach's and the
// user's final turns come in as {type: "line", id, speaker, text}, the user's words go out as
// {type: "say", text}.

const PATH = "/local/text";

const roomUrl = (livekitUrl: string, query: string) =>
  `${livekitUrl.replace(/\/$/, "")}${PATH}${query}`;

/** Whether the LiveKit address serves local text rooms (the stand-in opens, then closes). */
export function hasTextRooms(livekitUrl: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = new WebSocket(roomUrl(livekitUrl, ""));
    probe.onopen = () => resolve(true);
    probe.onerror = () => resolve(false);
  });
}

export class TextRoomCall {
  #socket: WebSocket | null = null;

  constructor(private readonly events: Omit<VoiceCallEvents, "onAgentAudio">) {}

  /** Joins the room with the session's token; rejects when the room refuses it. */
  join(livekitUrl: string, token: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(
        roomUrl(livekitUrl, `?access_token=${encodeURIComponent(token)}`),
      );
      socket.onopen = () => {
        this.#socket = socket;
        resolve();
      };
      socket.onerror = () => reject(new Error("the text room refused the call"));
      socket.onclose = () => {
        if (this.#socket === socket) this.events.onEnded();
      };
      socket.onmessage = (event) => {
        const line = JSON.parse(String(event.data)) as {
          type: string;
          id: string;
          speaker: string;
          text: string;
        };
        if (line.type === "line")
          this.events.onTranscript({ id: line.id, speaker: line.speaker, text: line.text });
      };
    });
  }

  say(text: string): void {
    this.#socket?.send(JSON.stringify({ type: "say", text }));
  }

  async leave(): Promise<void> {
    const socket = this.#socket;
    this.#socket = null;
    socket?.close();
  }
}
