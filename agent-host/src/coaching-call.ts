import { voice } from "@livekit/agents";
import { AgentEvents } from "./agent-events.ts";
import type { CoachBackend } from "./backend.ts";
import { type CoachAgent, coachInstructions, createCoachAgent } from "./coach-agent.ts";
import { announcementInstructions, ProgramAnnouncer } from "./program-announcer.ts";
import { TranscriptPoster } from "./transcript-poster.ts";
import { TurnMetrics } from "./turn-metrics.ts";

// One coaching call around a voice.AgentSession: the coach from the backend, hand-offs, the
// live events socket (program announcements, the goodbye when the day's voice minutes are
// spent), per-reply metrics as JSON lines, and the failure rules (the backend unreachable at
// the start -> a spoken apology, not a crash).
// The job entry (agent.ts) adds the room, STT, TTS and VAD; tests drive it in text.

export type CallLog = (event: string, fields?: Record<string, unknown>) => void;

export interface CoachingCall {
  /** The coach that started the call, or null when the backend could not be reached. */
  coach: CoachAgent | null;
  /** Ends the call's own work (events socket); the session is closed by its owner. */
  close(): void;
  /** Waits for the transcript posts under way. */
  transcriptPosted(): Promise<void>;
}

const EVENTS_CONNECT_TIMEOUT_MS = 3_000;
export const GREETING_INSTRUCTIONS =
  "Greet the user by first name and tell them today's plan in one or two sentences.";
export const WRAP_UP_INSTRUCTIONS =
  "The user's voice coaching time for today is used up. In one or two short sentences, sum up " +
  "what you did together, say they can carry on in the app's text chat or call again " +
  "tomorrow, and say goodbye. Do not start anything new.";

export async function startCoachingCall(options: {
  backend: CoachBackend;
  session: voice.AgentSession;
  log: CallLog;
  startOptions?: Omit<Parameters<voice.AgentSession["start"]>[0], "agent">;
  /** The coach speaks first (a call); tests that drive turns themselves leave it off. */
  greet?: boolean;
}): Promise<CoachingCall> {
  const { backend, session, log } = options;

  const turns = new TurnMetrics((line) => log("turn_metrics", line));
  session.on(voice.AgentSessionEventTypes.SpeechCreated, (event) => {
    const handle = event.speechHandle;
    turns.speechCreated(handle.id, event.source, event.createdAt);
    handle.addDoneCallback(() => turns.speechDone(handle.id, handle.interrupted));
  });
  session.on(voice.AgentSessionEventTypes.MetricsCollected, (event) =>
    turns.collect(event.metrics),
  );
  session.on(voice.AgentSessionEventTypes.AgentStateChanged, (event) => {
    if (event.newState === "speaking") turns.agentSpeaking(event.createdAt);
  });
  // Final turns only: a user message is added once its transcript is final, a coach message
  // once it was spoken (cut where an interruption stopped it).
  const transcript = new TranscriptPoster({ backend, log });
  session.on(voice.AgentSessionEventTypes.ConversationItemAdded, ({ item }) => {
    if (item.type !== "message" || (item.role !== "user" && item.role !== "assistant")) return;
    transcript.post({
      turn_id: item.id,
      role: item.role === "user" ? "user" : "coach",
      text: item.textContent ?? "",
      spoken_at: new Date(item.createdAt).toISOString(),
    });
  });
  session.on(voice.AgentSessionEventTypes.Error, (event) =>
    log("session_error", { error: String(event.error) }),
  );

  const announcer = new ProgramAnnouncer((announcement) => {
    log("program_announced", { job_id: announcement.jobId, kind: announcement.kind });
    void refreshInstructions().then(() => {
      try {
        session.generateReply({ instructions: announcementInstructions(announcement) });
      } catch (error) {
        // The call ended while the context was refreshed: nobody is left to tell.
        log("announcement_failed", { job_id: announcement.jobId, error: String(error) });
      }
    });
  });
  // A finished program changes what the coach should know (today's session, the plan).
  async function refreshInstructions() {
    try {
      await session.currentAgent.updateInstructions(coachInstructions(await backend.context()));
    } catch (error) {
      log("context_refresh_failed", { error: String(error) });
    }
  }

  let coach: CoachAgent | null = null;
  try {
    coach = await createCoachAgent(backend, {
      onToolCall: (call) => {
        turns.tool(call);
        if (!call.ok) log("tool_failed", { tool: call.name, ms: call.ms });
      },
      onToolResult: (name, result) => {
        if (name === "generate_workout_program" && typeof result.job_id === "string")
          announcer.track(result.job_id);
      },
      onHandOff: ({ from, to, reason }) => log("coach_handoff", { from, to: to.agentType, reason }),
    });
  } catch (error) {
    log("coach_setup_failed", { error: String(error) });
  }

  // The backend says the user's daily voice minutes are spent: a short goodbye, then the
  // coach leaves (once; the session's close ends the job's own work).
  let wrappingUp = false;
  function wrapUp(minutesUsed: unknown) {
    if (wrappingUp) return;
    wrappingUp = true;
    log("budget_wrap_up", { minutes_used: minutesUsed });
    try {
      const goodbye = session.generateReply({
        instructions: WRAP_UP_INSTRUCTIONS,
        allowInterruptions: false,
      });
      void goodbye.waitForPlayout().finally(() => session.shutdown({ drain: true }));
    } catch (error) {
      log("wrap_up_failed", { error: String(error) });
      session.shutdown({ drain: false });
    }
  }

  const events = new AgentEvents({
    ...backend.eventsEndpoint(),
    onEvent: (event) => {
      if (event.type === "voice.budget_exhausted") wrapUp(event.data.minutes_used);
      else announcer.onEvent(event);
    },
    log,
  });
  if (coach) {
    // Open before the coach can start a job, so its completion cannot slip past.
    await Promise.race([
      events.start(),
      new Promise((resolve) => setTimeout(resolve, EVENTS_CONNECT_TIMEOUT_MS)),
    ]);
  }

  await session.start({
    ...options.startOptions,
    agent:
      coach ??
      new voice.Agent({
        instructions:
          "You are a fitness coach whose coaching data cannot be reached right now. Apologise briefly, say the user can try again in a few minutes, and do not give advice that needs their data.",
      }),
  });
  if (!coach) session.generateReply({ instructions: "Apologise that you cannot coach right now." });
  else if (options.greet) session.generateReply({ instructions: GREETING_INSTRUCTIONS });
  return { coach, close: () => events.close(), transcriptPosted: () => transcript.flush() };
}
