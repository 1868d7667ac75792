import Anthropic from "@anthropic-ai/sdk";
import { z } from "zod";
import type { PersonalisationRecord } from "../../d1/programs";
import type { Program, ProgramInput } from "../../engine/coaching/program-schema";
import { applySwap, swapCandidates } from "./swaps";

// Claude writes the program's name, description and coach notes and may propose exercise
// swaps. Output comes back as a forced tool call (structured output), validated by zod; swaps
// are applied only if every engine rule stays true. Any failure keeps the deterministic
// program and says why: a job never fails because the LLM did.

export const personalisationSchema = z.object({
  name: z.string().trim().min(3).max(80),
  description: z.string().trim().min(10).max(700),
  coach_notes: z.array(z.string().trim().min(1).max(300)).max(8),
  swaps: z
    .array(
      z.object({
        from_exercise_id: z.string(),
        to_exercise_id: z.string(),
        reason: z.string().max(300),
      }),
    )
    .max(6),
});

const TOOL_NAME = "personalise_program";

const SYSTEM_PROMPT = [
  "You are an evidence-based strength coach personalising a training program that a",
  "deterministic engine built from the user's profile. Keep the program's structure: you may",
  "only rename it, describe it, add short coach notes (technique, effort, recovery) and propose",
  "swaps of an exercise for one of the listed candidates when it suits the user better.",
  "Never give medical advice; if injuries are listed, suggest caution and a professional.",
  `Answer only by calling the ${TOOL_NAME} tool.`,
].join(" ");

export interface PersonaliseOptions {
  apiKey: string;
  model: string;
  timeoutMs: number;
  baseURL?: string;
}

export type PersonaliseResult = { program: Program; record: PersonalisationRecord };

function requestContent(program: Program, input: ProgramInput) {
  const week = program.weeks.find((w) => !w.deload) ?? program.weeks[0];
  return JSON.stringify({
    user: {
      goal: input.goal,
      level: input.fitness_level,
      days_per_week: input.days_per_week,
      session_minutes: input.session_minutes,
      injuries: input.injuries,
      location: input.location,
    },
    program: {
      name: program.name,
      description: program.description,
      duration_weeks: program.duration_weeks,
    },
    typical_week: week?.days.map((day) => ({
      weekday: day.weekday,
      focus: day.focus,
      exercises: day.exercises.map((e) => `${e.exercise_id}: ${e.sets}x${e.rep_min}-${e.rep_max}`),
    })),
    swap_candidates: swapCandidates(program, input),
  });
}

export async function personaliseProgram(
  program: Program,
  input: ProgramInput,
  options: PersonaliseOptions,
): Promise<PersonaliseResult> {
  const client = new Anthropic({
    apiKey: options.apiKey,
    baseURL: options.baseURL,
    timeout: options.timeoutMs,
    maxRetries: 1,
  });
  let message: Anthropic.Message;
  try {
    message = await client.messages.create({
      model: options.model,
      max_tokens: 1500,
      system: [{ type: "text", text: SYSTEM_PROMPT, cache_control: { type: "ephemeral" } }],
      tools: [
        {
          name: TOOL_NAME,
          description: "Name, describe and annotate the program; optionally swap exercises.",
          input_schema: z.toJSONSchema(personalisationSchema) as Anthropic.Tool.InputSchema,
        },
      ],
      tool_choice: { type: "tool", name: TOOL_NAME },
      messages: [{ role: "user", content: requestContent(program, input) }],
    });
  } catch (error) {
    const timeout = error instanceof Anthropic.APIConnectionTimeoutError;
    return {
      program,
      record: {
        applied: false,
        reason: timeout ? "timeout" : "error",
        detail: timeout ? `no answer within ${options.timeoutMs} ms` : errorName(error),
      },
    };
  }
  const usage = {
    input_tokens: message.usage.input_tokens,
    output_tokens: message.usage.output_tokens,
  };
  if (message.stop_reason === "refusal")
    return { program, record: { applied: false, reason: "refusal", usage } };
  const call = message.content.find(
    (block) => block.type === "tool_use" && block.name === TOOL_NAME,
  );
  const parsed = personalisationSchema.safeParse(call && "input" in call ? call.input : undefined);
  if (!parsed.success) {
    const detail = parsed.error.issues
      .slice(0, 3)
      .map((issue) => `${issue.path.join(".") || "output"}: ${issue.message}`)
      .join("; ");
    return { program, record: { applied: false, reason: "invalid_output", detail, usage } };
  }

  let result: Program = {
    ...program,
    name: parsed.data.name,
    description: parsed.data.description,
  };
  const applied: PersonalisationRecord["swaps_applied"] = [];
  const rejected: PersonalisationRecord["swaps_rejected"] = [];
  for (const swap of parsed.data.swaps) {
    const verdict = applySwap(result, input, swap);
    if (verdict.ok) {
      result = verdict.program;
      applied.push(swap);
    } else {
      rejected.push({
        from_exercise_id: swap.from_exercise_id,
        to_exercise_id: swap.to_exercise_id,
        why: verdict.reason,
      });
    }
  }
  return {
    program: result,
    record: {
      applied: true,
      model: message.model,
      coach_notes: parsed.data.coach_notes,
      swaps_applied: applied,
      swaps_rejected: rejected,
      usage,
    },
  };
}

/** Error class and status only: a provider's message never reaches a client. */
function errorName(error: unknown): string {
  if (error instanceof Anthropic.APIError)
    return `${error.constructor.name} ${error.status ?? ""}`.trim();
  return error instanceof Error ? error.name : "unknown";
}
