import type { RecordedRequest, Reply } from "../../test/support/anthropic-stub.ts";

// Claude's stand-in for `npm run voice:local` without ANTHROPIC_API_KEY: the Anthropic stub
// answering every conversation (text chat, the voice coach) with a scripted line that says
// what it heard and how to get the real model. Requests that force a tool (the chat router,
// program personalisation) get plain text, so the Worker takes its deterministic path, as it
// does when Claude answers badly.

export const SCRIPTED_GREETING =
  "Hi! I'm the local scripted coach: Claude is not connected (no ANTHROPIC_API_KEY in " +
  ".dev.vars), so I repeat what you say. Go ahead.";

export function scriptedReply(text: string): string {
  return `You said: "${text}". (Scripted local coach: set ANTHROPIC_API_KEY in .dev.vars for real coaching.)`;
}

type Block = { type: string; text?: string };
type Message = { role: string; content: string | Block[] };

/** The last thing the user said, or undefined when the coach speaks first. */
function lastUserText(messages: Message[]): string | undefined {
  const last = messages.at(-1);
  if (last?.role !== "user") return undefined;
  const text =
    typeof last.content === "string"
      ? last.content
      : last.content
          .filter((block) => block.type === "text")
          .map((block) => block.text ?? "")
          .join(" ");
  // The agent host opens a call the coach starts with this placeholder (anthropic-llm.ts).
  return text && text !== "(the call started)" ? text : undefined;
}

export function scriptedCoach(request: RecordedRequest): Reply {
  if (request.body.tool_choice?.type === "tool") return { text: "(no model here)" };
  const said = lastUserText(request.body.messages ?? []);
  return { text: said === undefined ? SCRIPTED_GREETING : scriptedReply(said) };
}
