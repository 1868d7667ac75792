import type { Schemas } from "@fitness-coach/client";
import { useCallback, useEffect, useRef, useState } from "react";
import { VerifyEmailNotice } from "../account/VerifyEmailNotice";
import { api } from "../api/client";
import { type Problem, settle } from "../api/problems";
import { Field, labelOf } from "../components/Field";
import { ProblemNote } from "../components/ProblemNote";
import { Screen } from "../components/Screen";
import { AGENT_TYPES, type AgentType } from "../vocabulary";
import { type TranscriptLine, VoiceCall } from "../voice/voice-call";

// "Start voice session": POST /v1/voice/sessions creates the room and dispatches the coach,
// then the browser joins the room with livekit-client. Locally that needs `livekit-server
// --dev` (and the agent host for a coach to answer); without it the screen says so.

type VoiceSession = Schemas["VoiceSession"];

export function Voice() {
  const [coach, setCoach] = useState<AgentType>("workout");
  const [session, setSession] = useState<VoiceSession | null>(null);
  const [state, setState] = useState<"idle" | "joining" | "in_call">("idle");
  const [problem, setProblem] = useState<Problem | null>(null);
  const [unreachable, setUnreachable] = useState<string | null>(null);
  const [transcript, setTranscript] = useState<TranscriptLine[]>([]);
  const audio = useRef<HTMLDivElement>(null);
  const call = useRef<VoiceCall | null>(null);

  const joined = useRef<VoiceSession | null>(null);

  const end = useCallback(async () => {
    const [ended, leaving] = [joined.current, call.current];
    joined.current = null;
    call.current = null;
    setState("idle");
    await leaving?.leave();
    if (ended)
      await api.DELETE("/v1/voice/sessions/{room_name}", {
        params: { path: { room_name: ended.room_name } },
      });
  }, []);

  // Leaving the screen ends the call, here and on the server.
  useEffect(() => () => void end(), [end]);

  const start = async () => {
    setProblem(null);
    setUnreachable(null);
    setTranscript([]);
    setState("joining");
    const created = await settle(
      api.POST("/v1/voice/sessions", { body: { agent_type: coach, mode: "voice" } }),
    );
    if (!created.ok) {
      setState("idle");
      // voice_unavailable: the API could not reach LiveKit to create the room.
      if (created.problem.code === "voice_unavailable") setUnreachable("the API");
      return setProblem(created.problem);
    }
    setSession(created.data);
    joined.current = created.data;
    const voiceCall = new VoiceCall({
      onTranscript: (line) =>
        setTranscript((lines) =>
          lines.some((l) => l.id === line.id)
            ? lines.map((l) => (l.id === line.id ? line : l))
            : [...lines, line],
        ),
      onAgentAudio: (element) => audio.current?.append(element),
      onEnded: () => void end(),
    });
    call.current = voiceCall;
    try {
      await voiceCall.join(created.data.livekit_url, created.data.token);
      setState("in_call");
    } catch {
      setUnreachable(created.data.livekit_url);
      await end();
    }
  };

  return (
    <Screen title="Voice">
      <VerifyEmailNotice />
      <form
        className="toolbar"
        onSubmit={(event) => {
          event.preventDefault();
          void start();
        }}
      >
        <Field label="Coach">
          {(control) => (
            <select
              {...control}
              value={coach}
              onChange={(e) => setCoach(e.target.value as AgentType)}
            >
              {AGENT_TYPES.map((type) => (
                <option key={type} value={type}>
                  {labelOf(type)} coach
                </option>
              ))}
            </select>
          )}
        </Field>
        <button type="submit" disabled={state !== "idle"}>
          Start voice session
        </button>
        {state === "in_call" && (
          <button type="button" className="secondary" onClick={() => void end()}>
            End voice session
          </button>
        )}
      </form>
      {state === "joining" && (
        <p>
          <output>Joining…</output>
        </p>
      )}
      {state === "in_call" && session && (
        <p>
          <output>In the call</output> with the {labelOf(session.agent_type)} coach (room{" "}
          <code>{session.room_name}</code>). Speak: your microphone is on.
        </p>
      )}
      {unreachable ? (
        <div className="problem" role="alert">
          <p>
            LiveKit is not reachable
            {unreachable === "the API" ? (
              " from the API"
            ) : (
              <>
                {" "}
                at <code>{unreachable}</code>
              </>
            )}
            , so the call cannot start. Locally, run <code>livekit-server --dev</code> (it listens
            on ws://127.0.0.1:7880 with the dev key and secret) and, for a coach to answer,{" "}
            <code>npm run agent:dev</code>; then try again.
          </p>
          {problem && (
            <p className="problem-meta">
              <code>
                {problem.status} {problem.code}
              </code>{" "}
              · request {problem.request_id}
            </p>
          )}
        </div>
      ) : (
        <ProblemNote problem={problem} />
      )}
      <div ref={audio} hidden />
      {transcript.length > 0 && (
        <ol className="transcript" aria-label="Transcript" aria-live="polite">
          {transcript.map((line) => (
            <li key={line.id}>
              <strong>{line.speaker}:</strong> {line.text}
            </li>
          ))}
        </ol>
      )}
    </Screen>
  );
}
