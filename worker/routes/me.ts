import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { database } from "../../d1/client";
import {
  findActiveUserByEmail,
  findLoginById,
  normaliseEmail,
  setName,
  setPendingEmail,
} from "../../d1/users";
import { emailNotVerified } from "../../kernel/account-state";
import { EXPORT_FORMAT, exportStream } from "../account-export";
import { userActor } from "../actor";
import type { AppEnv } from "../app-env";
import { sendEmailChange, sendLater } from "../auth/account-email";
import { remember } from "../auth/account-status";
import { confirmPassword } from "../auth/login-guard";
import { ApiError, conflict, unwrap, validationFailed } from "../errors";
import { requireUser } from "../middleware/auth";
import { streamed } from "../responses";
import { UserSchema } from "./auth.schemas";
import { bearerSecurity, jsonBody, jsonResponse } from "./common.schemas";
import { defineRoute } from "./define-route";
import { JOB, PROGRAM_ID, USER } from "./examples";
import { AccountExportSchema, DeleteBody, MePatchBody } from "./me.schemas";
import { routeGroup } from "./route-group";

const getMeRoute = defineRoute({
  method: "get",
  path: "/",
  operationId: "getMe",
  tags: ["auth"],
  summary: "The signed-in user, with onboarding status",
  description: "The account behind the access token: email, name, status and onboarding state.",
  security: bearerSecurity,
  middleware: [requireUser()] as const,
  responses: { 200: jsonResponse(UserSchema, "The user.", USER) },
  errors: { 401: ["account_not_found"] },
});

const deleteMeRoute = defineRoute({
  method: "delete",
  path: "/",
  operationId: "deleteMe",
  tags: ["auth"],
  summary: "Delete the account and everything held about the user",
  description:
    "From the answer on, every token of the account is refused (401 `account_deleted`), " +
    "refresh and login fail, its live voice rooms and sockets are closed, nothing more is " +
    "pushed, and the email is free for a new signup. All of the user's data (profile, " +
    "programs, logs, voice history, chat, notifications, devices) is erased; only a tombstone " +
    "without personal data remains. If a step cannot finish at once (LiveKit unreachable), " +
    "the actor finishes it on its alarm. A password account confirms with `current_password` " +
    "(the login guard counts wrong ones); an identity provider's account needs a token from a " +
    "sign-in of the last REAUTH_MAX_AGE_SECONDS (300 s; its `auth_time`, else `iat`).",
  security: bearerSecurity,
  middleware: [requireUser()] as const,
  request: {
    body: {
      required: false,
      content: {
        "application/json": {
          schema: DeleteBody,
          example: { current_password: "correct-horse-42" },
        },
      },
    },
  },
  responses: {
    200: jsonResponse(
      z
        .object({
          status: z.literal("deleted"),
          erased: z.boolean().openapi({
            description:
              "All data is erased (false: the account is closed and erasure resumes shortly).",
          }),
        })
        .openapi("AccountDeleted"),
      "Account deleted.",
      { status: "deleted", erased: true },
    ),
  },
  errors: {
    400: ["bad_request"],
    413: ["payload_too_large"],
    403: ["wrong_password", "reauthentication_required"],
    429: ["rate_limited"],
  },
});

const patchMeRoute = defineRoute({
  method: "patch",
  path: "/",
  operationId: "updateMe",
  tags: ["auth"],
  summary: "Change the account's name, or start (or cancel) changing its email",
  description:
    "An email change needs `current_password` (checked through the login guard) and a " +
    "verified address (403 `email_not_verified`). It is pending until the new address is " +
    "verified: the answer shows it in `pending_email`, the new address gets a link, the old " +
    "one a notice with a link that cancels it. `email: null` cancels it too; so does a " +
    "password change or reset. Accounts of an identity provider cannot change their email " +
    "here (409 `external_account`).",
  security: bearerSecurity,
  middleware: [requireUser()] as const,
  request: {
    body: jsonBody(MePatchBody, {
      email: "sam.new@example.com",
      current_password: "correct-horse-42",
    }),
  },
  responses: {
    200: jsonResponse(UserSchema, "The account.", {
      ...USER,
      pending_email: "sam.new@example.com",
    }),
  },
  errors: {
    403: ["wrong_password", "email_not_verified"],
    409: ["email_taken", "external_account"],
    429: ["rate_limited"],
  },
});

const exportRoute = defineRoute({
  method: "get",
  path: "/export",
  operationId: "exportMyData",
  tags: ["auth"],
  summary: "Download everything held about you, as one JSON file",
  description:
    "Account, profile, onboarding, reminder settings, programs, workout sessions and sets, " +
    "meals, body weights, notifications, devices (tokens masked), conversations, voice " +
    "session history and calls (summaries, transcripts), program jobs: one JSON document " +
    "(AccountExport), streamed as an attachment. EXPORTS_PER_DAY (3) in any 24 hours; more " +
    "get 429 `export_limit_reached` with Retry-After.",
  security: bearerSecurity,
  middleware: [requireUser()] as const,
  responses: {
    200: {
      description: "The export (Content-Disposition: attachment).",
      content: {
        "application/json": {
          schema: AccountExportSchema,
          example: {
            format: EXPORT_FORMAT,
            exported_at: "2026-11-23T18:30:00.000Z",
            account: USER,
            profile: null,
            onboarding: {
              current_step: "basics",
              steps: [],
              progress_percent: 0,
              completed: false,
            },
            reminders: {
              workout: true,
              meals: true,
              hydration: false,
              checkin: true,
              streak: false,
              quiet_hours: null,
              waking_hours: { start: "07:00", end: "22:00" },
              workout_lead_minutes: 60,
              hydration_interval_minutes: 120,
              checkin_weekday: "sun",
              checkin_time: "18:00",
            },
            programs: [],
            program_jobs: [
              {
                ...JOB,
                status: "completed",
                progress: 100,
                stage: "complete",
                completed_at: "2026-11-23T09:00:01.200Z",
                program_id: PROGRAM_ID,
                request: { overrides: { duration_weeks: 8 }, activate: true },
              },
            ],
            workout_sessions: [],
            workout_sets: [],
            meal_logs: [],
            meal_photos: [],
            body_weights: [],
            health_samples: [],
            health_days: [],
            notifications: [],
            devices: [],
            conversations: [],
            voice_sessions: [],
            voice_calls: [],
          },
        },
      },
    },
  },
  errors: { 429: ["export_limit_reached"] },
});

export const meRoutes = routeGroup()
  .openapi(getMeRoute, async (c) => {
    // A valid token for a deleted (or never provisioned) user is treated like a bad token.
    return c.json(unwrap(await userActor(c).account.get()), 200);
  })
  .openapi(deleteMeRoute, async (c) => {
    const userId = c.get("userId");
    const { current_password } = c.req.valid("json") ?? {};
    const login = await findLoginById(database(c.env.DB), userId);
    if (login?.user.email)
      await confirmWith(c, { ...login, email: login.user.email }, current_password);
    else requireRecentSignIn(c);
    const { completed } = await userActor(c).account.delete();
    remember(userId, { status: "deleted", sessionEpoch: Date.now() });
    c.get("log").info("account_deletion_requested", { erased: completed });
    return c.json({ status: "deleted" as const, erased: completed }, 200);
  })
  .openapi(patchMeRoute, async (c) => {
    const body = c.req.valid("json");
    const userId = c.get("userId");
    const db = database(c.env.DB);
    const actor = userActor(c);
    const user = unwrap(await actor.account.get());
    if (body.name !== undefined) await setName(db, userId, body.name);
    if (body.email === null && user.pending_email) {
      await setPendingEmail(db, userId, null);
      c.get("log").info("email_change_cancelled");
    }
    const email = body.email ? normaliseEmail(body.email) : null;
    if (email && email !== user.email) {
      const login = await findLoginById(db, userId);
      const previous = user.email;
      if (!login || !previous)
        throw new ApiError(
          "external_account",
          "This account signs in with your identity provider, which manages its email.",
        );
      if (!user.email_verified)
        throw new ApiError("email_not_verified", emailNotVerified(previous));
      await confirmWith(c, { ...login, email: previous }, body.current_password);
      if (await findActiveUserByEmail(db, email))
        throw conflict("email_taken", "An account with this email already exists.");
      await setPendingEmail(db, userId, email);
      sendLater(
        c,
        () => sendEmailChange(c, { id: userId, email: previous }, email),
        "email_change",
      );
      c.get("log").info("email_change_requested");
    }
    await actor.account.changed();
    return c.json(unwrap(await actor.account.get()), 200);
  })
  .openapi(exportRoute, async (c) => {
    const actor = userActor(c);
    const user = unwrap(await actor.account.get());
    const quota = await actor.account.reserveExport();
    if (!quota.ok)
      throw new ApiError(
        "export_limit_reached",
        "You have used the data exports of the last 24 hours. Try again later.",
        undefined,
        { "Retry-After": String(quota.retryAfterSeconds) },
      );
    c.get("log").info("account_exported");
    return streamed(
      new Response(exportStream(c.env, user), {
        headers: {
          "content-type": "application/json",
          "content-disposition": `attachment; filename="fitness-coach-export-${user.id}.json"`,
          "cache-control": "no-store",
        },
      }),
    );
  });

/** The current password of a password account, required and checked through the login guard. */
async function confirmWith(
  c: Context<AppEnv>,
  account: { email: string; passwordHash: string },
  password: string | undefined,
) {
  if (password === undefined)
    throw validationFailed([
      {
        field: "current_password",
        code: "required",
        message: "is required: confirm this with your password",
      },
    ]);
  await confirmPassword(c, account, password);
}

/** An identity provider's account: its token must come from a sign-in of the last minutes. */
function requireRecentSignIn(c: Context<AppEnv>) {
  const signedInAt = c.get("signedInAt");
  const maxAgeMs = c.get("config").REAUTH_MAX_AGE_SECONDS * 1000;
  if (signedInAt == null || Date.now() - signedInAt > maxAgeMs)
    throw new ApiError(
      "reauthentication_required",
      `Sign in with your identity provider again, then retry within ${maxAgeMs / 60_000} minutes.`,
    );
}
