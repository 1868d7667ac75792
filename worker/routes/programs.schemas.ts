import { z } from "@hono/zod-openapi";
import { programWeekSchema } from "../../engine/coaching/program-schema";
import {
  bodyAreaSchema,
  equipmentSchema,
  goalSchema,
  levelSchema,
  locationSchema,
} from "../../engine/coaching/vocabulary";
import { programNoteSchema } from "../../engine/lifter/volume-notes";
import { weekdaySchema } from "../../kernel/dates";
import { pageOf, pageQuery } from "./common.schemas";
import { JOB } from "./examples";

export const GenerateBody = z
  .object({
    goal: goalSchema.optional(),
    fitness_level: levelSchema.optional(),
    days_per_week: z.number().int().min(2).max(6).optional(),
    session_minutes: z.number().int().min(20).max(120).optional(),
    duration_weeks: z
      .number()
      .int()
      .min(4)
      .max(16)
      .optional()
      .openapi({ description: "default 8" }),
    equipment: z.array(equipmentSchema).max(30).optional(),
    location: locationSchema.optional(),
    injuries: z.array(bodyAreaSchema).max(8).optional(),
    preferred_weekdays: z.array(weekdaySchema).max(7).optional(),
    seed: z.union([z.string().max(200), z.number().int()]).optional(),
    activate: z
      .boolean()
      .default(true)
      .openapi({ description: "make it the current program when done" }),
  })
  .strict()
  .openapi("GenerateProgramRequest", { example: { duration_weeks: 12, days_per_week: 4 } });

export const JobSchema = z
  .object({
    job_id: z.string(),
    status: z.enum(["pending", "in_progress", "completed", "failed"]),
    progress: z.number().int().min(0).max(100),
    stage: z.enum(["queued", "validate", "build", "personalise", "store", "complete"]),
    created_at: z.string(),
    started_at: z.string().nullable(),
    completed_at: z.string().nullable(),
    program_id: z.string().nullable(),
    error_message: z.string().nullable(),
  })
  .openapi("ProgramJob", { example: JOB });

export const AcceptedSchema = z
  .object({ job_id: z.string(), status: JobSchema.shape.status, message: z.string() })
  .openapi("ProgramJobAccepted");

export const ProgramSummarySchema = z
  .object({
    id: z.string(),
    job_id: z.string(),
    name: z.string(),
    description: z.string(),
    goal: goalSchema,
    fitness_level: levelSchema,
    duration_weeks: z.number().int(),
    days_per_week: z.number().int(),
    is_active: z.boolean(),
    starts_on: z.string().nullable(),
    created_at: z.string(),
    activated_at: z.string().nullable(),
    personalisation: z
      .object({
        applied: z.boolean(),
        reason: z.enum(["timeout", "refusal", "invalid_output", "error", "no_api_key"]).optional(),
        detail: z.string().optional(),
        model: z.string().optional(),
        coach_notes: z.array(z.string()).optional(),
        swaps_applied: z
          .array(
            z.object({
              from_exercise_id: z.string(),
              to_exercise_id: z.string(),
              reason: z.string(),
            }),
          )
          .optional(),
        swaps_rejected: z
          .array(
            z.object({ from_exercise_id: z.string(), to_exercise_id: z.string(), why: z.string() }),
          )
          .optional(),
        usage: z.object({ input_tokens: z.number(), output_tokens: z.number() }).optional(),
      })
      .nullable()
      .openapi({ description: "Whether Claude personalised the program, and how (or why not)." }),
  })
  .openapi("ProgramSummary");

export const ProgramSchema = ProgramSummarySchema.extend({
  weeks: z.array(programWeekSchema),
  notes: z.array(programNoteSchema).openapi({
    description:
      "What the program could not give, and why: `volume_limited_by_minutes` names the major " +
      "muscles the session length keeps under the level's weekly minimum and the minutes that " +
      "would reach it.",
  }),
}).openapi("Program");

export const ProgramListSchema = pageOf(ProgramSummarySchema, "ProgramList");

export const ProgramListQuery = z.object(pageQuery).strict();

export const JobIdParam = z.object({
  job_id: z
    .string()
    .max(100)
    .openapi({ param: { name: "job_id", in: "path" } }),
});
export const ProgramIdParam = z.object({
  program_id: z
    .string()
    .max(100)
    .openapi({ param: { name: "program_id", in: "path" } }),
});

export const IdempotencyHeader = z.object({
  "idempotency-key": z
    .string()
    .min(1)
    .max(200)
    .optional()
    .openapi({ description: "The same key returns the same job." }),
});
