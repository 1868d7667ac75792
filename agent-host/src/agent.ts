import { defineAgent, type JobContext, type JobProcess, voice } from "@livekit/agents";
import * as cartesia from "@livekit/agents-plugin-cartesia";
import * as deepgram from "@livekit/agents-plugin-deepgram";
import * as openai from "@livekit/agents-plugin-openai";
import * as silero from "@livekit/agents-plugin-silero";
import { z } from "zod";
import { AnthropicLLM } from "./anthropic-llm.ts";
import { CoachBackend } from "./backend.ts";
import { startCoachingCall } from "./coaching-call.ts";
import { loadConfig } from "./config.ts";

// The job entry: one coaching call. Everything about the user comes from the backend through
// the dispatch's agent token. Each job runs in its own process (the framework's default), so
// a job that crashes is logged and ends while the worker and its other calls live on.

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
    session.on(voice.AgentSessionEventTypes.Close, (event) =>
      log("session_closed", { reason: event.reason, usage: session.usage }),
    );
    await ctx.connect();
    const call = await startCoachingCall({
      backend,
      session,
      log,
      startOptions: {
        room: ctx.room,
        inputOptions: { audioEnabled: !textOnly },
        outputOptions: { audioEnabled: !textOnly },
      },
    });
    // On shutdown (the room ended, or the worker drains) the events socket goes first.
    ctx.addShutdownCallback(async () => call.close());
    if (!call.coach) return; // it apologised; the room's end closes the job
    log("coach_joined", {
      agent_type: call.coach.agentType,
      mode: metadata.mode,
      setup_ms: Date.now() - started,
    });
    session.generateReply({
      instructions:
        "Greet the user by first name and tell them today's plan in one or two sentences.",
    });
  },
});
