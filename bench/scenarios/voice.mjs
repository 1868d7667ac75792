import { onboardedUser } from "../../test/support/api-client.ts";
import { load, sequential } from "../lib/measure.mjs";

/**
 * Voice session creation against the local LiveKit stub (room, dispatch, tokens, actor and
 * D1 records), and the agent's tool call round trip: agent token -> Worker -> user's actor
 * (-> D1) -> back, for a read tool and for logging a set;
 * and the agent host's read of the coaching context.
 */
export async function voice(target, livekitStub, emailStubUrl) {
  const user = await onboardedUser(target.url, { verifyWith: emailStubUrl });
  const headers = { authorization: `Bearer ${user.token}`, "content-type": "application/json" };
  const create = await sequential(100, async () => {
    const response = await fetch(`${target.url}/v1/voice/sessions`, {
      method: "POST",
      headers,
      body: JSON.stringify({ agent_type: "workout" }),
    });
    if (response.status !== 201) throw new Error(`voice session: ${response.status}`);
    await response.arrayBuffer();
  });
  const dispatch = livekitStub.dispatches().at(-1);
  const agentToken = JSON.parse(dispatch.metadata).agent_token;
  const agent = { authorization: `Bearer ${agentToken}`, "content-type": "application/json" };
  const read = await load(`${target.url}/internal/agent/tools/check_program_status`, {
    method: "POST",
    headers: agent,
    body: "{}",
  });
  // The coach's context as the agent host reads it (agent-host/src/backend.ts context(): at
  // call start and again when a program finishes): issue 21's "voice turn's context read".
  const context = await sequential(200, async () => {
    const response = await fetch(`${target.url}/internal/agent/context`, { headers: agent });
    if (response.status !== 200) throw new Error(`agent context: ${response.status}`);
    await response.arrayBuffer();
  });
  let n = 0;
  const logSet = await sequential(200, async () => {
    const response = await fetch(`${target.url}/internal/agent/tools/log_set_completion`, {
      method: "POST",
      headers: agent,
      body: JSON.stringify({
        exercise_id: "barbell-back-squat",
        reps: 5,
        weight_kg: 100,
        client_id: `c${n++}`,
      }),
    });
    await response.arrayBuffer();
  });
  return {
    rows: [
      {
        scenario: "POST /v1/voice/sessions (LiveKit stub)",
        p50: create.p50,
        p99: create.p99,
        note: "sequential",
      },
      { scenario: "agent tool call (check_program_status)", floor: "F1", ...read },
      {
        scenario: "voice turn's context read (GET /internal/agent/context)",
        floor: "F1",
        p50: context.p50,
        p99: context.p99,
        targetP50: 5,
        note: "sequential (200)",
      },
      {
        scenario: "agent tool call (log_set_completion)",
        floor: "F2",
        p50: logSet.p50,
        p99: logSet.p99,
        targetP50: 15,
        note: "sequential (200): the agent's tool round trip",
      },
    ],
  };
}
