import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { initializeLogger, voice } from "@livekit/agents";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type WebSocket, WebSocketServer } from "ws";
import { type AnthropicStub, startAnthropicStub } from "../../test/support/anthropic-stub";
import { AnthropicLLM } from "../src/anthropic-llm";
import { CoachBackend } from "../src/backend";
import { CoachAgent, createCoachAgent } from "../src/coach-agent";
import { startCoachingCall, WRAP_UP_INSTRUCTIONS } from "../src/coaching-call";

// A coach agent run with the framework's test harness (voice.AgentSession.run, text in and
// out, no LiveKit server): Claude is the local Anthropic stub, the backend a local stub of
// the agent callback API that checks the agent token like the Worker does.

const TOKEN = "agent-token-for-tests";
let anthropic: AnthropicStub;
let backend: Server;
let backendUrl: string;
let calls: Array<{ name: string; args: Record<string, unknown> }> = [];
let handOffs: Array<Record<string, unknown>> = [];
let failTools = false;
let coach = "workout";
/** The agent's /internal/agent/events sockets the stand-in accepted. */
const eventSockets: WebSocket[] = [];

const LOG_SET = {
  name: "log_set_completion",
  description: "Log one completed set.",
  parameters: {
    type: "object",
    properties: {
      exercise_id: { type: "string" },
      reps: { type: "integer" },
      weight_kg: { type: "number" },
    },
    required: ["exercise_id", "reps"],
    additionalProperties: false,
  },
};
const LOG_MEAL = {
  name: "log_meal",
  description: "Log a meal.",
  parameters: {
    type: "object",
    properties: { meal: { type: "string" }, calories: { type: "number" } },
    required: ["meal", "calories"],
  },
};
/** The stand-in's coaches: each with its own persona line and tools. */
const COACHES: Record<string, { title: string; tools: unknown[] }> = {
  workout: { title: "Workout coach", tools: [LOG_SET] },
  diet: { title: "Diet coach", tools: [LOG_MEAL] },
};
const briefing = () => ({
  session: { room_name: "fitness-voice-x", agent_type: coach, mode: "voice" },
  persona: {
    agent_type: coach,
    title: COACHES[coach]?.title,
    instructions: `${COACHES[coach]?.title}. Never diagnose.`,
  },
  context: { profile_summary: "Robin, 30; goal: muscle gain." },
});

beforeAll(async () => {
  initializeLogger({ pretty: false, level: "warn" });
  anthropic = await startAnthropicStub();
  backend = createServer(async (req, res) => {
    let body = "";
    for await (const chunk of req) body += chunk;
    const json = (status: number, value: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(value));
    };
    if (req.headers.authorization !== `Bearer ${TOKEN}`)
      return json(401, { error: { code: "unauthorized" } });
    if (req.url === "/internal/agent/context") return json(200, briefing());
    if (req.url === "/internal/agent/tools") return json(200, { tools: COACHES[coach]?.tools });
    if (req.url === "/internal/agent/coach" && req.method === "PUT") {
      const input = JSON.parse(body);
      handOffs.push(input);
      coach = input.agent_type;
      return json(200, { ...briefing(), tools: COACHES[coach]?.tools });
    }
    const match = /^\/internal\/agent\/tools\/(\w+)$/.exec(req.url ?? "");
    if (match?.[1]) {
      if (failTools) return json(500, { error: { code: "internal_error" } });
      calls.push({ name: match[1], args: JSON.parse(body || "{}") });
      return json(200, { ok: true, result: { logged: true, reps: 5 } });
    }
    json(404, { error: { code: "not_found" } });
  });
  const wss = new WebSocketServer({ noServer: true });
  backend.on("upgrade", (request, socket, head) => {
    if (request.headers.authorization !== `Bearer ${TOKEN}`) {
      socket.end("HTTP/1.1 401 Unauthorized\r\n\r\n");
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => eventSockets.push(ws));
  });
  await new Promise<void>((resolve) => backend.listen(0, "127.0.0.1", resolve));
  backendUrl = `http://127.0.0.1:${(backend.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const socket of eventSockets) socket.terminate();
  backend.closeAllConnections();
  await anthropic.close();
  await new Promise((resolve) => backend.close(resolve));
});

beforeEach(() => {
  anthropic.reset();
  calls = [];
  handOffs = [];
  failTools = false;
  coach = "workout";
});

async function startSession() {
  const agent = await createCoachAgent(
    new CoachBackend({ baseUrl: backendUrl, agentToken: TOKEN }),
  );
  const session = new voice.AgentSession({
    llm: new AnthropicLLM({
      apiKey: anthropic.apiKey,
      baseURL: anthropic.url,
      model: "claude-test",
    }),
  });
  await session.start({ agent });
  return session;
}

describe("the voice coach", () => {
  it("logs a set through the backend tool, with the call id as client_id", async () => {
    anthropic.enqueue(
      {
        toolUse: {
          name: "log_set_completion",
          input: { exercise_id: "barbell-back-squat", reps: 5, weight_kg: 100 },
        },
      },
      { text: "Logged five at a hundred." },
    );
    const session = await startSession();
    const result = await session
      .run({ userInput: "I just did five squats at a hundred kilos" })
      .wait();
    result.expect.nextEvent().isFunctionCall({ name: "log_set_completion" });
    result.expect.nextEvent().isFunctionCallOutput();
    result.expect.nextEvent().isMessage({ role: "assistant" });
    expect(calls).toHaveLength(1);
    expect(calls[0]?.args).toMatchObject({
      exercise_id: "barbell-back-squat",
      reps: 5,
      weight_kg: 100,
    });
    expect(String(calls[0]?.args.client_id)).toMatch(/^toolu_/);
    // The persona and the user's context reached Claude as the system prompt.
    expect(anthropic.requests[0]?.body.system[0].text).toContain("Workout coach");
    expect(anthropic.requests[0]?.body.system[0].text).toContain("Robin");
    await session.close();
  });

  it("turns a failing backend call into a tool error the coach apologises for", async () => {
    failTools = true;
    anthropic.enqueue(
      {
        toolUse: {
          name: "log_set_completion",
          input: { exercise_id: "barbell-back-squat", reps: 5 },
        },
      },
      { text: "Sorry, I couldn't log that just now. Shall I try again?" },
    );
    const session = await startSession();
    const result = await session.run({ userInput: "log five squats" }).wait();
    result.expect.nextEvent().isFunctionCall({ name: "log_set_completion" });
    result.expect.nextEvent().isFunctionCallOutput({ isError: true });
    result.expect.nextEvent().isMessage({ role: "assistant" });
    const toolResult = anthropic.requests[1]?.body.messages.at(-1).content[0];
    expect(toolResult).toMatchObject({ type: "tool_result", is_error: true });
    await session.close();
  });

  it("hands the call to the diet coach: the backend is told, the new coach keeps the conversation with its own tools", async () => {
    anthropic.enqueue(
      {
        toolUse: {
          name: "handoff_to_coach",
          input: { agent_type: "diet", reason: "asks what to eat for lunch" },
        },
      },
      { text: "Diet coach here: aim for about 45 grams of protein at lunch." },
    );
    const session = await startSession();
    const result = await session.run({ userInput: "What should I eat for lunch?" }).wait();
    result.expect.containsFunctionCall({ name: "handoff_to_coach" });
    result.expect.containsAgentHandoff({ newAgentType: CoachAgent });
    const said = result.expect.containsMessage({ role: "assistant" }).event().item;
    expect(said.textContent).toContain("Diet coach here");
    expect(handOffs).toEqual([{ agent_type: "diet", reason: "asks what to eat for lunch" }]);
    expect((session.currentAgent as CoachAgent).agentType).toBe("diet");

    // The reply after the hand-off came from the diet coach: its persona, its tools, and a
    // hand-off tool that offers every coach but itself; the user's words came along.
    const last = anthropic.requests.at(-1)?.body;
    expect(last.system[0].text).toContain("Diet coach");
    const tools = last.tools.map((t: { name: string }) => t.name);
    expect(tools).toContain("log_meal");
    expect(tools).not.toContain("log_set_completion");
    const offered = last.tools.find((t: { name: string }) => t.name === "handoff_to_coach");
    expect(offered.input_schema.properties.agent_type.enum).not.toContain("diet");
    expect(JSON.stringify(last.messages)).toContain("What should I eat for lunch?");
    await session.close();
  });

  it("stays with the current coach and apologises when the hand-off cannot reach the backend", async () => {
    anthropic.enqueue(
      { toolUse: { name: "handoff_to_coach", input: { agent_type: "general", reason: "x" } } },
      { text: "Sorry, I can't bring in the other coach right now." },
    );
    const session = await startSession();
    await new Promise((resolve) => backend.close(resolve)); // the backend goes away
    const result = await session.run({ userInput: "Can I talk to someone else?" }).wait();
    result.expect.containsFunctionCallOutput({ isError: true });
    expect((session.currentAgent as CoachAgent).agentType).toBe("workout");
    await session.close();
    await new Promise<void>((resolve) =>
      backend.listen(Number(new URL(backendUrl).port), "127.0.0.1", resolve),
    );
  });
});

describe("a call whose backend is down at the start", () => {
  it("apologises instead of crashing the job, and logs why", async () => {
    anthropic.enqueue({ text: "Sorry, I can't reach your coaching data right now." });
    const lines: Array<Record<string, unknown>> = [];
    const session = new voice.AgentSession({
      llm: new AnthropicLLM({ apiKey: anthropic.apiKey, baseURL: anthropic.url, model: "m" }),
    });
    const said = new Promise<string>((resolve) =>
      session.on(voice.AgentSessionEventTypes.ConversationItemAdded, (event) => {
        if (event.item.type === "message" && event.item.role === "assistant")
          resolve(event.item.textContent ?? "");
      }),
    );
    const call = await startCoachingCall({
      // Nothing listens on port 9: every backend call fails to connect.
      backend: new CoachBackend({ baseUrl: "http://127.0.0.1:9", agentToken: TOKEN }),
      session,
      log: (event, fields) => lines.push({ event, ...fields }),
    });
    expect(call.coach).toBeNull();
    expect(await said).toContain("Sorry");
    expect(anthropic.requests[0]?.body.system[0].text).toContain("cannot be reached");
    expect(lines).toContainEqual(expect.objectContaining({ event: "coach_setup_failed" }));
    call.close();
    await session.close();
  });
});

describe("a call whose daily voice minutes run out", () => {
  it("says a short goodbye when the backend says the budget is spent, then ends the session", async () => {
    const lines: Array<Record<string, unknown>> = [];
    const session = new voice.AgentSession({
      llm: new AnthropicLLM({ apiKey: anthropic.apiKey, baseURL: anthropic.url, model: "m" }),
    });
    const said: string[] = [];
    session.on(voice.AgentSessionEventTypes.ConversationItemAdded, (event) => {
      if (event.item.type === "message" && event.item.role === "assistant")
        said.push(event.item.textContent ?? "");
    });
    const closed = new Promise((resolve) =>
      session.on(voice.AgentSessionEventTypes.Close, resolve),
    );
    const opened = eventSockets.length;
    const call = await startCoachingCall({
      backend: new CoachBackend({ baseUrl: backendUrl, agentToken: TOKEN }),
      session,
      log: (event, fields) => lines.push({ event, ...fields }),
    });
    expect(eventSockets).toHaveLength(opened + 1);
    anthropic.enqueue({ text: "That's our time for today, Robin. Great work, see you tomorrow!" });
    const budget = {
      type: "voice.budget_exhausted",
      data: { room_name: "fitness-voice-x", minutes_used: 60, minutes_limit: 60 },
      at: new Date().toISOString(),
    };
    eventSockets.at(-1)?.send(JSON.stringify(budget));
    eventSockets.at(-1)?.send(JSON.stringify(budget)); // said once, however often it arrives
    await closed;
    expect(said).toEqual(["That's our time for today, Robin. Great work, see you tomorrow!"]);
    expect(JSON.stringify(anthropic.requests.at(-1)?.body)).toContain(
      WRAP_UP_INSTRUCTIONS.slice(0, 40),
    );
    expect(lines).toContainEqual({ event: "budget_wrap_up", minutes_used: 60 });
    call.close();
  });
});
