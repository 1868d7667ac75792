import { initializeLogger } from "@livekit/agents";
import { openTextCall } from "../../agent-host/test/text-call.ts";
import { startAnthropicStub } from "../../test/support/anthropic-stub.ts";
import { onboardedUser } from "../../test/support/api-client.ts";
import { sequential } from "../lib/measure.mjs";

const OPEN_CALLS = 50;

/**
 * The agent host's own cost per call and per turn, in text mode, against this target's
 * Worker: Claude is the local stub answering at once, so the figures are the framework, our
 * adapter, the backend round trips and the actor, not model or speech latency.
 */
export async function agent(target, livekitStub, emailStubUrl) {
  initializeLogger({ pretty: false, level: "error" });
  const anthropic = await startAnthropicStub();
  let handOffTo = "diet";
  let answeredHandOff = true;
  anthropic.onRequest((request) => {
    const last = JSON.stringify(request.body.messages.at(-1)?.content ?? "");
    if (JSON.stringify(request.body).includes("is ready and active"))
      return { text: "Your program is ready." };
    if (last.includes("tool_result")) return { text: "Done." };
    if (last.includes("squats"))
      return {
        toolUse: {
          name: "log_set_completion",
          input: { exercise_id: "barbell-back-squat", reps: 5, weight_kg: 100 },
        },
      };
    if (last.includes("switch")) {
      // The coach taking over answers the same words: it speaks instead of handing on.
      answeredHandOff = !answeredHandOff;
      if (answeredHandOff) return { text: "Hi, here now." };
      const to = handOffTo;
      handOffTo = to === "diet" ? "workout" : "diet";
      return { toolUse: { name: "handoff_to_coach", input: { agent_type: to, reason: "bench" } } };
    }
    if (last.includes("program"))
      return { toolUse: { name: "generate_workout_program", input: { duration_weeks: 4 } } };
    return { text: "Okay." };
  });
  const user = await onboardedUser(target.url, { verifyWith: emailStubUrl });

  const openCall = () =>
    openTextCall({
      workerUrl: target.url,
      userToken: user.token,
      agentType: "workout",
      livekit: livekitStub,
      anthropic,
    });

  const setups = [];
  const setup = await sequential(20, async () => {
    const call = await openCall();
    setups.push(call.setupMs);
    await call.close();
  });
  setups.sort((a, b) => a - b);

  const call = await openCall();
  const turn = await sequential(50, () =>
    call.session.run({ userInput: "I did 5 squats at 100" }).wait(),
  );
  const handOff = await sequential(20, () => call.session.run({ userInput: "switch" }).wait());
  const announced = await sequential(5, async () => {
    const before = call.said.filter((s) => s === "Your program is ready.").length;
    await call.session.run({ userInput: "start a new program" }).wait();
    const deadline = Date.now() + 30_000;
    while (call.said.filter((s) => s === "Your program is ready.").length === before) {
      if (Date.now() > deadline) throw new Error("bench: the program was never announced");
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  });
  await call.close();

  // Memory of open calls: 50 at once, heap after settled GCs (npm run bench exposes gc).
  const heap = async () => {
    for (let i = 0; i < 3; i++) {
      globalThis.gc?.();
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return process.memoryUsage().heapUsed;
  };
  const heapBefore = await heap();
  const open = [];
  for (let i = 0; i < OPEN_CALLS; i++) open.push(await openCall());
  const perCallKiB = ((await heap()) - heapBefore) / OPEN_CALLS / 1024;
  for (const c of open) await c.close();
  await anthropic.close();

  const at = (q) => setups[Math.min(setups.length - 1, Math.floor(q * setups.length))];
  return {
    rows: [
      {
        scenario: "agent call setup (context, tools, events)",
        p50: at(0.5),
        p99: at(0.99),
        note: `sequential; open+close cycle p50 ${setup.p50.toFixed(0)} ms`,
      },
      {
        scenario: "agent text turn with log_set tool",
        p50: turn.p50,
        p99: turn.p99,
        note: "2 LLM calls (stub)",
      },
      { scenario: "agent hand-off turn", p50: handOff.p50, p99: handOff.p99, note: "sequential" },
      {
        scenario: "agent program asked -> announced",
        p50: announced.p50,
        p99: announced.p99,
        note: "4-week job on alarms",
      },
    ],
    notes: [
      `agent host heap per open call: ${perCallKiB.toFixed(0)} KiB (${OPEN_CALLS} calls, text mode${globalThis.gc ? "" : ", no --expose-gc"})`,
    ],
  };
}
