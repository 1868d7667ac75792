import type { metrics } from "@livekit/agents";

// One JSON line per spoken reply ("turn"): how long the user waited and where the time went.
// The framework reports model, speech and end-of-utterance metrics tagged with the reply's
// speech id; tool round trips come from our tools; the first audio is the moment the agent
// state turns to "speaking". A reply is written out when its speech handle is done.

export interface ToolTiming {
  speechId: string;
  name: string;
  ms: number;
  ok: boolean;
}

interface Turn {
  createdAt: number;
  source: string;
  userStoppedAt: number | null;
  endOfUtteranceDelayMs: number | null;
  transcriptionDelayMs: number | null;
  llm: metrics.LLMMetrics[];
  ttsTtfbMs: number | null;
  ttsAudioMs: number;
  tools: Array<{ name: string; ms: number; ok: boolean }>;
  firstAudioAt: number | null;
}

const round = (ms: number) => Math.round(ms * 10) / 10;

export class TurnMetrics {
  readonly #turns = new Map<string, Turn>();

  private readonly write: (line: Record<string, unknown>) => void;

  constructor(write: (line: Record<string, unknown>) => void) {
    this.write = write;
  }

  /** A reply was created (by the user's turn, a tool reply or generateReply). */
  speechCreated(speechId: string, source: string, at = Date.now()): void {
    if (this.#turns.has(speechId)) return;
    this.#turns.set(speechId, {
      createdAt: at,
      source,
      userStoppedAt: null,
      endOfUtteranceDelayMs: null,
      transcriptionDelayMs: null,
      llm: [],
      ttsTtfbMs: null,
      ttsAudioMs: 0,
      tools: [],
      firstAudioAt: null,
    });
  }

  collect(metric: metrics.AgentMetrics): void {
    const turn =
      "speechId" in metric && metric.speechId ? this.#turns.get(metric.speechId) : undefined;
    if (!turn) return;
    if (metric.type === "eou_metrics") {
      turn.endOfUtteranceDelayMs = round(metric.endOfUtteranceDelayMs);
      turn.transcriptionDelayMs = round(metric.transcriptionDelayMs);
      turn.userStoppedAt = metric.lastSpeakingTimeMs || null;
    } else if (metric.type === "llm_metrics") {
      turn.llm.push(metric);
    } else if (metric.type === "tts_metrics") {
      turn.ttsTtfbMs ??= round(metric.ttfbMs);
      turn.ttsAudioMs += metric.audioDurationMs;
    }
  }

  tool(timing: ToolTiming): void {
    this.#turns.get(timing.speechId)?.tools.push({
      name: timing.name,
      ms: timing.ms,
      ok: timing.ok,
    });
  }

  /** The agent began to speak: the first audio of the oldest reply still waiting for it. */
  agentSpeaking(at = Date.now()): void {
    for (const turn of this.#turns.values()) {
      if (turn.firstAudioAt === null && turn.llm.length > 0) {
        turn.firstAudioAt = at;
        return;
      }
    }
  }

  /** The reply is over (played out or interrupted): write its line. */
  speechDone(speechId: string, interrupted: boolean): void {
    const turn = this.#turns.get(speechId);
    if (!turn) return;
    this.#turns.delete(speechId);
    const firstLlm = turn.llm[0];
    const sum = (pick: (m: metrics.LLMMetrics) => number) =>
      turn.llm.reduce((total, m) => total + pick(m), 0);
    this.write({
      event: "turn_metrics",
      speech_id: speechId,
      source: turn.source,
      interrupted,
      llm_calls: turn.llm.length,
      llm_ttft_ms: firstLlm ? round(firstLlm.ttftMs) : null,
      llm_total_ms: round(sum((m) => m.durationMs)),
      prompt_tokens: sum((m) => m.promptTokens),
      cached_prompt_tokens: sum((m) => m.promptCachedTokens),
      completion_tokens: sum((m) => m.completionTokens),
      tool_calls: turn.tools,
      tool_round_trip_ms: turn.tools.reduce((total, t) => total + t.ms, 0),
      end_of_utterance_delay_ms: turn.endOfUtteranceDelayMs,
      transcription_delay_ms: turn.transcriptionDelayMs,
      tts_ttfb_ms: turn.ttsTtfbMs,
      tts_audio_ms: round(turn.ttsAudioMs),
      // What the user feels: from the end of their speech to the coach's first sound.
      end_of_turn_to_first_audio_ms:
        turn.userStoppedAt !== null && turn.firstAudioAt !== null
          ? turn.firstAudioAt - turn.userStoppedAt
          : null,
      reply_to_first_audio_ms:
        turn.firstAudioAt !== null ? turn.firstAudioAt - turn.createdAt : null,
    });
  }
}
