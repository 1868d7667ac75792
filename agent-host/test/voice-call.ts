import type { VAD } from "@livekit/agents";
import { voice } from "@livekit/agents";
import type { AnthropicStub } from "../../test/support/anthropic-stub";
import type { CartesiaStub } from "../../test/support/cartesia-stub";
import type { DeepgramStub } from "../../test/support/deepgram-stub";
import type { LiveKitStub } from "../../test/support/livekit-stub";
import { CoachBackend } from "../src/backend";
import { createCallSession } from "../src/call-session";
import { type CoachingCall, startCoachingCall } from "../src/coaching-call";
import { loadConfig } from "../src/config";
import { requestCall } from "./dispatched-call";
import { FixtureMicrophone } from "./fixture-microphone";
import { RecordingSpeaker } from "./recording-speaker";

// A voice call without a room: the agent host's own session (createCallSession, the job
// entry's wiring, from a configuration that points the real Deepgram and Cartesia plugins and
// our Claude adapter at local stand-ins), its coaching call against a running Worker, a
// microphone that plays the spoken fixtures in real time and a speaker that records what the
// coach says. Used by the voice test and the voice-pipeline bench.

export interface VoiceCall {
  roomName: string;
  session: voice.AgentSession;
  call: CoachingCall;
  mic: FixtureMicrophone;
  speaker: RecordingSpeaker;
  /** The call's JSON log lines (turn_metrics, coach_handoff, ...). */
  lines: Array<Record<string, unknown>>;
  /** Final user transcripts, with the time each arrived. */
  transcripts: Array<{ text: string; at: number }>;
  /** Every metric the framework reported, with when it arrived. */
  metrics: Array<{ at: number; metric: Record<string, unknown> }>;
  close(): Promise<void>;
}

export interface Stands {
  livekit: LiveKitStub;
  anthropic: AnthropicStub;
  deepgram: DeepgramStub;
  cartesia: CartesiaStub;
}

export async function openVoiceCall(
  options: Stands & { workerUrl: string; userToken: string; agentType: string; vad: VAD },
): Promise<VoiceCall> {
  const { roomName, agentToken } = await requestCall({ ...options, mode: "voice" });
  const config = loadConfig({
    LIVEKIT_URL: "ws://127.0.0.1:7880", // the room is not used: no LiveKit connection
    LIVEKIT_API_KEY: "devkey",
    LIVEKIT_API_SECRET: "secret",
    COACH_API_URL: options.workerUrl,
    DEEPGRAM_API_KEY: options.deepgram.apiKey,
    DEEPGRAM_BASE_URL: options.deepgram.url,
    CARTESIA_API_KEY: options.cartesia.apiKey,
    CARTESIA_BASE_URL: options.cartesia.url,
    ANTHROPIC_API_KEY: options.anthropic.apiKey,
    ANTHROPIC_BASE_URL: options.anthropic.url,
    ANTHROPIC_MODEL: "claude-test",
  });
  const session = createCallSession(config, { textOnly: false, vad: options.vad });
  const mic = new FixtureMicrophone();
  const speaker = new RecordingSpeaker();
  session.input.audio = mic;
  session.output.audio = speaker;

  const transcripts: VoiceCall["transcripts"] = [];
  session.on(voice.AgentSessionEventTypes.UserInputTranscribed, (event) => {
    if (event.isFinal) transcripts.push({ text: event.transcript, at: Date.now() });
  });
  const metrics: VoiceCall["metrics"] = [];
  session.on(voice.AgentSessionEventTypes.MetricsCollected, (event) =>
    metrics.push({ at: Date.now(), metric: event.metrics as unknown as Record<string, unknown> }),
  );
  const lines: VoiceCall["lines"] = [];
  const call = await startCoachingCall({
    backend: new CoachBackend({ baseUrl: options.workerUrl, agentToken }),
    session,
    log: (event, fields) => lines.push({ event, ...fields }),
    greet: true,
  });
  return {
    roomName,
    session,
    call,
    mic,
    speaker,
    lines,
    transcripts,
    metrics,
    close: async () => {
      call.close();
      await session.close();
      await mic.close();
    },
  };
}

/** Polls until `check` holds (the pipeline runs in real time: seconds, not ticks). */
export async function waitFor(
  check: () => boolean,
  what: string,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
