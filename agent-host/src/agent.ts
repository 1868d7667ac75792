import { defineAgent, type JobContext, type JobProcess, voice } from "@livekit/agents";
import * as cartesia from "@livekit/agents-plugin-cartesia";
import * as deepgram from "@livekit/agents-plugin-deepgram";
import * as openai from "@livekit/agents-plugin-openai";
import * as silero from "@livekit/agents-plugin-silero";
import { z } from "zod";
import { AnthropicLLM } from "./anthropic-llm";
import { CoachBackend } from "./backend";
import { createCoachAgent } from "./coach-agent";
import { loadConfig } from "./config";

// The job entry: one coaching call. Everything about the user comes from the backend through
// the dispatch's agent token; a job that fails is logged and ends, the worker lives on.

const dispatchMetadata = z.object({
  user_id: z.string(),
  agent_type: z.string(),
  mode: z.enum(["voice", "text"]).default("voice"),
  agent_token: z.string(),
});

export default defineAgent({
  prewarm: async (proc: JobProcess) => {
    // Loaded once per process, shared by its jobs (the model is a few MB).
    proc.userData.vad = await silero.VAD.load();
  },
  entry: async (ctx: JobContext) => {
    const config = loadConfig(process.env);
    const started = Date.now();
    const metadata = dispatchMetadata.parse(JSON.parse(ctx.job.metadata || "{}"));
    const log = (event: string, fields: Record<string, unknown> = {}) =>
      console.log(
        JSON.stringify({ event, room: ctx.job.room?.name, user_id: metadata.user_id, ...fields }),
      );
    const backend = new CoachBackend({
      baseUrl: config.COACH_API_URL,
      agentToken: metadata.agent_token,
    });
    const coach = await createCoachAgent(backend);
    const textOnly = metadata.mode === "text";
    const model =
      config.VOICE_LLM === "openai"
        ? new openai.LLM({ apiKey: config.OPENAI_API_KEY, model: config.OPENAI_MODEL })
        : new AnthropicLLM({
            apiKey: config.ANTHROPIC_API_KEY as string,
            baseURL: config.ANTHROPIC_BASE_URL,
            model: config.ANTHROPIC_MODEL,
          });
    const session = new voice.AgentSession({
      llm: model,
      ...(textOnly
        ? {}
        : {
            vad: ctx.proc.userData.vad as silero.VAD,
            stt: new deepgram.STT({
              apiKey: config.DEEPGRAM_API_KEY,
              model: config.DEEPGRAM_MODEL,
            }),
            tts: new cartesia.TTS({
              apiKey: config.CARTESIA_API_KEY,
              model: config.CARTESIA_MODEL,
              voice: config.CARTESIA_VOICE_ID,
            }),
            // Turn ends are detected from voice activity: no cloud inference needed.
            turnDetection: "vad" as const,
          }),
    });
    session.on(voice.AgentSessionEventTypes.MetricsCollected, (event) =>
      log("metrics", { metrics: event.metrics }),
    );
    session.on(voice.AgentSessionEventTypes.Error, (event) =>
      log("session_error", { error: String(event.error) }),
    );
    await ctx.connect();
    await session.start({
      agent: coach,
      room: ctx.room,
      inputOptions: { audioEnabled: !textOnly },
      outputOptions: { audioEnabled: !textOnly },
    });
    log("coach_joined", {
      agent_type: metadata.agent_type,
      mode: metadata.mode,
      setup_ms: Date.now() - started,
    });
    session.generateReply({
      instructions:
        "Greet the user by first name and tell them today's plan in one or two sentences.",
    });
  },
});
