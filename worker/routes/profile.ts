import { z } from "@hono/zod-openapi";
import { PROFILE_MISSING, profilePatchSchema } from "../../engine/onboarding/profile";
import { fieldErrors } from "../../kernel/field-errors";
import { userActor } from "../actor";
import { notFound, unwrap, validationFailed } from "../errors";
import { requireUser } from "../middleware/auth";
import { sendJsonText } from "../responses";
import { bearerSecurity, jsonBody, jsonResponse } from "./common.schemas";
import { defineRoute } from "./define-route";
import { PROFILE_EXAMPLE, ProfilePatchBody, ProfileSchema } from "./profile.schemas";
import { routeGroup } from "./route-group";

const etagOf = (version: number) => `"profile-v${version}"`;
const profileMissing = () => notFound(PROFILE_MISSING, "profile_not_found");

const getRoute = defineRoute({
  method: "get",
  path: "/",
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
  path: "/",
  operationId: "updateProfile",
  tags: ["profile"],
  summary: "Change some profile fields",
  description:
    "Send any subset of the onboarding fields. Each onboarding step a field belongs to is " +
    "validated again as a whole; nutrition targets are recomputed. Answers the new profile " +
    "and its ETag. With `If-Match: <ETag>` the change applies only if the profile is still " +
    "that version (412 otherwise); without it the last write wins.",
  security: bearerSecurity,
  middleware: [requireUser()] as const,
  request: {
    headers: z.object({
      "if-match": z
        .string()
        .max(200)
        .optional()
        .openapi({ description: "The ETag the change is based on." }),
    }),
    body: jsonBody(ProfilePatchBody, { weight_kg: 63.2, session_minutes: 45, injuries: ["knee"] }),
  },
  responses: {
    200: jsonResponse(ProfileSchema, "The updated profile, with a new ETag.", PROFILE_EXAMPLE),
  },
  successHeaders: { 200: ["ETag"] },
  errors: { 404: ["profile_not_found"], 412: ["precondition_failed"] },
});

/** The version an If-Match names: the number in our ETag (weak or strong), NaN for another. */
function ifMatchVersion(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === "*") return undefined;
  const match = /^(?:W\/)?"profile-v(\d+)"$/.exec(header.trim());
  return match ? Number(match[1]) : Number.NaN;
}

export const profileRoutes = routeGroup()
  .openapi(getRoute, async (c) => {
    const stored = await userActor(c).profile.json();
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
    // The actor's JSON of ProfileSchema's shape (toProfileRecord), sent as it is.
    return sendJsonText(c, stored.json);
  })
  .openapi(patchRoute, async (c) => {
    const parsed = profilePatchSchema.safeParse(c.req.valid("json"));
    if (!parsed.success) throw validationFailed(fieldErrors(parsed.error.issues));
    const expected = ifMatchVersion(c.req.valid("header")["if-match"]);
    const profile = unwrap(await userActor(c).profile.patch(parsed.data, expected));
    c.header("ETag", etagOf(profile.version));
    return c.json(profile, 200);
  });
