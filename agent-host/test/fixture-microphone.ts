import { stream, voice } from "@livekit/agents";
import { AudioFrame } from "@livekit/rtc-node";
import type { Utterance } from "./wav";

// A microphone for a voice.AgentSession without a room: like a participant's track it
// delivers 20 ms frames in real time, silence until an utterance is played, so the VAD hears
// speech start and end as it would in a call. Set it as `session.input.audio`.

const FRAME_MS = 20;

interface Playing {
  samples: Int16Array;
  at: number;
  /** Index of the last sample above the speech threshold (where the user stops talking). */
  speechEnd: number;
  resolve: (timing: { speechEndedAt: number }) => void;
  speechEndedAt: number | null;
}

export class FixtureMicrophone extends voice.AudioInput {
  readonly sampleRate: number;
  readonly #channel = stream.createStreamChannel<AudioFrame>();
  readonly #queue: Playing[] = [];
  #timer: NodeJS.Timeout | null = null;
  #started = 0;
  #sent = 0;

  constructor(sampleRate = 16_000) {
    super();
    this.sampleRate = sampleRate;
    this.multiStream.addInputStream(this.#channel.stream());
    this.#started = performance.now();
    this.#tick();
  }

  /**
   * Speaks an utterance; resolves when its last sample has gone out, with the wall-clock time
   * (Date.now()) at which its speech ended: what "the user stopped talking" means.
   */
  play(utterance: Utterance): Promise<{ speechEndedAt: number }> {
    if (utterance.sampleRate !== this.sampleRate)
      throw new Error(`fixture at ${utterance.sampleRate} Hz, microphone at ${this.sampleRate}`);
    let speechEnd = 0;
    for (let i = 0; i < utterance.samples.length; i++)
      if (Math.abs(utterance.samples[i] ?? 0) > 328) speechEnd = i;
    return new Promise((resolve) =>
      this.#queue.push({
        samples: utterance.samples,
        at: 0,
        speechEnd,
        resolve,
        speechEndedAt: null,
      }),
    );
  }

  /** Sends every frame that is due by now; timers drift, so frames are counted from the start. */
  #tick(): void {
    const perFrame = (this.sampleRate * FRAME_MS) / 1000;
    const due = Math.floor((performance.now() - this.#started) / FRAME_MS);
    while (this.#sent < due) {
      const pcm = new Int16Array(perFrame);
      const playing = this.#queue[0];
      if (playing) {
        const piece = playing.samples.subarray(playing.at, playing.at + perFrame);
        pcm.set(piece);
        playing.at += piece.length;
        if (playing.speechEndedAt === null && playing.at > playing.speechEnd)
          playing.speechEndedAt = Date.now();
        if (playing.at >= playing.samples.length) {
          this.#queue.shift();
          playing.resolve({ speechEndedAt: playing.speechEndedAt ?? Date.now() });
        }
      }
      void this.#channel.write(new AudioFrame(pcm, this.sampleRate, 1, perFrame)).catch(() => {});
      this.#sent += 1;
    }
    this.#timer = setTimeout(() => this.#tick(), FRAME_MS / 2);
  }

  override async close(): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer);
    await this.#channel.close();
    await super.close();
  }
}
