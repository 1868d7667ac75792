import type { ChatStreamEvent } from "../api/chat-stream";
import type { AgentType } from "../vocabulary";

// One exchange of the coach chat as it streams in: the coach answering (again after a
// hand-off), the text so far, and each tool call with its result once it comes.

export interface ToolCall {
  id: string;
  name: string;
  input: unknown;
  result?: { ok: true } | { ok: false; message: string };
}

export interface Turn {
  message: string;
  coaches: AgentType[];
  text: string;
  tools: ToolCall[];
  error: string | null;
  done: boolean;
}

export const newTurn = (message: string): Turn => ({
  message,
  coaches: [],
  text: "",
  tools: [],
  error: null,
  done: false,
});

export function applyEvent(turn: Turn, event: ChatStreamEvent): Turn {
  switch (event.event) {
    case "agent":
      return { ...turn, coaches: [...turn.coaches, event.data.agent_type] };
    case "delta":
      return { ...turn, text: turn.text + event.data.text };
    case "tool_call":
      return {
        ...turn,
        tools: [
          ...turn.tools,
          { id: event.data.id, name: event.data.name, input: event.data.input },
        ],
      };
    case "tool_result": {
      const { result } = event.data;
      const outcome = result.ok
        ? ({ ok: true } as const)
        : ({ ok: false, message: result.error.message } as const);
      return {
        ...turn,
        tools: turn.tools.map((tool) =>
          tool.id === event.data.id ? { ...tool, result: outcome } : tool,
        ),
      };
    }
    case "error":
      return { ...turn, error: event.data.message };
    case "done":
      return { ...turn, done: true };
  }
}
