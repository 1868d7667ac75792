import { z } from "@hono/zod-openapi";
import { toProfileRecord } from "../../durable-objects/profile-module";
import { userActor } from "../actor";
import { fieldErrors, notFound, validationFailed } from "../errors";
import { requireUser } from "../middleware/auth";
import { profilePatchSchema } from "../onboarding/profile";
import { bearerSecurity, jsonBody, jsonResponse } from "./common.schemas";
import { defineRoute } from "./define-route";
import { AT, USER_ID } from "./examples";
import {
  CoachingContextSchema,
  PROFILE_EXAMPLE,
  ProfilePatchBody,
  ProfileSchema,
} from "./profile.schemas";
import { routeGroup } from "./route-group";

const etagOf = (version: number) => `"profile-v${version}"`;
const profileMissing = () =>
  notFound(
    "No profile yet: finish onboarding first (POST /v1/onboarding/complete).",
    "profile_not_found",
  );

const getRoute = defineRoute({
  method: "get",
  path: "/v1/profile",
  operationId: "getProfile",
  tags: ["profile"],
  summary: "The coaching profile (from the actor's cache)",
  description: "Sends an ETag; `If-None-Match` with it gives 304 while the profile is unchanged.",
  security: bearerSecurity,
  middleware: [requireUser()] as const,
  request: {
    headers: z.object({
      "if-none-match": z
        .string()
        .max(200)
        .optional()
        .openapi({ description: "An ETag from a previous answer." }),
    }),
  },
  responses: {
    200: jsonResponse(ProfileSchema, "The profile.", PROFILE_EXAMPLE),
    304: { description: "Unchanged since the ETag in If-None-Match." },
  },
  successHeaders: { 200: ["ETag"], 304: ["ETag"] },
  errors: { 404: ["profile_not_found"] },
});

const patchRoute = defineRoute({
  method: "patch",
  path: "/v1/profile",
  operationId: "updateProfile",
  tags: ["profile"],
  summary: "Change some profile fields",
  description:
    "Send any subset of the onboarding fields. Each onboarding step a field belongs to is " +
    "validated again as a whole; nutrition targets are recomputed. Answers the new profile " +
    "and its ETag.",
  security: bearerSecurity,
  middleware: [requireUser()] as const,
  request: {
    body: jsonBody(ProfilePatchBody, { weight_kg: 63.2, session_minutes: 45, injuries: ["knee"] }),
  },
  responses: {
    200: jsonResponse(ProfileSchema, "The updated profile, with a new ETag.", PROFILE_EXAMPLE),
  },
  successHeaders: { 200: ["ETag"] },
  errors: { 404: ["profile_not_found"] },
});

const contextRoute = defineRoute({
  method: "get",
  path: "/v1/coach/context",
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
      user: { id: USER_ID, name: "Sam", timezone: "Europe/Berlin", local_date: "2026-11-23" },
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
      generated_at: AT,
    }),
  },
  errors: { 404: ["account_not_found"] },
});

export const profileRoutes = routeGroup()
  .openapi(getRoute, async (c) => {
    const stored = await userActor(c).getProfile(c.get("userId"));
    if (!stored) throw profileMissing();
    const etag = etagOf(stored.version);
    c.header("ETag", etag);
    c.header("Cache-Control", "private, no-cache");
    if (
      c.req
        .header("if-none-match")
        ?.split(/\s*,\s*/)
        .includes(etag)
    )
      return c.body(null, 304);
    return c.json(toProfileRecord(stored), 200);
  })
  .openapi(patchRoute, async (c) => {
    const parsed = profilePatchSchema.safeParse(c.req.valid("json"));
    if (!parsed.success) throw validationFailed(fieldErrors(parsed.error.issues));
    const result = await userActor(c).patchProfile(c.get("userId"), parsed.data);
    if ("notFound" in result) throw profileMissing();
    if ("invalid" in result) throw validationFailed(result.invalid);
    c.header("ETag", etagOf(result.profile.version));
    return c.json(toProfileRecord(result.profile), 200);
  })
  .openapi(contextRoute, async (c) => {
    const context = await userActor(c).getCoachingContext(c.get("userId"));
    if ("missing" in context) throw notFound("This account no longer exists.", "account_not_found");
    return c.json(context, 200);
  });
