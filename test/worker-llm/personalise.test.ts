import { describe, expect, it } from "vitest";
import { call, json, signUp } from "../worker/helpers";
import { onboard } from "../worker/onboarding-helpers";
import { generate, runJob } from "../worker/program-helpers";
import { enqueue, requests } from "./anthropic-control";

// Program personalisation by Claude, against the local Anthropic Messages stub (scripted over
// its /_stub/* endpoints; the Worker's real @anthropic-ai/sdk talks to it).

async function generatedProgram(token: string, userId: string, body: Record<string, unknown> = {}) {
  const { job_id } = await json(await generate(token, { activate: false, ...body }));
  const job = await runJob(userId, token, job_id);
  expect(job.status).toBe("completed");
  return json(await call(`/v1/programs/${job.program_id}`, { token }));
}

const allIds = (program: {
  weeks: Array<{ days: Array<{ exercises: Array<{ exercise_id: string }> }> }>;
}) => program.weeks.flatMap((w) => w.days.flatMap((d) => d.exercises.map((e) => e.exercise_id)));

describe("program personalisation with Claude", () => {
  it("applies valid output (name, notes, a rule-keeping swap) and rejects a swap that breaks a rule", async () => {
    const user = await signUp();
    await onboard(user.accessToken);
    // First run: the stub's default answer is not a tool call, so the deterministic program is
    // kept; its request shows the swap candidates the engine allowed.
    const plain = await generatedProgram(user.accessToken, user.userId);
    expect(plain.personalisation).toMatchObject({ applied: false, reason: "invalid_output" });
    const sent = (await requests())[0]?.body;
    expect(sent.tool_choice).toEqual({ type: "tool", name: "personalise_program" });
    expect(sent.system[0].cache_control).toEqual({ type: "ephemeral" });
    expect(sent.model).toBe("claude-sonnet-4-6");
    const candidates: Record<string, string[]> = JSON.parse(
      sent.messages[0].content,
    ).swap_candidates;
    const [from, options] = Object.entries(candidates).find(([, list]) => list.length > 0) ?? [];
    expect(from).toBeDefined();
    const to = options?.[0] as string;
    const plainIds = allIds(plain);
    const other = plainIds.find((id) => id !== from) as string;

    await enqueue({
      toolUse: {
        name: "personalise_program",
        input: {
          name: "Knee-Friendly Hypertrophy Block",
          description: "Eight weeks of upper/lower training built around your knee.",
          coach_notes: [
            "Keep two reps in reserve on squats.",
            "Stop any set that hurts your knee.",
          ],
          swaps: [
            { from_exercise_id: from, to_exercise_id: to, reason: "better fit" },
            // A deadlift for something else breaks pattern and muscles: must be refused.
            {
              from_exercise_id: other,
              to_exercise_id: "conventional-deadlift",
              reason: "more load",
            },
          ],
        },
      },
    });
    const personal = await generatedProgram(user.accessToken, user.userId);
    expect(personal.name).toBe("Knee-Friendly Hypertrophy Block");
    expect(personal.personalisation).toMatchObject({
      applied: true,
      coach_notes: ["Keep two reps in reserve on squats.", "Stop any set that hurts your knee."],
      swaps_applied: [{ from_exercise_id: from, to_exercise_id: to }],
      swaps_rejected: [{ from_exercise_id: other, to_exercise_id: "conventional-deadlift" }],
    });
    const ids = allIds(personal);
    expect(ids).not.toContain(from);
    expect(ids.filter((id) => id === to)).toHaveLength(plainIds.filter((id) => id === from).length);
    // Everything else is the deterministic program, set for set.
    expect(ids.length).toBe(plainIds.length);
  });

  it("rejects output that does not match the schema and keeps the deterministic program", async () => {
    const user = await signUp();
    await onboard(user.accessToken);
    await enqueue({
      toolUse: { name: "personalise_program", input: { name: "X", coach_notes: "not a list" } },
    });
    const program = await generatedProgram(user.accessToken, user.userId);
    expect(program.personalisation).toMatchObject({ applied: false, reason: "invalid_output" });
    expect(program.personalisation.detail).toMatch(/name|coach_notes|description/);
    expect(program.name).toMatch(/Program/);
  });

  it("falls back when Claude does not answer in time, and records why", async () => {
    const user = await signUp();
    await onboard(user.accessToken);
    // The SDK retries a timeout once: both attempts are slower than the 1 s limit.
    await enqueue({ delayMs: 3000, text: "late" }, { delayMs: 3000, text: "late" });
    const program = await generatedProgram(user.accessToken, user.userId);
    expect(program.personalisation).toMatchObject({ applied: false, reason: "timeout" });
    expect(program.weeks.length).toBe(8);
  });

  it("falls back on a refusal and on an API error", async () => {
    const user = await signUp();
    await onboard(user.accessToken);
    await enqueue({ refusal: true });
    expect((await generatedProgram(user.accessToken, user.userId)).personalisation).toMatchObject({
      applied: false,
      reason: "refusal",
    });
    await enqueue(
      { error: { status: 500, type: "api_error", message: "internal secret detail" } },
      { error: { status: 500, type: "api_error", message: "internal secret detail" } },
    );
    const failed = await generatedProgram(user.accessToken, user.userId, { duration_weeks: 6 });
    expect(failed.personalisation).toMatchObject({ applied: false, reason: "error" });
    expect(JSON.stringify(failed.personalisation)).not.toContain("internal secret detail");
  });
});
