import { type VAD, voice } from "@livekit/agents";
import * as cartesia from "@livekit/agents-plugin-cartesia";
import * as deepgram from "@livekit/agents-plugin-deepgram";
import * as openai from "@livekit/agents-plugin-openai";
import type { Language } from "../../engine/i18n/locale.ts";
import { AnthropicLLM } from "./anthropic-llm.ts";
import type { AgentConfig } from "./config.ts";

// The voice.AgentSession of one call, built from the configuration: the job entry (agent.ts)
// and the audio tests use this one function, so the pipeline the tests run is the shipped one.
//
// Voice: Deepgram streaming STT, Cartesia streaming TTS, Silero VAD (loaded once per process
// by the entry's prewarm) deciding turn ends, and interruptions by voice activity. Both are
// set explicitly: left unset, the framework adds its own end-of-turn model and, in dev mode
// only, adaptive interruption through LiveKit Inference (a cloud service), so a developer
// would hear a different coach from the one deployed. Text rooms get the model alone.

/**
 * The languages both speech recognition (Deepgram nova-3) and the voice (Cartesia sonic-2)
 * offer among the backend's catalogs; another language's call runs in English.
 */
export const VOICE_LANGUAGES: readonly Language[] = ["en", "de", "es", "fr"];

export interface CallSessionOptions {
  textOnly: boolean;
  vad?: VAD;
  /** The call's language (voiceLanguage's pick); English when absent. */
  language?: Language;
}

export function callSessionOptions(
  config: AgentConfig,
  options: CallSessionOptions,
): voice.AgentSessionOptions {
  const language = options.language ?? "en";
  const llm =
    config.VOICE_LLM === "openai"
      ? new openai.LLM({ apiKey: config.OPENAI_API_KEY, model: config.OPENAI_MODEL })
      : new AnthropicLLM({
          apiKey: config.ANTHROPIC_API_KEY as string,
          baseURL: config.ANTHROPIC_BASE_URL,
          model: config.ANTHROPIC_MODEL,
        });
  if (options.textOnly) return { llm };
  return {
    llm,
    vad: options.vad,
    stt: new deepgram.STT({
      apiKey: config.DEEPGRAM_API_KEY,
      model: config.DEEPGRAM_MODEL,
      baseUrl: config.DEEPGRAM_BASE_URL,
      language,
    }),
    tts: new cartesia.TTS({
      apiKey: config.CARTESIA_API_KEY,
      model: config.CARTESIA_MODEL,
      voice: config.CARTESIA_VOICE_ID,
      baseUrl: config.CARTESIA_BASE_URL,
      language,
    }),
    turnHandling: { turnDetection: "vad", interruption: { mode: "vad" } },
  };
}

export function createCallSession(
  config: AgentConfig,
  options: CallSessionOptions,
): voice.AgentSession {
  return new voice.AgentSession(callSessionOptions(config, options));
}
