import { z } from "@hono/zod-openapi";
import { clientId, imperialOnly, isoTime } from "./common.schemas";

export const BodyWeightBody = z
  .object({
    client_id: clientId.optional(),
    weight_kg: z.number().min(20).max(400).optional(),
    weight_lb: z
      .number()
      .min(44)
      .max(880)
      .optional()
      .openapi({ description: "instead of weight_kg" }),
    measured_at: isoTime.optional(),
    measurements: z
      .object({
        body_fat_pct: z.number().min(2).max(70).optional(),
        waist_cm: z.number().min(30).max(250).optional(),
        hips_cm: z.number().min(30).max(250).optional(),
        chest_cm: z.number().min(30).max(250).optional(),
        arm_cm: z.number().min(10).max(100).optional(),
        thigh_cm: z.number().min(20).max(150).optional(),
      })
      .strict()
      .optional(),
  })
  .strict()
  .refine((b) => (b.weight_kg === undefined) !== (b.weight_lb === undefined), {
    message: "give exactly one of weight_kg or weight_lb",
    path: ["weight_kg"],
  })
  .openapi("BodyWeightCreate");

const measurements = z
  .object({
    body_fat_pct: z.number().optional(),
    waist_cm: z.number().optional(),
    hips_cm: z.number().optional(),
    chest_cm: z.number().optional(),
    arm_cm: z.number().optional(),
    thigh_cm: z.number().optional(),
  })
  .nullable();

export const BodyWeightSchema = z
  .object({
    id: z.string(),
    client_id: z.string().nullable(),
    weight_kg: z.number(),
    weight_lb: imperialOnly("weight_kg"),
    measured_at: z.string(),
    local_date: z.string(),
    measurements,
    source: z.enum(["manual", "healthkit", "health_connect"]).openapi({
      description:
        "Logged here, or read from Apple Health / Health Connect (a manual entry the same day wins).",
    }),
  })
  .openapi("BodyWeight");
