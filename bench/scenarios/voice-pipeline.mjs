import { initializeLogger } from "@livekit/agents";
import * as silero from "@livekit/agents-plugin-silero";
import { SET_LOGGED } from "../../agent-host/test/claude-script.ts";
import { openVoiceCall, waitFor } from "../../agent-host/test/voice-call.ts";
import { utterances } from "../../agent-host/test/wav.ts";
import { startAnthropicStub } from "../../test/support/anthropic-stub.ts";
import { onboardedUser } from "../../test/support/api-client.ts";
import { startCartesiaStub } from "../../test/support/cartesia-stub.ts";
import { startDeepgramStub } from "../../test/support/deepgram-stub.ts";

const TURNS = Number(process.env.BENCH_VOICE_TURNS ?? 4);

/**
 * Provider latencies added by the stand-ins in the second pass. Typical figures, not
 * guarantees, and not measured here (this machine reaches no provider):
 * - Deepgram: "sub-300 ms" streaming latency, Deepgram's own claim for Nova-3; every
 *   message (interim and final) is held 300 ms.
 * - Claude Sonnet 4.5: time to first token 1.8 s and about 63 output tokens a second, the
 *   Artificial Analysis figures (third-party, late 2025); 1,800 ms before the answer, 30 ms
 *   between streamed pieces of two words.
 * - Cartesia Sonic: about 90 ms model latency (Cartesia's claim), about 190 ms time to first
 *   audio end to end at the median in independent measurements; 190 ms per input.
 * Override with BENCH_VOICE_DELAYS=stt,llm,llm_chunk,tts (ms).
 */
const [STT_MS, LLM_MS, LLM_CHUNK_MS, TTS_MS] = (process.env.BENCH_VOICE_DELAYS ?? "300,1800,30,190")
  .split(",")
  .map(Number);

const QUESTION_ANSWER = "Upper body today: bench press, rows and pull ups, three sets each.";

/** Claude for the bench turns, with the pass's latency. */
const reply = (delays) => (request) => {
  const last = JSON.stringify(request.body.messages.at(-1)?.content ?? "");
  const timing = { delayMs: delays.llm, chunkDelayMs: delays.llmChunk };
  if (last.includes("tool_result")) return { text: SET_LOGGED, ...timing };
  if (last.includes("8 squats at 60"))
    return {
      toolUse: {
        name: "log_set_completion",
        input: { exercise_id: "barbell-back-squat", reps: 8, weight_kg: 60 },
      },
      ...timing,
    };
  if (last.includes("workout today")) return { text: QUESTION_ANSWER, ...timing };
  return { text: "Hi Robin, upper body today.", ...timing };
};

const firstAfter = (items, at, pick) => items.find((item) => pick(item) >= at);
const start = (m) => m.timestamp - m.durationMs;

/** One spoken turn: plays the utterance, waits for the reply to be heard, times its stages. */
async function turn(call, utterance) {
  const before = call.speaker.segments.length;
  const metricsBefore = call.metrics.length;
  const { speechEndedAt } = await call.mic.play(utterance);
  await waitFor(() => call.speaker.segments[before]?.finished === true, "the reply", 60_000);
  const metrics = call.metrics.slice(metricsBefore).map((m) => m.metric);
  const eou = metrics.find((m) => m.type === "eou_metrics");
  const final = firstAfter(call.transcripts, speechEndedAt - 2_000, (t) => t.at);
  const llm = metrics.filter((m) => m.type === "llm_metrics");
  const tts = metrics.find((m) => m.type === "tts_metrics" && m.ttfbMs >= 0);
  const firstToken = llm[0] ? start(llm[0]) + llm[0].ttftMs : null;
  const firstTtsAudio = tts ? start(tts) + tts.ttfbMs : null;
  const firstAudio = call.speaker.segments[before].startedAt;
  return {
    "speech end -> VAD end of speech": eou ? eou.lastSpeakingTimeMs - speechEndedAt : null,
    "VAD end of speech -> final transcript": eou?.transcriptionDelayMs ?? null,
    "final transcript -> first LLM token": firstToken && final ? firstToken - final.at : null,
    "first LLM token -> first TTS audio":
      firstToken && firstTtsAudio ? firstTtsAudio - firstToken : null,
    // The endpointing wait (turn taking policy, not processing): the framework commits the
    // user's turn a set time after the VAD's end of speech; speech output waits for it.
    "VAD end of speech -> turn committed": eou?.endOfUtteranceDelayMs ?? null,
    "turn committed -> first TTS audio":
      eou && firstTtsAudio ? firstTtsAudio - eou.timestamp : null,
    "end of user speech -> first coach audio": firstAudio - speechEndedAt,
  };
}

const STAGES = [
  "speech end -> VAD end of speech",
  "VAD end of speech -> final transcript",
  "final transcript -> first LLM token",
  "first LLM token -> first TTS audio",
  "VAD end of speech -> turn committed",
  "turn committed -> first TTS audio",
  "end of user speech -> first coach audio",
];

/**
 * The voice pipeline per turn, against this target's Worker: the real Silero VAD, Deepgram and
 * Cartesia plugins and our Claude adapter, with stand-ins answering at once (our own and the
 * framework's overhead, plus the turn-taking waits) and then with the providers' typical
 * latencies. Spoken fixtures play in real time; every reply is heard to the end.
 */
export async function voicePipeline(target, livekit, emailStubUrl) {
  initializeLogger({ pretty: false, level: "error" });
  const spoken = utterances();
  const [anthropic, deepgram, cartesia] = await Promise.all([
    startAnthropicStub(),
    startDeepgramStub(),
    startCartesiaStub(),
  ]);
  for (const u of Object.values(spoken)) if (u.transcript) deepgram.learn(u.samples, u.transcript);
  const vad = await silero.VAD.load();
  const passes = [
    { name: "instant", stt: 0, llm: 0, llmChunk: 0, tts: 0 },
    { name: "provider delays", stt: STT_MS, llm: LLM_MS, llmChunk: LLM_CHUNK_MS, tts: TTS_MS },
  ];
  const rows = [];
  const notes = [];
  for (const pass of passes) {
    anthropic.reset();
    anthropic.onRequest(reply(pass));
    deepgram.latencyMs = pass.stt;
    cartesia.latencyMs = pass.tts;
    const user = await onboardedUser(target.url, { verifyWith: emailStubUrl });
    const call = await openVoiceCall({
      workerUrl: target.url,
      userToken: user.token,
      agentType: "workout",
      vad,
      livekit,
      anthropic,
      deepgram,
      cartesia,
    });
    await waitFor(() => call.speaker.segments[0]?.finished === true, "the greeting", 60_000);
    for (const [kind, file] of [
      ["question", "workout-today.wav"],
      ["log a set (tool)", "log-set.wav"],
    ]) {
      const timings = [];
      for (let i = 0; i < TURNS; i++) timings.push(await turn(call, spoken[file]));
      for (const stage of STAGES) {
        const values = timings.map((t) => t[stage]).filter((v) => typeof v === "number");
        values.sort((a, b) => a - b);
        rows.push({
          scenario: `voice ${kind}: ${stage} (${pass.name})`,
          p50: values[Math.floor(values.length / 2)],
          p99: values.at(-1),
          note: `${values.length} turns`,
        });
      }
    }
    await call.close();
    notes.push(
      pass.name === "instant"
        ? "voice pipeline, instant: stand-ins answer at once"
        : `voice pipeline, provider delays: Deepgram ${pass.stt} ms a message, Claude ${pass.llm} ms to first token + ${pass.llmChunk} ms a piece, Cartesia ${pass.tts} ms to first audio`,
    );
  }
  await Promise.all([anthropic.close(), deepgram.close(), cartesia.close()]);
  return { rows, notes };
}
