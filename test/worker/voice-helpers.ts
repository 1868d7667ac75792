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
