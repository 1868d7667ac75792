import type { LiveKitStub } from "../../test/support/livekit-stub";

// A call as production starts one: the app asks the API for a voice session, the API
// dispatches the agent through LiveKit (the Twirp stub here), and the dispatch's metadata
// carries the agent token the agent host uses for everything about this user.

export async function requestCall(options: {
  workerUrl: string;
  userToken: string;
  agentType: string;
  mode: "voice" | "text";
  livekit: LiveKitStub;
}): Promise<{ roomName: string; agentToken: string }> {
  const response = await fetch(`${options.workerUrl}/v1/voice/sessions`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${options.userToken}`,
      "content-type": "application/json",
    },
    body: JSON.stringify({ agent_type: options.agentType, mode: options.mode }),
  });
  if (response.status !== 201) throw new Error(`voice session: ${response.status}`);
  const roomName = ((await response.json()) as { room_name: string }).room_name;
  const dispatch = options.livekit.dispatches().find((d) => d.room === roomName);
  const agentToken = JSON.parse(dispatch?.metadata ?? "{}").agent_token as string;
  return { roomName, agentToken };
}
