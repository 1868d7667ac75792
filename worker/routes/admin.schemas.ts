import { z } from "@hono/zod-openapi";
import { exerciseSchema } from "../../engine/coaching/exercise";
import { ExerciseSchema } from "./exercises.schemas";
import { JobSchema } from "./programs.schemas";

// The operators' API (/admin/*): what an operator sees of a user is the account and how much
// data it holds, never the data (no profile fields, weights, injuries or logs).

const ID = "0b7e7a9e-5a0e-4a4f-9a51-7d9c1f0d4b11";
const AT = "2026-11-23T09:00:00.000Z";

export const ReasonBody = z
  .object({
    reason: z
      .string()
      .trim()
      .min(3)
      .max(500)
      .openapi({ description: "Why (a support ticket, the user's request); kept in the audit." }),
  })
  .strict()
  .openapi("AdminReason", { example: { reason: "Ticket 4411: abusive chat messages" } });

export const OptionalReasonBody = z
  .object({ reason: ReasonBody.shape.reason.optional() })
  .strict()
  .openapi("AdminOptionalReason");

export const AdminUserSchema = z
  .object({
    id: z.string(),
    email: z.string().nullable(),
    role: z.enum(["user", "admin"]),
    account_status: z.enum(["active", "suspended", "deleted"]),
    email_verified: z.boolean(),
    onboarding_completed: z.boolean(),
    created_at: z.string(),
    deleted_at: z.string().nullable(),
  })
  .openapi("AdminUser");

const USER = {
  id: ID,
  email: "sam@example.com",
  role: "user" as const,
  account_status: "active" as const,
  email_verified: true,
  onboarding_completed: true,
  created_at: AT,
  deleted_at: null,
};

export const AdminUserDetailSchema = AdminUserSchema.extend({
  counts: z
    .object({
      programs: z.number().int(),
      workout_sessions: z.number().int(),
      workout_sets: z.number().int(),
      meal_logs: z.number().int(),
    })
    .openapi({ description: "How much the user has logged; never what." }),
  notifications: z
    .object({
      reminders: z.record(z.string(), z.number().int()).openapi({
        description:
          "reminder firings by outcome: `sent`, and `skipped:<reason>` (the reasons of SkippedReminder)",
      }),
      receipt_errors: z.record(z.string(), z.number().int()).openapi({
        description:
          "Expo receipt errors by code (MessageTooBig, InvalidCredentials, ...; `lost`: no " +
          "receipt within 24 hours); DeviceNotRegistered removes the device instead",
      }),
    })
    .openapi({ description: "What the user's reminders and pushes came to." }),
}).openapi("AdminUserDetail");

export const USER_DETAIL = {
  ...USER,
  counts: { programs: 2, workout_sessions: 14, workout_sets: 160, meal_logs: 41 },
  notifications: {
    reminders: { sent: 52, "skipped:meal_logged": 9, "skipped:session_completed": 3 },
    receipt_errors: { MessageTooBig: 1 },
  },
};

export const AdminUserListSchema = z
  .object({ items: z.array(AdminUserSchema) })
  .openapi("AdminUserList");
export const USER_LIST = { items: [USER] };

export const UserSearchQuery = z
  .object({
    q: z
      .string()
      .trim()
      .min(1)
      .max(254)
      .openapi({ description: "A user id, or the start of an email address." }),
    limit: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();

export const UserIdParam = z.object({
  id: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: "id", in: "path" }, example: ID }),
});

export const IssueIdParam = z.object({
  id: z
    .string()
    .min(1)
    .max(100)
    .openapi({
      param: { name: "id", in: "path" },
      example: "3f0c9a51-2b7e-4c1d-8e55-0a4b6d7c9e21",
    }),
});

export const IssueListQuery = z
  .object({ limit: z.coerce.number().int().min(1).max(100).default(50) })
  .strict();

export const FailedJobSchema = z
  .object({
    id: z.string().openapi({ description: "The issue's id (retry with it)." }),
    user_id: z.string(),
    job_id: z.string(),
    error_message: z.string(),
    failed_at: z.string(),
  })
  .openapi("FailedProgramJob");

export const FailedJobListSchema = z
  .object({ items: z.array(FailedJobSchema) })
  .openapi("FailedProgramJobList");
export const FAILED_JOB = {
  id: "3f0c9a51-2b7e-4c1d-8e55-0a4b6d7c9e21",
  user_id: ID,
  job_id: "job_4a1f0c2e9b7d4e11a0c3b5d7e9f1a2b3",
  error_message: "Could not save the program after 3 attempts. Please try again later.",
  failed_at: AT,
};

export const RetriedJobSchema = z
  .object({ retry_of: z.string(), job: JobSchema })
  .openapi("RetriedProgramJob");

export const ParkedScheduleSchema = z
  .object({
    id: z.string().openapi({ description: "The issue's id (retry or drop with it)." }),
    user_id: z.string(),
    key: z.string().openapi({ description: "The schedule's key in the user's actor." }),
    reason: z.string().openapi({ description: "The last attempt's error." }),
    parked_at: z.string(),
  })
  .openapi("ParkedSchedule");

export const ParkedScheduleListSchema = z
  .object({ items: z.array(ParkedScheduleSchema) })
  .openapi("ParkedScheduleList");
export const PARKED = {
  id: "3f0c9a51-2b7e-4c1d-8e55-0a4b6d7c9e21",
  user_id: ID,
  key: "push:reminder:checkin:1795430000000",
  reason: "expo push failed transiently (503)",
  parked_at: AT,
};

export const ScheduleActionSchema = z
  .object({ id: z.string(), key: z.string(), outcome: z.enum(["retried", "dropped"]) })
  .openapi("ParkedScheduleOutcome");

/** What an operator writes: every field of an exercise but where it came from. */
export const ExerciseInputSchema = exerciseSchema
  .omit({ source: true, source_id: true })
  .strict()
  .openapi("AdminExerciseInput");

export const ExercisePatchSchema = exerciseSchema
  .omit({ id: true, source: true, source_id: true })
  .partial()
  .strict()
  .openapi("AdminExercisePatch");

export const AdminExerciseSchema = ExerciseSchema.and(
  z.object({
    retired_at: z
      .string()
      .nullable()
      .openapi({ description: "Set once retired: hidden from search, still readable by id." }),
  }),
).openapi("AdminExercise");

export const ExerciseIdParam = z.object({
  id: z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name: "id", in: "path" }, example: "landmine-press" }),
});
