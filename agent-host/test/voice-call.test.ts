import { initializeLogger, type VAD } from "@livekit/agents";
import * as silero from "@livekit/agents-plugin-silero";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type AnthropicStub, startAnthropicStub } from "../../test/support/anthropic-stub";
import { onboardedUser } from "../../test/support/api-client";
import { type CartesiaStub, startCartesiaStub } from "../../test/support/cartesia-stub";
import { type DeepgramStub, startDeepgramStub } from "../../test/support/deepgram-stub";
import { type EmailStub, startEmailStub } from "../../test/support/email-stub";
import { type LiveKitStub, startLiveKitStub } from "../../test/support/livekit-stub";
import {
  buildBundle,
  type LocalWorker,
  startMiniflare,
  type WorkerBundle,
} from "../../test/support/local-worker";
import type { CoachAgent } from "../src/coach-agent";
import { coachReply, LONG_ANSWER } from "./claude-script";
import { RecordingSpeaker } from "./recording-speaker";
import { openVoiceCall, type VoiceCall, waitFor } from "./voice-call";
import { type Utterance, utterances } from "./wav";

// The voice pipeline with real audio, everything of a call but the room: spoken fixtures go
// in as 20 ms frames in real time, the real Silero VAD hears them, the real Deepgram plugin
// streams them to a stand-in of Deepgram's live API, Claude is the Anthropic stub, the real
// Cartesia plugin synthesises through a stand-in of Cartesia's WebSocket, and a speaker
// records what the coach says. The backend is the built Worker in Miniflare.

let bundle: WorkerBundle;
let worker: LocalWorker;
let livekit: LiveKitStub;
let anthropic: AnthropicStub;
let deepgram: DeepgramStub;
let cartesia: CartesiaStub;
// The Worker mails here: users confirm their address before a call, as voice requires.
let email: EmailStub;
let vad: VAD;
let spoken: Record<string, Utterance>;
let call: VoiceCall | undefined;

beforeAll(async () => {
  initializeLogger({ pretty: false, level: "warn" });
  spoken = utterances();
  [livekit, anthropic, deepgram, cartesia] = await Promise.all([
    startLiveKitStub({ apiKey: "devkey", apiSecret: "secret" }),
    startAnthropicStub(),
    startDeepgramStub(),
    startCartesiaStub(),
  ]);
  for (const u of Object.values(spoken)) if (u.transcript) deepgram.learn(u.samples, u.transcript);
  anthropic.onRequest(coachReply);
  vad = await silero.VAD.load(); // as the job entry's prewarm does
  bundle = buildBundle();
  email = await startEmailStub({ apiKey: "agent-host-test-email-key" });
  worker = await startMiniflare(bundle.scriptPath, 0, {
    vars: { LIVEKIT_URL: livekit.url, ...email.vars },
  });
}, 120_000);

afterEach(async () => {
  await call?.close();
  call = undefined;
});

afterAll(async () => {
  await worker?.stop();
  bundle?.cleanup();
  await Promise.all([
    anthropic?.close(),
    livekit?.close(),
    deepgram?.close(),
    cartesia?.close(),
    email?.close(),
  ]);
});

async function api(path: string, token: string) {
  const response = await fetch(`${worker.url}${path}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return response.json();
}

/** A call with the coach's greeting already spoken; returns the user's token too. */
async function greetedCall(agentType = "workout") {
  const user = await onboardedUser(worker.url, { verifyWith: email.url });
  call = await openVoiceCall({
    workerUrl: worker.url,
    userToken: user.token,
    agentType,
    vad,
    livekit,
    anthropic,
    deepgram,
    cartesia,
  });
  const { speaker } = call;
  await waitFor(() => speaker.segments[0]?.finished === true, "the greeting");
  return { call, user };
}

const userTurns = () =>
  anthropic.requests.filter((r) => JSON.stringify(r.body.messages).includes("kilos")).length;

describe("a voice call", () => {
  it("logs a spoken set once through the backend and says so, in audio", async () => {
    const { call, user } = await greetedCall();
    const { speechEndedAt } = await call.mic.play(spoken["log-set.wav"] as Utterance);
    await waitFor(() => call.speaker.segments[1]?.finished === true, "the confirmation", 30_000);

    // Deepgram heard the audio and Claude got its transcript as the user's turn...
    expect(call.transcripts.map((t) => t.text)).toEqual(["Log a set of 8 squats at 60 kilos."]);
    expect(userTurns()).toBeGreaterThan(0);
    // ...which became one log_set_completion against the real backend: one set, stored once.
    const outputs = call.session.history.items.filter(
      (item) => item.type === "function_call_output" && item.name === "log_set_completion",
    );
    expect(outputs).toHaveLength(1);
    const set = JSON.parse((outputs[0] as { output: string }).output);
    expect(set).toMatchObject({ logged: true, duplicate: false });
    const stored = await api(`/v1/workouts/sessions/${set.session_id}/sets`, user.token);
    const logged = (stored as { items: unknown[] }).items;
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ reps: 8, weight_kg: 60 });

    // The confirmation was synthesised and played: real PCM, about as long as its words.
    const reply = call.speaker.segments[1];
    expect(reply?.interrupted).toBe(false);
    expect(reply?.seconds).toBeGreaterThan(2); // 7 words at ~150 a minute
    expect(reply?.seconds).toBeLessThan(5);
    const pcm = RecordingSpeaker.pcm(reply!);
    expect(pcm.length).toBeGreaterThan(24_000 * 2);
    expect(Math.max(...pcm.map(Math.abs))).toBeGreaterThan(3_000);
    // The coach answered after the user stopped talking, and the turn's line says how long.
    expect(reply!.startedAt).toBeGreaterThan(speechEndedAt);
    const turn = call.lines.find(
      (l) => l.event === "turn_metrics" && (l.tool_calls as unknown[]).length > 0,
    );
    expect(turn?.end_of_turn_to_first_audio_ms).toEqual(expect.any(Number));
    expect(turn?.transcription_delay_ms).toEqual(expect.any(Number));
    expect(turn?.tts_ttfb_ms).toEqual(expect.any(Number));

    // What the plugins sent the stand-ins: 16 kHz linear PCM to nova-3, PCM back at 24 kHz.
    const listen = deepgram.sessions.at(-1)?.params;
    expect(listen?.get("model")).toBe("nova-3");
    expect(listen?.get("encoding")).toBe("linear16");
    expect(listen?.get("sample_rate")).toBe("16000");
    const synth = cartesia.requests.find((r) => r.transcript?.includes("Logged"));
    expect(synth?.output_format).toMatchObject({ encoding: "pcm_s16le", sample_rate: 24_000 });
  }, 60_000);

  it("stops talking when the user cuts in, and answers what they said instead", async () => {
    const { call } = await greetedCall();
    await call.mic.play(spoken["workout-today.wav"] as Utterance);
    await waitFor(() => call.speaker.segments.length >= 2, "the long answer to start", 30_000);
    const answer = call.speaker.segments[1]!;
    await new Promise((resolve) => setTimeout(resolve, 1_500)); // the coach is mid-sentence
    await call.mic.play(spoken["wait-stop.wav"] as Utterance);
    await waitFor(() => answer.finished, "the answer to end");

    expect(answer.interrupted).toBe(true);
    expect(answer.played).toBeLessThan(answer.seconds - 2); // most of it was never heard
    const interrupted = call.lines.find((l) => l.event === "turn_metrics" && l.interrupted);
    expect(interrupted).toBeDefined();
    // The interruption is the user's next turn: Claude hears it and the coach answers it.
    await waitFor(
      () => call.transcripts.some((t) => t.text.startsWith("Wait, stop")),
      "the barge-in transcript",
    );
    await waitFor(() => call.speaker.segments.length >= 3, "the reply to the barge-in", 30_000);
    const asked = anthropic.requests.at(-1)?.body.messages;
    expect(JSON.stringify(asked)).toContain("Wait, stop");
    // The coach's own record of the interrupted reply holds only what was heard.
    expect(answer.seconds).toBeGreaterThan(LONG_ANSWER.split(" ").length * 0.25);
  }, 60_000);

  it("hears silence and background noise as nothing: no transcript, no model call, no reply", async () => {
    const { call } = await greetedCall();
    const requests = anthropic.requests.length;
    const listened = deepgram.sessions.at(-1)?.audioSeconds ?? 0;
    await call.mic.play(spoken["silence.wav"] as Utterance);
    await call.mic.play(spoken["gym-noise.wav"] as Utterance);
    await new Promise((resolve) => setTimeout(resolve, 2_500)); // longer than any endpointing

    expect(call.transcripts).toEqual([]);
    expect(anthropic.requests.length).toBe(requests);
    expect(call.speaker.segments).toHaveLength(1); // the greeting only
    expect(call.session.agentState).toBe("listening");
    // The noise did reach the speech service (it passes the plugin's energy filter); only
    // its empty transcripts kept it from being a turn.
    expect(deepgram.sessions.at(-1)?.audioSeconds ?? 0).toBeGreaterThan(listened);
  }, 60_000);

  it("hands the call to the diet coach when asked by voice", async () => {
    const { call, user } = await greetedCall();
    await call.mic.play(spoken["switch-to-nutrition.wav"] as Utterance);
    await waitFor(() => call.speaker.segments[1]?.finished === true, "the diet coach", 30_000);
    expect((call.session.currentAgent as CoachAgent).agentType).toBe("diet");
    expect(call.lines).toContainEqual(
      expect.objectContaining({ event: "coach_handoff", from: "workout", to: "diet" }),
    );
    // The backend knows who speaks now, and the new coach's words were spoken.
    const status = (await api(`/v1/voice/sessions/${call.roomName}`, user.token)) as {
      agent_type: string;
    };
    expect(status.agent_type).toBe("diet");
    const said = cartesia.requests.filter((r) => r.transcript?.includes("Diet coach"));
    expect(said.length).toBeGreaterThan(0);
  }, 60_000);
});
