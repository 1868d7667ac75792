import { initializeLogger } from "@livekit/agents";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type AnthropicStub,
  type RecordedRequest,
  startAnthropicStub,
} from "../../test/support/anthropic-stub";
import { onboardedUser } from "../../test/support/api-client";
import { type EmailStub, startEmailStub } from "../../test/support/email-stub";
import { type LiveKitStub, startLiveKitStub } from "../../test/support/livekit-stub";
import {
  buildBundle,
  type LocalWorker,
  startMiniflare,
  type WorkerBundle,
} from "../../test/support/local-worker";
import type { CoachAgent } from "../src/coach-agent";
import { openTextCall } from "./text-call";

// One call against the real backend: the built Worker bundle in Miniflare (actors, D1,
// alarms), the LiveKit stub that receives the dispatch and its agent token, and Claude as
// the Anthropic stub answering by what it is asked. The agent host's call wiring is the
// production one (startCoachingCall); only the room, STT and TTS are left out (text mode).

let bundle: WorkerBundle;
let worker: LocalWorker;
let livekit: LiveKitStub;
let anthropic: AnthropicStub;
// The Worker mails here: the user confirms the address before a call, as voice requires.
let email: EmailStub;

async function api(path: string, token: string, init: { method?: string; body?: unknown } = {}) {
  const response = await fetch(`${worker.url}${path}`, {
    method: init.method ?? (init.body ? "POST" : "GET"),
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: init.body ? JSON.stringify(init.body) : undefined,
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${path}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

const text = (request: RecordedRequest) => JSON.stringify(request.body);
const lastMessage = (request: RecordedRequest) => request.body.messages.at(-1);

/** Claude, scripted by what each request asks for rather than by arrival order. */
function coachingScript(request: RecordedRequest) {
  const system = request.body.system?.[0]?.text ?? "";
  const last = lastMessage(request);
  const lastText = JSON.stringify(last?.content ?? "");
  if (text(request).includes("is ready and active")) return { text: "Your new program is ready." };
  if (system.startsWith("General coach"))
    return {
      toolUse: {
        name: "handoff_to_coach",
        input: { agent_type: "workout", reason: "wants a new program" },
      },
    };
  if (lastText.includes("tool_result")) return { text: "Done." };
  if (lastText.includes("new program"))
    return { toolUse: { name: "generate_workout_program", input: { duration_weeks: 4 } } };
  if (lastText.includes("squats"))
    return {
      toolUse: {
        name: "log_set_completion",
        input: { exercise_id: "barbell-back-squat", reps: 5, weight_kg: 100 },
      },
    };
  return { text: "Okay." };
}

beforeAll(async () => {
  initializeLogger({ pretty: false, level: "warn" });
  livekit = await startLiveKitStub({ apiKey: "devkey", apiSecret: "secret" });
  anthropic = await startAnthropicStub();
  anthropic.onRequest(coachingScript);
  bundle = buildBundle();
  email = await startEmailStub({ apiKey: "agent-host-test-email-key" });
  worker = await startMiniflare(bundle.scriptPath, 0, {
    vars: { LIVEKIT_URL: livekit.url, ...email.vars },
  });
}, 120_000);

afterAll(async () => {
  await worker?.stop();
  bundle?.cleanup();
  await anthropic?.close();
  await livekit?.close();
  await email?.close();
});

describe("a coaching call against the real backend", () => {
  it("hands off to the workout coach, starts a program and announces it when done, logs a set", async () => {
    const userToken = (await onboardedUser(worker.url, { verifyWith: email.url })).token;
    const lines: Array<Record<string, unknown>> = [];
    const { roomName, agentToken, session, call, said, close } = await openTextCall({
      workerUrl: worker.url,
      userToken,
      agentType: "general",
      livekit,
      anthropic,
      log: (event, fields) => lines.push({ event, ...fields }),
    });
    expect(call.coach?.agentType).toBe("general");
    expect(lines.some((l) => l.event === "agent_events_connected")).toBe(true);

    const result = await session.run({ userInput: "I'd like a new program please" }).wait();
    result.expect.containsAgentHandoff();
    result.expect.containsFunctionCall({ name: "generate_workout_program" });
    expect((session.currentAgent as CoachAgent).agentType).toBe("workout");
    expect(lines).toContainEqual({
      event: "coach_handoff",
      from: "general",
      to: "workout",
      reason: "wants a new program",
    });

    // The backend knows the workout coach speaks now, and served its tools (not the general
    // coach's) to Claude.
    const status = await api(`/v1/voice/sessions/${roomName}`, userToken);
    expect(status.agent_type).toBe("workout");
    const workoutRequest = anthropic.requests.find((r) =>
      r.body.system?.[0]?.text.startsWith("Workout coach"),
    );
    const offered = workoutRequest?.body.tools.map((t: { name: string }) => t.name);
    expect(offered).toContain("generate_workout_program");
    expect(offered).not.toContain("get_progress");
    const refused = await fetch(`${worker.url}/internal/agent/tools/get_progress`, {
      method: "POST",
      headers: { authorization: `Bearer ${agentToken}`, "content-type": "application/json" },
      body: "{}",
    });
    expect(refused.status).toBe(403); // the general coach's tool, refused to the workout coach

    // The job runs on the actor's alarms; its completion reaches the coach, who says so.
    const deadline = Date.now() + 15_000;
    while (!said.includes("Your new program is ready.") && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 50));
    expect(said).toContain("Your new program is ready.");
    expect(lines).toContainEqual(
      expect.objectContaining({ event: "program_announced", kind: "completed" }),
    );
    const current = await api("/v1/programs/current", userToken);
    expect(current).toMatchObject({ duration_weeks: 4, is_active: true });

    // A set reported by voice lands in the user's workout log, once.
    const logged = await session.run({ userInput: "I just did 5 squats at 100 kilos" }).wait();
    const output = logged.expect.containsFunctionCallOutput().event().item;
    const set = JSON.parse(output.output);
    expect(set).toMatchObject({ logged: true, duplicate: false, reps: 5, weight_kg: 100 });
    const sets = await api(`/v1/workouts/sessions/${set.session_id}/sets`, userToken);
    expect(sets.items).toHaveLength(1);

    // Every reply left a metrics line; tool round trips are in the reply that made them.
    const turns = lines.filter((l) => l.event === "turn_metrics");
    const withTool = turns.find((l) =>
      (l.tool_calls as Array<{ name: string }>).some((t) => t.name === "log_set_completion"),
    );
    expect(withTool).toMatchObject({ llm_calls: 2, interrupted: false });
    expect(withTool?.llm_ttft_ms).toBeGreaterThan(0);
    // One HTTP round trip to the Worker and its actor: never free.
    type ToolCall = { name: string; ms: number; ok: boolean };
    const [logSet] = (withTool?.tool_calls ?? []) as ToolCall[];
    expect(logSet).toMatchObject({ name: "log_set_completion", ok: true });
    expect(logSet?.ms).toBeGreaterThan(0);
    expect(withTool?.tool_round_trip_ms).toBe(logSet?.ms);

    // The final turns went to the backend as they were added, in the background.
    await call.transcriptPosted();
    const transcript = await api(`/v1/voice/sessions/${roomName}/transcript`, userToken);
    const spoken = transcript.items.filter((t: { role: string }) => t.role !== "tool");
    expect(spoken).toContainEqual(
      expect.objectContaining({ role: "user", text: "I just did 5 squats at 100 kilos" }),
    );
    expect(spoken).toContainEqual(
      expect.objectContaining({ role: "coach", text: "Your new program is ready." }),
    );
    expect(lines.some((l) => l.event === "transcript_post_failed")).toBe(false);
    await close();

    // Ended, the call is history with its summary; the next call's coach is told of it.
    await api(`/v1/voice/sessions/${roomName}`, userToken, { method: "DELETE" });
    const [past] = (await api("/v1/voice/sessions?status=ended", userToken)).items;
    expect(past.summary).toContain("I just did 5 squats at 100 kilos");
    expect(past.summary).toContain("log_set_completion");
    expect(past.coaches).toEqual(["general", "workout"]);
  });
});
