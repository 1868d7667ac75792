import { llm, voice } from "@livekit/agents";
import type { AgentContext, CoachBackend, ToolSchema } from "./backend";

// A voice coach for one call: the persona and coaching context from the backend become the
// instructions, and every tool the backend allows this coach becomes a function tool that
// runs in the user's actor. A tool failure the model should hear is a ToolError; a backend
// that cannot be reached is apologised for, never a crash of the job.

/** Tools that store something: the call id makes a retried call store it once. */
const IDEMPOTENT_BY_CALL_ID = new Set(["log_set_completion", "log_meal"]);

export function coachInstructions(agent: AgentContext): string {
  const summary = agent.context.profile_summary ?? "The user has not finished onboarding.";
  return [
    agent.persona.instructions,
    "You are speaking by voice: answer in one to three short sentences, no lists or markdown.",
    `About the user: ${summary}`,
    `Coaching context (JSON): ${JSON.stringify(agent.context)}`,
  ].join("\n");
}

export function coachTools(backend: Pick<CoachBackend, "callTool">, schemas: ToolSchema[]) {
  return Object.fromEntries(
    schemas.map((schema) => [
      schema.name,
      llm.tool({
        description: schema.description,
        parameters: schema.parameters as never,
        execute: async (args: Record<string, unknown>, { toolCallId }: { toolCallId: string }) => {
          const input = IDEMPOTENT_BY_CALL_ID.has(schema.name)
            ? { client_id: toolCallId, ...args }
            : args;
          let outcome: Awaited<ReturnType<CoachBackend["callTool"]>>;
          try {
            outcome = await backend.callTool(schema.name, input);
          } catch {
            throw new llm.ToolError(
              "I could not reach your coaching data just now. Apologise and offer to try again.",
            );
          }
          if (!outcome.ok) throw new llm.ToolError(outcome.error.message);
          return outcome.result;
        },
      }),
    ]),
  );
}

export async function createCoachAgent(backend: CoachBackend): Promise<voice.Agent> {
  const [agent, schemas] = await Promise.all([backend.context(), backend.tools()]);
  return new voice.Agent({
    instructions: coachInstructions(agent),
    tools: coachTools(backend, schemas),
  });
}
