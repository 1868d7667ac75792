import type { RecordedRequest, Reply } from "../../test/support/anthropic-stub";

// Claude for the spoken fixtures, answering by what each request asks (not by arrival order,
// since the voice pipeline may ask early: preemptive generation on a final transcript).

/** Long enough (about 9 s spoken) for the user to cut in. */
export const LONG_ANSWER =
  "Today is upper body day: bench press, four sets of six to eight, then bent over rows, " +
  "overhead press and pull ups, three sets each, and finish with ten minutes of easy " +
  "cycling to cool down.";
export const SET_LOGGED = "Logged it: eight squats at sixty kilos.";
export const GREETING = "Hi Robin, today is upper body day.";

export function coachReply(request: RecordedRequest): Reply {
  const system: string = request.body.system?.[0]?.text ?? "";
  const last = JSON.stringify(request.body.messages.at(-1)?.content ?? "");
  if (last.includes("tool_result")) return { text: SET_LOGGED };
  if (system.startsWith("Diet coach"))
    return { text: "Diet coach here. What would you like to know about your food?" };
  if (last.includes("8 squats at 60"))
    return {
      toolUse: {
        name: "log_set_completion",
        input: { exercise_id: "barbell-back-squat", reps: 8, weight_kg: 60 },
      },
    };
  if (last.includes("workout today")) return { text: LONG_ANSWER };
  if (last.includes("nutrition coach"))
    return {
      toolUse: {
        name: "handoff_to_coach",
        input: { agent_type: "diet", reason: "asks for the nutrition coach" },
      },
    };
  if (last.includes("stop")) return { text: "Sure, I'll stop there." };
  return { text: GREETING };
}
