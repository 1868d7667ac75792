import { voice } from "@livekit/agents";
import type { AnthropicStub } from "../../test/support/anthropic-stub";
import type { LiveKitStub } from "../../test/support/livekit-stub";
import { AnthropicLLM } from "../src/anthropic-llm";
import { CoachBackend } from "../src/backend";
import { type CallLog, type CoachingCall, startCoachingCall } from "../src/coaching-call";
import { requestCall } from "./dispatched-call";

// A text-mode coaching call against a running Worker, set up as production does it: the
// app asks the API for a voice session, the agent token comes from the dispatch the LiveKit
// stub received, and the agent host's call wiring runs with Claude as the Anthropic stub.
// Used by the live-backend test and the agent bench.

export interface TextCall {
  roomName: string;
  agentToken: string;
  session: voice.AgentSession;
  call: CoachingCall;
  /** What the coach said, in order. */
  said: string[];
  /** startCoachingCall's own time (context, tools, events socket, session start). */
  setupMs: number;
  close(): Promise<void>;
}

export async function openTextCall(options: {
  workerUrl: string;
  userToken: string;
  agentType: string;
  livekit: LiveKitStub;
  anthropic: AnthropicStub;
  log?: CallLog;
}): Promise<TextCall> {
  const { roomName, agentToken } = await requestCall({ ...options, mode: "text" });

  const session = new voice.AgentSession({
    llm: new AnthropicLLM({
      apiKey: options.anthropic.apiKey,
      baseURL: options.anthropic.url,
      model: "claude-test",
    }),
  });
  const said: string[] = [];
  session.on(voice.AgentSessionEventTypes.ConversationItemAdded, (event) => {
    if (event.item.type === "message" && event.item.role === "assistant")
      said.push(event.item.textContent ?? "");
  });
  const started = performance.now();
  const call = await startCoachingCall({
    backend: new CoachBackend({ baseUrl: options.workerUrl, agentToken }),
    session,
    log: options.log ?? (() => {}),
  });
  return {
    roomName,
    agentToken,
    session,
    call,
    said,
    setupMs: performance.now() - started,
    close: async () => {
      call.close();
      await session.close();
    },
  };
}
