// The backend's agent callback API, as the agent host uses it. The agent token from the
// dispatch metadata is the only credential: it reaches this user's actor and nothing else.

export interface ToolSchema {
  name: string;
  description: string;
  parameters: Record<string, unknown>;
}

export type ToolOutcome =
  | { ok: true; result: Record<string, unknown> }
  | { ok: false; error: { code: string; message: string } };

export interface AgentContext {
  session: { room_name: string; agent_type: string; mode: string };
  persona: { agent_type: string; title: string; instructions: string };
  context: Record<string, unknown>;
  /** The user's latest text chat with this coach, cut short by the backend. */
  chat_memory?: { updated_at: string; summary: string | null; last_messages: string[] } | null;
}

/** A final turn of the call as the backend stores it (once per `turn_id`). */
export interface TranscriptTurn {
  turn_id: string;
  role: "user" | "coach";
  text: string;
  spoken_at: string;
}

/** The coach taking over a call: its context and the tools the backend now allows. */
export type HandOffResult = AgentContext & { tools: ToolSchema[] };

export class BackendError extends Error {
  readonly status: number;

  constructor(message: string, status: number) {
    super(message);
    this.status = status;
    this.name = "BackendError";
  }
}

export class CoachBackend {
  readonly #baseUrl: string;
  readonly #token: string;
  readonly #fetch: typeof fetch;

  constructor(options: { baseUrl: string; agentToken: string; fetch?: typeof fetch }) {
    this.#baseUrl = options.baseUrl.replace(/\/$/, "");
    this.#token = options.agentToken;
    this.#fetch = options.fetch ?? fetch;
  }

  async #request<T>(path: string, init: RequestInit = {}): Promise<T> {
    const response = await this.#fetch(`${this.#baseUrl}${path}`, {
      ...init,
      headers: {
        authorization: `Bearer ${this.#token}`,
        "content-type": "application/json",
        ...init.headers,
      },
      signal: init.signal ?? AbortSignal.timeout(10_000),
    });
    if (!response.ok) {
      const body = (await response.json().catch(() => null)) as {
        error?: { code?: string };
      } | null;
      throw new BackendError(
        `${path} answered ${response.status} ${body?.error?.code ?? ""}`.trim(),
        response.status,
      );
    }
    return (await response.json()) as T;
  }

  context(): Promise<AgentContext> {
    return this.#request("/internal/agent/context");
  }

  async tools(): Promise<ToolSchema[]> {
    return (await this.#request<{ tools: ToolSchema[] }>("/internal/agent/tools")).tools;
  }

  /** Tells the backend another coach speaks now; from then on it enforces that coach's tools. */
  handOff(agentType: string, reason: string): Promise<HandOffResult> {
    return this.#request("/internal/agent/coach", {
      method: "PUT",
      body: JSON.stringify({ agent_type: agentType, reason: reason.slice(0, 300) }),
    });
  }

  /** The live events WebSocket (`job.completed`, ...) and the header that opens it. */
  eventsEndpoint(): { url: string; headers: Record<string, string> } {
    return {
      url: `${this.#baseUrl.replace(/^http/, "ws")}/internal/agent/events`,
      headers: { authorization: `Bearer ${this.#token}` },
    };
  }

  /** Stores a final turn in the user's call history; a repeat of a turn id changes nothing. */
  postTurn(turn: TranscriptTurn): Promise<{ stored: boolean }> {
    return this.#request("/internal/agent/transcript", {
      method: "POST",
      body: JSON.stringify(turn),
    });
  }

  callTool(name: string, args: Record<string, unknown>): Promise<ToolOutcome> {
    return this.#request(`/internal/agent/tools/${encodeURIComponent(name)}`, {
      method: "POST",
      body: JSON.stringify(args),
    });
  }
}
