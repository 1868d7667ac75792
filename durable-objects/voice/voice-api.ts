import type { Cursor } from "../../kernel/pages";
import { ConcernApi } from "../front-door";
import type { NewVoiceRoom, VoiceHistoryStatus } from "./voice-rooms";

/** `actor.voice(userId)`: the user's calls (rooms, minutes, transcripts), for the app and LiveKit's webhooks. */
export class VoiceApi extends ConcernApi {
  /**
   * Opens a room within the user's voice limits (live rooms, daily minutes), or says which.
   * A paid pipeline: only for a verified address.
   */
  async open(room: NewVoiceRoom) {
    return (await this.modules.account.unverified()) ?? this.modules.voice.open(room);
  }

  /** Forgets a room LiveKit failed to set up. */
  discard(roomName: string) {
    return this.modules.voice.discard(roomName);
  }

  active() {
    return this.modules.voice.active();
  }

  get(roomName: string) {
    return this.modules.voice.get(roomName);
  }

  end(roomName: string, at?: Date) {
    return this.modules.voice.end(roomName, at);
  }

  /** The user's own participant joined or left a room (LiveKit webhooks): voice minutes. */
  presence(roomName: string, change: "joined" | "left", at: Date) {
    return this.modules.voice.presence(roomName, change, at);
  }

  /** A page of the user's calls: live ones first, then ended ones with their summaries. */
  history(options: { limit: number; after?: Cursor; status?: VoiceHistoryStatus }) {
    return this.modules.voice.history(options);
  }

  transcript(roomName: string) {
    return this.modules.voice.transcript(roomName);
  }
}
