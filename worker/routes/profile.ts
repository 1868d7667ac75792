import { createRoute } from "@hono/zod-openapi";
import { toProfileRecord } from "../../durable-objects/profile-module";
import { userActor } from "../actor";
import { fieldErrors, notFound, validationFailed } from "../errors";
import { requireUser } from "../middleware/auth";
import { profilePatchSchema } from "../onboarding/profile";
import { bearerSecurity, errorResponses, jsonBody, jsonResponse } from "./common.schemas";
import { CoachingContextSchema, ProfilePatchBody, ProfileSchema } from "./profile.schemas";
import { routeGroup } from "./route-group";

const etagOf = (version: number) => `"profile-v${version}"`;
const profileMissing = () =>
  notFound(
    "No profile yet: finish onboarding first (POST /v1/onboarding/complete).",
    "profile_not_found",
  );

const getRoute = createRoute({
  method: "get",
  path: "/v1/profile",
  tags: ["profile"],
  summary: "The coaching profile (from the actor's cache)",
  description: "Sends an ETag; `If-None-Match` with it gives 304 while the profile is unchanged.",
  security: bearerSecurity,
  middleware: [requireUser()] as const,
  responses: {
    200: jsonResponse(ProfileSchema, "The profile."),
    304: { description: "Unchanged since the ETag in If-None-Match." },
    ...errorResponses(401, 404, 500),
  },
});

const patchRoute = createRoute({
  method: "patch",
  path: "/v1/profile",
  tags: ["profile"],
  summary: "Change some profile fields",
  security: bearerSecurity,
  middleware: [requireUser()] as const,
  request: { body: jsonBody(ProfilePatchBody) },
  responses: {
    200: jsonResponse(ProfileSchema, "The updated profile, with a new ETag."),
    ...errorResponses(400, 401, 404, 413, 422, 500),
  },
});

const contextRoute = createRoute({
  method: "get",
  path: "/v1/coach/context",
  tags: ["profile"],
  summary: "The coaching context the coaches see (for debugging clients)",
  security: bearerSecurity,
  middleware: [requireUser()] as const,
  responses: {
    200: jsonResponse(CoachingContextSchema, "The context."),
    ...errorResponses(401, 500),
  },
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
    return c.json(context as unknown as Record<string, unknown>, 200);
  });
