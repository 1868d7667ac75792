import { z } from "@hono/zod-openapi";
import { EXPORT_FORMAT } from "../account-export";
import { UserSchema } from "./auth.schemas";
import { BodyWeightSchema } from "./body.schemas";
import { ConversationDetail } from "./chat.schemas";
import { DeviceSchema } from "./devices.schemas";
import { MealLogSchema } from "./meals.schemas";
import { NotificationSchema } from "./notifications.schemas";
import { OnboardingStateSchema } from "./onboarding.schemas";
import { ProfileSchema } from "./profile.schemas";
import { JobSchema, ProgramSchema } from "./programs.schemas";
import { ReminderPrefsSchema } from "./reminders.schemas";
import { SessionSchema, SetSchema } from "./workouts.schemas";

const currentPassword = z.string().min(1).max(1024);

export const DeleteBody = z
  .object({
    current_password: currentPassword.optional().openapi({
      description:
        "Required for a password account (`sign_in_method: password`): 422 when missing, 403 " +
        "`wrong_password` when wrong, counted by the login guard (429).",
      example: "correct-horse-42",
    }),
  })
  .strict()
  .openapi("AccountDeletion");

export const MePatchBody = z
  .object({
    name: z.string().trim().min(1).max(100).nullable().optional(),
    email: z
      .string()
      .trim()
      .max(254)
      .email("must be a valid email address")
      .nullable()
      .optional()
      .openapi({
        description:
          "Starts an email change: the new address gets a verification link and replaces the old " +
          "one once verified (POST /v1/auth/email/verify); the old address gets a notice with a " +
          "link that cancels it (POST /v1/auth/email/cancel). Needs `current_password` and a " +
          "verified address. `null` cancels a pending change.",
      }),
    current_password: currentPassword.optional().openapi({
      description:
        "Required with a new `email` (422 when missing, 403 `wrong_password` when wrong, " +
        "counted by the login guard: 429).",
    }),
  })
  .strict()
  .refine((body) => Object.keys(body).length > 0, "send at least one field")
  .openapi("AccountUpdate");

const VoiceHistorySchema = z
  .object({
    room_name: z.string(),
    agent_type: z.string(),
    mode: z.string(),
    status: z.enum(["created", "active", "ended"]),
    created_at: z.string(),
    started_at: z.string().nullable(),
    ended_at: z.string().nullable(),
    duration_seconds: z.number().int().nullable(),
  })
  .openapi("VoiceSessionHistory");

const VoiceCallExportSchema = z
  .object({
    room_name: z.string(),
    status: z.enum(["active", "ended"]),
    mode: z.string(),
    coaches: z.array(z.string()),
    created_at: z.string(),
    ended_at: z.string().nullable(),
    duration_seconds: z.number().int().nullable(),
    summary: z.string().nullable(),
    transcript: z.array(
      z.object({
        role: z.string(),
        agent_type: z.string(),
        text: z.string(),
        spoken_at: z.string(),
      }),
    ),
  })
  .openapi("VoiceCallExport");

const ProgramJobExportSchema = JobSchema.extend({
  request: z
    .object({ overrides: z.record(z.string(), z.unknown()), activate: z.boolean() })
    .openapi({ description: "what was asked: the generate request's overrides of the profile" }),
}).openapi("ProgramJobExport");

export const AccountExportSchema = z
  .object({
    format: z.literal(EXPORT_FORMAT),
    exported_at: z.string(),
    account: UserSchema,
    // null before onboarding is complete. A union, not .nullable(): a nullable of a named
    // schema keeps its name, so every Profile in the document would become nullable.
    profile: z.union([ProfileSchema, z.null()]),
    onboarding: OnboardingStateSchema,
    reminders: ReminderPrefsSchema,
    programs: z.array(ProgramSchema).openapi({ description: "every program, whole, oldest last" }),
    program_jobs: z
      .array(ProgramJobExportSchema)
      .openapi({ description: "every program generation asked for, oldest first" }),
    workout_sessions: z.array(SessionSchema),
    workout_sets: z.array(SetSchema).openapi({ description: "every set, oldest first" }),
    meal_logs: z.array(MealLogSchema),
    body_weights: z.array(BodyWeightSchema),
    notifications: z.array(NotificationSchema),
    devices: z.array(DeviceSchema).openapi({ description: "push tokens masked" }),
    conversations: z.array(ConversationDetail).openapi({ description: "chat, with every message" }),
    voice_sessions: z.array(VoiceHistorySchema),
    voice_calls: z.array(VoiceCallExportSchema).openapi({
      description: "live calls, then ended ones latest first, with summary and kept transcript",
    }),
  })
  .openapi("AccountExport", {
    description: `Everything held about the user (format ${EXPORT_FORMAT}), streamed as one JSON document.`,
  });
