import Anthropic from "@anthropic-ai/sdk";
import { z } from "zod";
import { AGENT_TYPES, type AgentType } from "../../engine/personas/agent-types";

// Which coach answers a message: a small fast Claude model when a key is configured, and a
// keyword classifier when there is no key, the call fails, or Claude is not confident.

const KEYWORDS: Record<Exclude<AgentType, "general">, RegExp> = {
  diet: /\b(eat|ate|food|meal|diet|calorie|kcal|protein|carb|fat|macro|breakfast|lunch|dinner|snack|hungry|recipe|nutrition)/i,
  supplement:
    /\b(supplement|creatine|caffeine|whey|vitamin|omega|magnesium|pre-?workout|bcaa|zinc|iron)/i,
  workout:
    /\b(workout|exercise|squat|bench|deadlift|press|set|reps?|lift|train|gym|muscle|form|technique|warm[- ]?up)/i,
  tracker: /\b(progress|streak|log|logged|weigh|weight|pr\b|record|adherence|track)/i,
  scheduler: /\b(schedule|reschedule|move|tomorrow|remind|reminder|calendar|week|plan my|time)/i,
};

export function keywordRoute(message: string): { agent_type: AgentType; confidence: number } {
  let best: { agent_type: AgentType; hits: number } = { agent_type: "general", hits: 0 };
  for (const [agent, pattern] of Object.entries(KEYWORDS) as Array<[AgentType, RegExp]>) {
    const hits = (message.match(new RegExp(pattern.source, "gi")) ?? []).length;
    if (hits > best.hits) best = { agent_type: agent, hits };
  }
  return {
    agent_type: best.agent_type,
    confidence: best.hits === 0 ? 0.3 : Math.min(0.9, 0.5 + 0.2 * best.hits),
  };
}

const routeSchema = z.object({
  agent_type: z.enum(AGENT_TYPES),
  confidence: z.number().min(0).max(1),
});
export const MIN_CONFIDENCE = 0.6;

export interface RouteDecision {
  agent_type: AgentType;
  confidence: number;
  by: "claude" | "keywords";
  reason?: string;
}

export async function routeMessage(
  message: string,
  options: { apiKey?: string; baseURL?: string; model: string; timeoutMs: number },
): Promise<RouteDecision & { usage?: { input_tokens: number; output_tokens: number } }> {
  const fallback = (reason: string): RouteDecision => ({
    ...keywordRoute(message),
    by: "keywords",
    reason,
  });
  if (!options.apiKey) return fallback("no_api_key");
  try {
    const client = new Anthropic({
      apiKey: options.apiKey,
      baseURL: options.baseURL,
      timeout: options.timeoutMs,
      maxRetries: 0,
    });
    const reply = await client.messages.create({
      model: options.model,
      max_tokens: 100,
      system:
        "Route the user's message to one fitness coach: workout (training, exercises), diet (food, calories), " +
        "supplement, tracker (logging, progress), scheduler (planning, reminders) or general. Call route.",
      tools: [
        {
          name: "route",
          description: "The coach to answer.",
          input_schema: z.toJSONSchema(routeSchema) as Anthropic.Tool.InputSchema,
        },
      ],
      tool_choice: { type: "tool", name: "route" },
      messages: [{ role: "user", content: message.slice(0, 2000) }],
    });
    const call = reply.content.find((block) => block.type === "tool_use");
    const parsed = routeSchema.safeParse(call && "input" in call ? call.input : undefined);
    const usage = {
      input_tokens: reply.usage.input_tokens,
      output_tokens: reply.usage.output_tokens,
    };
    if (!parsed.success) return { ...fallback("invalid_router_output"), usage };
    if (parsed.data.confidence < MIN_CONFIDENCE) return { ...fallback("low_confidence"), usage };
    return { ...parsed.data, by: "claude", usage };
  } catch (error) {
    return fallback(
      error instanceof Anthropic.APIConnectionTimeoutError ? "router_timeout" : "router_error",
    );
  }
}
