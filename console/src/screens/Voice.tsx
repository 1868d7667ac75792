import type { Schemas } from "@fitness-coach/client";
import { useCallback, useEffect, useRef, useState } from "react";
import { VerifyEmailNotice } from "../account/VerifyEmailNotice";
import { api } from "../api/client";
import { type Problem, settle } from "../api/problems";
import { VoiceSetupNote } from "../capabilities/SetupNotes";
import { Field, labelOf } from "../components/Field";
import { ProblemNote } from "../components/ProblemNote";
import { Screen } from "../components/Screen";
import { AGENT_TYPES, type AgentType } from "../vocabulary";
import { hasTextRooms, TextRoomCall } from "../voice/text-room-call";
import { type TranscriptLine, VoiceCall } from "../voice/voice-call";

// "Start voice session": POST /v1/voice/sessions creates the room and dispatches the coach,
// then the browser joins the room with livekit-client. Locally that needs `livekit-server
// --dev` and the agent host (`npm run voice:local` runs both). Where LiveKit's address has no
// media server but local text rooms (voice:local without livekit-server), the call goes on
// there in text: a text-mode session, typed turns. Otherwise the screen says what to run.

type VoiceSession = Schemas["VoiceSession"];

export function Voice() {
  const [coach, setCoach] = useState<AgentType>("workout");
  const [session, setSession] = useState<VoiceSession | null>(null);
  const [state, setState] = useState<"idle" | "joining" | "in_call" | "in_text_call">("idle");
  const [problem, setProblem] = useState<Problem | null>(null);
  const [unreachable, setUnreachable] = useState<string | null>(null);
  const [transcript, setTranscript] = useState<TranscriptLine[]>([]);
  const [said, setSaid] = useState("");
  const audio = useRef<HTMLDivElement>(null);
  const call = useRef<VoiceCall | TextRoomCall | null>(null);

  const joined = useRef<VoiceSession | null>(null);

  const ending = useRef<Promise<unknown>>(Promise.resolve());

  // Ends the call here and on the server. Calls queue (the room's own disconnect may have
  // started one): awaiting any of them waits until the session is deleted.
  const end = useCallback(() => {
    const [ended, leaving] = [joined.current, call.current];
    joined.current = null;
    call.current = null;
    setState("idle");
    ending.current = ending.current.then(async () => {
      await leaving?.leave();
      if (ended)
        await api.DELETE("/v1/voice/sessions/{room_name}", {
          params: { path: { room_name: ended.room_name } },
        });
    });
    return ending.current;
  }, []);

  // Leaving the screen ends the call, here and on the server.
  useEffect(() => () => void end(), [end]);

  const onTranscript = (line: TranscriptLine) =>
    setTranscript((lines) =>
      lines.some((l) => l.id === line.id)
        ? lines.map((l) => (l.id === line.id ? line : l))
        : [...lines, line],
    );

  const open = async (mode: "voice" | "text") => {
    const created = await settle(
      api.POST("/v1/voice/sessions", { body: { agent_type: coach, mode } }),
    );
    if (!created.ok) {
      setState("idle");
      // voice_unavailable: the API could not reach LiveKit to create the room.
      if (created.problem.code === "voice_unavailable") setUnreachable("the API");
      setProblem(created.problem);
      return null;
    }
    setSession(created.data);
    joined.current = created.data;
    return created.data;
  };

  /** The same call in a local text room, when LiveKit's address serves them. */
  const startInText = async (livekitUrl: string) => {
    if (!(await hasTextRooms(livekitUrl))) return false;
    const created = await open("text");
    if (!created) return true;
    const textCall = new TextRoomCall({ onTranscript, onEnded: () => void end() });
    call.current = textCall;
    try {
      await textCall.join(created.livekit_url, created.token);
      setState("in_text_call");
    } catch {
      setUnreachable(created.livekit_url);
      await end();
    }
    return true;
  };

  const start = async () => {
    setProblem(null);
    setUnreachable(null);
    setTranscript([]);
    setState("joining");
    const created = await open("voice");
    if (!created) return;
    const voiceCall = new VoiceCall({
      onTranscript,
      onAgentAudio: (element) => audio.current?.append(element),
      onEnded: () => void end(),
    });
    call.current = voiceCall;
    try {
      await voiceCall.join(created.livekit_url, created.token);
      setState("in_call");
    } catch {
      await end();
      setState("joining");
      if (!(await startInText(created.livekit_url))) {
        setState("idle");
        setUnreachable(created.livekit_url);
      }
    }
  };

  const send = () => {
    const text = said.trim();
    if (!text || !(call.current instanceof TextRoomCall)) return;
    call.current.say(text);
    setSaid("");
  };

  return (
    <Screen title="Voice">
      <VerifyEmailNotice />
      <VoiceSetupNote />
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
        {(state === "in_call" || state === "in_text_call") && (
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
      {state === "in_text_call" && session && (
        <>
          <p>
            <output>In a text call</output> with the {labelOf(session.agent_type)} coach (room{" "}
            <code>{session.room_name}</code>): no LiveKit media server is running, so{" "}
            <code>npm run voice:local</code> runs the call in text. For audio, install{" "}
            <code>livekit-server</code> (README, "Voice locally").
          </p>
          <form
            className="toolbar"
            onSubmit={(event) => {
              event.preventDefault();
              send();
            }}
          >
            <Field label="Say to the coach">
              {(control) => (
                <input {...control} value={said} onChange={(e) => setSaid(e.target.value)} />
              )}
            </Field>
            <button type="submit" disabled={!said.trim()}>
              Send
            </button>
          </form>
        </>
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
            , so the call cannot start. Locally, run <code>npm run voice:local</code> instead of{" "}
            <code>npm run dev</code>: it starts the coach and LiveKit (
            <code>livekit-server --dev</code> when installed, else a text-only stand-in); then try
            again.
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
