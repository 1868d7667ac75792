import { userActor } from "../actor";
import { unwrap } from "../errors";
import { requireUser } from "../middleware/auth";
import { sendJsonText } from "../responses";
import { bearerSecurity, jsonResponse } from "./common.schemas";
import { defineRoute } from "./define-route";
import { AT, USER_ID } from "./examples";
import { CoachingContextSchema } from "./profile.schemas";
import { routeGroup } from "./route-group";

// /v1/coach: what the coaches see of the user.

const contextRoute = defineRoute({
  method: "get",
  path: "/context",
  operationId: "getCoachingContext",
  tags: ["profile"],
  summary: "The coaching context the coaches see (for debugging clients)",
  description:
    "The context assembled for a coach's turn: profile summary, goals, limitations, training, " +
    "nutrition, today's plan, the active program and adherence.",
  security: bearerSecurity,
  middleware: [requireUser()] as const,
  responses: {
    200: jsonResponse(CoachingContextSchema, "The context.", {
      user: {
        id: USER_ID,
        name: "Sam",
        timezone: "Europe/Berlin",
        local_date: "2026-11-23",
        locale: "en",
      },
      onboarding: { completed: true, progress_percent: 100, current_step: null },
      profile_summary: "Sam, 30, female; 168 cm, 64 kg; goal: muscle gain; intermediate",
      goals: { primary_goal: "muscle_gain" },
      limitations: { injuries: ["knee"], training_history: "2 years of gym" },
      training: { fitness_level: "intermediate", days_per_week: 4 },
      nutrition: { diet_type: "vegetarian" },
      lifestyle: { activity_level: "moderate" },
      today: { status: "session", week: 1, deload: false, workout: null },
      program: null,
      adherence: null,
      readiness: {
        score: 55,
        level: "low",
        reason: "You slept 5 h 10 min, 2 h less than your usual 7 h 10 min.",
      },
      recent_calls: [
        'last call, yesterday: workout coach, 12 min; user said "log three sets of eight at sixty kilos"; used log_set_completion x3',
      ],
      generated_at: AT,
    }),
  },
  errors: { 401: ["account_not_found"] },
});

export const coachRoutes = routeGroup().openapi(contextRoute, async (c) => {
  // Already JSON of CoachingContextSchema's shape (the actor's cache): sent as it is.
  return sendJsonText(c, unwrap(await userActor(c).coach.contextJson()));
});
