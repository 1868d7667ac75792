import { voice } from "@livekit/agents";
import type { AudioFrame } from "@livekit/rtc-node";

// A loudspeaker for a voice.AgentSession without a room: it records every frame the coach
// says and plays it out in real time (a segment is finished when its audio has had time to
// play), so the agent is "speaking" for as long as a listener would hear it and the user can
// talk over it. An interruption (clearBuffer) cuts the segment where playback has got to.

export interface Segment {
  /** Date.now() of the first frame. */
  startedAt: number;
  frames: AudioFrame[];
  /** Seconds of audio received. */
  seconds: number;
  /** Seconds actually played (less than `seconds` when interrupted). */
  played: number;
  interrupted: boolean;
  finished: boolean;
}

export class RecordingSpeaker extends voice.AudioOutput {
  readonly segments: Segment[] = [];
  #current: Segment | null = null;
  #timer: NodeJS.Timeout | null = null;

  constructor(sampleRate = 24_000) {
    super(sampleRate);
  }

  override async captureFrame(frame: AudioFrame): Promise<void> {
    await super.captureFrame(frame);
    if (!this.#current || this.#current.finished) {
      this.#current = {
        startedAt: Date.now(),
        frames: [],
        seconds: 0,
        played: 0,
        interrupted: false,
        finished: false,
      };
      this.segments.push(this.#current);
      this.onPlaybackStarted(this.#current.startedAt);
    }
    this.#current.frames.push(frame);
    this.#current.seconds += frame.samplesPerChannel / frame.sampleRate;
  }

  override flush(): void {
    super.flush();
    const segment = this.#current;
    if (!segment || segment.finished) return;
    // Finished once everything received has had time to play.
    const remaining = segment.startedAt + segment.seconds * 1000 - Date.now();
    this.#timer = setTimeout(() => this.#finish(segment, false), Math.max(0, remaining));
  }

  override clearBuffer(): void {
    const segment = this.#current;
    if (!segment || segment.finished) return;
    if (this.#timer) clearTimeout(this.#timer);
    this.#finish(segment, true);
  }

  #finish(segment: Segment, interrupted: boolean): void {
    if (segment.finished) return;
    segment.finished = true;
    segment.interrupted = interrupted;
    segment.played = Math.min(segment.seconds, (Date.now() - segment.startedAt) / 1000);
    this.onPlaybackFinished({ playbackPosition: segment.played, interrupted });
  }

  /** All the recorded PCM of a segment, as one buffer of 16-bit samples. */
  static pcm(segment: Segment): Int16Array {
    const total = segment.frames.reduce((n, f) => n + f.data.length, 0);
    const out = new Int16Array(total);
    let at = 0;
    for (const frame of segment.frames) {
      out.set(frame.data, at);
      at += frame.data.length;
    }
    return out;
  }
}
