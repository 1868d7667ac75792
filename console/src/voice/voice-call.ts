import type { Room } from "livekit-client";

// A voice call in a LiveKit room: our microphone out, the coach's audio in, and the live
// transcript. The coach (the agent host, @livekit/agents) publishes transcripts of both sides
// as text streams on the `lk.transcription` topic, one stream per segment, delta by delta.
// livekit-client is loaded only when a call starts, so the console's first load stays small.

export interface TranscriptLine {
  id: string;
  speaker: string;
  text: string;
}

export interface VoiceCallEvents {
  onTranscript: (line: TranscriptLine) => void;
  onAgentAudio: (element: HTMLMediaElement) => void;
  onEnded: () => void;
}

export class VoiceCall {
  #room: Room | null = null;

  constructor(private readonly events: VoiceCallEvents) {}

  /** Joins the room with the session's token; throws when LiveKit cannot be reached. */
  async join(url: string, token: string): Promise<void> {
    const { Room, RoomEvent, Track } = await import("livekit-client");
    const room = new Room();
    this.#room = room;
    room.on(RoomEvent.TrackSubscribed, (track) => {
      if (track.kind === Track.Kind.Audio) this.events.onAgentAudio(track.attach());
    });
    room.on(RoomEvent.Disconnected, () => this.events.onEnded());
    room.registerTextStreamHandler("lk.transcription", async (reader, participant) => {
      const id = reader.info.attributes?.["lk.segment_id"] ?? reader.info.id;
      const speaker = participant.identity === room.localParticipant.identity ? "You" : "Coach";
      let text = "";
      for await (const delta of reader) {
        text += delta;
        this.events.onTranscript({ id, speaker, text });
      }
    });
    await room.connect(url, token);
    await room.localParticipant.setMicrophoneEnabled(true);
  }

  async leave(): Promise<void> {
    await this.#room?.disconnect();
    this.#room = null;
  }
}
