import { inject } from "vitest";
import { call, json, type SignedUp } from "./helpers";

// Voice sessions against the local LiveKit stub (Twirp JSON, checks signatures and grants
// like livekit-server), and what the stub recorded, read over its /_stub/* endpoints.

/** Scripts the stub: `down`, `webhook`, `join`... (see test/support/livekit-stub.ts). */
export const livekitStub = (path: string, body?: unknown) =>
  fetch(`${inject("livekitUrl")}/_stub/${path}`, {
    method: "POST",
    body: JSON.stringify(body ?? {}),
  });

// biome-ignore lint/suspicious/noExplicitAny: the stub's recorded state, for assertions
export const livekitStubState = async (): Promise<any> => (await livekitStub("state")).json();

export function startSession(
  user: SignedUp,
  body: Record<string, unknown> = { agent_type: "workout" },
) {
  return call("/v1/voice/sessions", { token: user.accessToken, body });
}

/** A new session of this coach and the agent token its dispatch carried to the agent host. */
export async function agentToken(user: SignedUp, agentType = "workout") {
  const session = await json(await startSession(user, { agent_type: agentType }));
  const dispatch = (await livekitStubState()).dispatches.find(
    (d: { room: string }) => d.room === session.room_name,
  );
  return { session, token: JSON.parse(dispatch.metadata).agent_token as string };
}

/** A webhook as LiveKit signs and posts it (`createdAt` in Unix seconds, `id` to repeat one). */
export async function signedWebhook(event: Record<string, unknown>) {
  const signed = (await (await livekitStub("webhook", event)).json()) as {
    body: string;
    authorization: string;
  };
  return call("/v1/webhooks/livekit", {
    body: signed.body,
    headers: { authorization: signed.authorization, "content-type": "application/webhook+json" },
  });
}

/** Opens the agent's /internal/agent/events socket and collects its events and its close. */
export async function agentSocket(token: string) {
  const response = await call("/internal/agent/events", {
    token,
    headers: { upgrade: "websocket" },
  });
  if (response.status !== 101) throw new Error(`agent events: ${response.status}`);
  const socket = response.webSocket as WebSocket;
  socket.accept();
  const events: Array<{ type: string; data: Record<string, unknown> }> = [];
  socket.addEventListener("message", (event) => {
    const text = String(event.data);
    if (text.startsWith("{")) events.push(JSON.parse(text));
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.addEventListener("close", (event) =>
      resolve({ code: event.code, reason: event.reason }),
    ),
  );
  return { socket, events, closed };
}
