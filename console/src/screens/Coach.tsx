import { type FormEvent, useState } from "react";
import { VerifyEmailNotice } from "../account/VerifyEmailNotice";
import { readChatEvents } from "../api/chat-stream";
import { api } from "../api/client";
import { type Problem, settle } from "../api/problems";
import { ChatSetupNote } from "../capabilities/SetupNotes";
import { applyEvent, newTurn, type Turn } from "../coach/turns";
import { Field, labelOf } from "../components/Field";
import { ProblemNote } from "../components/ProblemNote";
import { Screen } from "../components/Screen";
import { AGENT_TYPES, type AgentType } from "../vocabulary";

// Coach chat (POST /v1/chat): pick a coach or let the router choose; the answer streams in
// as Server-Sent Events, tool calls showing as they happen. The conversation continues with
// the conversation_id of the last answer.

export function Coach() {
  const [coach, setCoach] = useState<AgentType | "">("");
  const [message, setMessage] = useState("");
  const [turns, setTurns] = useState<Turn[]>([]);
  const [conversationId, setConversationId] = useState<string | undefined>();
  const [problem, setProblem] = useState<Problem | null>(null);
  const [streaming, setStreaming] = useState(false);

  const updateLast = (update: (turn: Turn) => Turn) =>
    setTurns((current) => [...current.slice(0, -1), update(current.at(-1) ?? newTurn(""))]);

  const send = async (event: FormEvent) => {
    event.preventDefault();
    const text = message.trim();
    if (!text || streaming) return;
    setProblem(null);
    setStreaming(true);
    const outcome = await settle(
      api.POST("/v1/chat", {
        body: {
          message: text,
          ...(coach && { agent_type: coach }),
          ...(conversationId && { conversation_id: conversationId }),
        },
        headers: { accept: "text/event-stream" },
        parseAs: "stream",
      }),
    );
    if (!outcome.ok || !outcome.data) {
      setStreaming(false);
      if (!outcome.ok) setProblem(outcome.problem);
      return;
    }
    setMessage("");
    setTurns((current) => [...current, newTurn(text)]);
    try {
      for await (const streamed of readChatEvents(outcome.data)) {
        if (streamed.event === "done") setConversationId(streamed.data.conversation_id);
        updateLast((turn) => applyEvent(turn, streamed));
      }
    } catch {
      updateLast((turn) => ({ ...turn, error: "The connection dropped before the answer ended." }));
    }
    setStreaming(false);
  };

  return (
    <Screen title="Coach">
      <VerifyEmailNotice />
      <ChatSetupNote />
      <div className="chat" aria-busy={streaming}>
        {turns.map((turn, i) => (
          // Turns are only ever appended.
          // biome-ignore lint/suspicious/noArrayIndexKey: a turn has no id of its own
          <TurnView key={i} turn={turn} />
        ))}
      </div>
      {problem && <ChatProblem problem={problem} />}
      <form className="card chat-form" onSubmit={send} noValidate>
        <Field label="Coach">
          {(control) => (
            <select
              {...control}
              value={coach}
              onChange={(event) => setCoach(event.target.value as AgentType | "")}
            >
              <option value="">Let the router choose</option>
              {AGENT_TYPES.map((type) => (
                <option key={type} value={type}>
                  {labelOf(type)} coach
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Message">
          {(control) => (
            <textarea
              {...control}
              rows={3}
              value={message}
              onChange={(event) => setMessage(event.target.value)}
            />
          )}
        </Field>
        <button type="submit" disabled={streaming}>
          Send
        </button>
      </form>
    </Screen>
  );
}

function TurnView({ turn }: { turn: Turn }) {
  return (
    <article className="turn">
      <p className="from-user">
        <span className="visually-hidden">You: </span>
        {turn.message}
      </p>
      <div className="from-coach">
        <p className="muted">
          {turn.coaches.length ? turn.coaches.map((c) => `${labelOf(c)} coach`).join(" → ") : "…"}
        </p>
        {turn.tools.length > 0 && (
          <ul className="tools" aria-label="Tool calls">
            {turn.tools.map((tool) => (
              <li key={tool.id}>
                <code>{tool.name}</code> <code className="muted">{JSON.stringify(tool.input)}</code>{" "}
                {!tool.result
                  ? "running…"
                  : tool.result.ok
                    ? "done"
                    : `failed: ${tool.result.message}`}
              </li>
            ))}
          </ul>
        )}
        <p className="answer">{turn.text}</p>
        {turn.error && <p className="field-error">{turn.error}</p>}
      </div>
    </article>
  );
}

/** 503 llm_unavailable means the server runs without an LLM key: say what to do about it. */
function ChatProblem({ problem }: { problem: Problem }) {
  if (problem.code !== "llm_unavailable") return <ProblemNote problem={problem} />;
  return (
    <ProblemNote problem={problem}>
      <p>
        Coach chat needs a language model, and this server has none configured: set{" "}
        <code>ANTHROPIC_API_KEY</code> in <code>.dev.vars</code> (see <code>.dev.vars.example</code>
        ) and restart <code>npm run dev</code>. Programs, tracking, reminders and everything else
        work without it.
      </p>
    </ProblemNote>
  );
}
