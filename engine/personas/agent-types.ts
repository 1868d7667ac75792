// The six coaches, by the name the API, the LiveKit dispatch and the agent host use. No
// imports: the agent host (agent-host/) reads this file too, for its hand-off tool.

export const AGENT_TYPES = [
  "workout",
  "diet",
  "supplement",
  "tracker",
  "scheduler",
  "general",
] as const;
export type AgentType = (typeof AGENT_TYPES)[number];
