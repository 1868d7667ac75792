import { defineAgent, type JobContext, type JobProcess, voice } from "@livekit/agents";
import * as silero from "@livekit/agents-plugin-silero";
import { voiceLanguage } from "../../engine/i18n/coach-language.ts";
import { CoachBackend } from "./backend.ts";
import { createCallSession, VOICE_LANGUAGES } from "./call-session.ts";
import { startCoachingCall } from "./coaching-call.ts";
import { loadConfig } from "./config.ts";
import { dispatchMetadata } from "./dispatch-metadata.ts";

// The job entry: one coaching call. Everything about the user comes from the backend through
// the dispatch's agent token. Each job runs in its own process (the framework's default), so
// a job that crashes is logged and ends while the worker and its other calls live on.
// The call's final turns are posted to the backend as they happen (coaching-call.ts, through
// transcript-poster.ts).

export default defineAgent({
  prewarm: async (proc: JobProcess) => {
    // Loaded once per process, shared by its jobs (the model ships inside the plugin).
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
    const language = voiceLanguage(metadata.locale, VOICE_LANGUAGES);
    // A language without speech support runs the call in English; the app shows why
    // (voice.language_not_offered) and chat still answers in the user's language.
    if (!language.offered) log("voice_language_not_offered", { requested: language.requested });
    const session = createCallSession(config, {
      textOnly,
      vad: ctx.proc.userData.vad as silero.VAD,
      language: language.language,
    });
    session.on(voice.AgentSessionEventTypes.Close, (event) =>
      log("session_closed", { reason: event.reason, usage: session.usage }),
    );
    await ctx.connect();
    const call = await startCoachingCall({
      backend,
      session,
      log,
      greet: true,
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
  },
});
