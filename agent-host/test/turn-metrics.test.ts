import type { metrics } from "@livekit/agents";
import { describe, expect, it } from "vitest";
import { TurnMetrics } from "../src/turn-metrics";

// The per-reply metrics line of a voice turn, from the events the framework reports (their
// shapes are the framework's own types): the text-mode path is covered end to end in
// live-backend.test.ts; this covers the audio fields a text session cannot produce.

const llm = (speechId: string, ttftMs: number, durationMs: number): metrics.LLMMetrics => ({
  type: "llm_metrics",
  label: "anthropic",
  requestId: `req-${ttftMs}`,
  timestamp: 0,
  durationMs,
  ttftMs,
  cancelled: false,
  completionTokens: 20,
  promptTokens: 1000,
  promptCachedTokens: 800,
  totalTokens: 1020,
  tokensPerSecond: 50,
  speechId,
});

describe("turn metrics", () => {
  it("measures from the end of the user's speech to the coach's first audio, with the tool in between", () => {
    const lines: Array<Record<string, unknown>> = [];
    const turns = new TurnMetrics((line) => lines.push(line));
    turns.speechCreated("s1", "generate_reply", 10_300);
    turns.collect({
      type: "eou_metrics",
      timestamp: 0,
      endOfUtteranceDelayMs: 300,
      transcriptionDelayMs: 120,
      onUserTurnCompletedDelayMs: 0,
      lastSpeakingTimeMs: 10_000,
      speechId: "s1",
    });
    turns.collect(llm("s1", 400, 600));
    turns.tool({ speechId: "s1", name: "log_set_completion", ms: 35, ok: true });
    turns.collect(llm("s1", 250, 500));
    turns.collect({
      type: "tts_metrics",
      label: "cartesia",
      requestId: "t",
      timestamp: 0,
      ttfbMs: 180,
      durationMs: 900,
      audioDurationMs: 2400,
      cancelled: false,
      charactersCount: 40,
      streamed: true,
      speechId: "s1",
    });
    turns.agentSpeaking(11_700);
    turns.speechDone("s1", false);
    expect(lines).toEqual([
      expect.objectContaining({
        speech_id: "s1",
        llm_calls: 2,
        llm_ttft_ms: 400,
        llm_total_ms: 1100,
        prompt_tokens: 2000,
        cached_prompt_tokens: 1600,
        tool_calls: [{ name: "log_set_completion", ms: 35, ok: true }],
        tool_round_trip_ms: 35,
        end_of_utterance_delay_ms: 300,
        transcription_delay_ms: 120,
        tts_ttfb_ms: 180,
        tts_audio_ms: 2400,
        end_of_turn_to_first_audio_ms: 1700,
        reply_to_first_audio_ms: 1400,
      }),
    ]);
  });

  it("keeps overlapping replies apart and writes an interrupted reply without audio figures", () => {
    const lines: Array<Record<string, unknown>> = [];
    const turns = new TurnMetrics((line) => lines.push(line));
    turns.speechCreated("a", "generate_reply", 0);
    turns.speechCreated("b", "generate_reply", 5);
    turns.collect(llm("b", 90, 100));
    turns.tool({ speechId: "b", name: "get_progress", ms: 8, ok: false });
    turns.speechDone("a", true);
    turns.collect(llm("a", 1, 1)); // late metrics of a finished reply are dropped
    turns.speechDone("b", false);
    expect(lines).toEqual([
      expect.objectContaining({
        speech_id: "a",
        interrupted: true,
        llm_calls: 0,
        llm_ttft_ms: null,
      }),
      expect.objectContaining({
        speech_id: "b",
        llm_ttft_ms: 90,
        tool_calls: [{ name: "get_progress", ms: 8, ok: false }],
        end_of_turn_to_first_audio_ms: null,
      }),
    ]);
  });
});
