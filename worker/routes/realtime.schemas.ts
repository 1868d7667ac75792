import { z } from "@hono/zod-openapi";
import { AGENT_TYPES } from "../../engine/personas/agent-types";
import { NotificationSchema } from "./notifications.schemas";
import { ProfileSchema } from "./profile.schemas";
import { JobSchema } from "./programs.schemas";

// The messages of the /v1/realtime WebSocket: JSON `{type, data, at}`, one schema per type.

const message = <T extends string, D extends z.ZodType>(type: T, data: D, description: string) =>
  z
    .object({
      type: z.literal(type),
      data,
      at: z.string().openapi({ description: "when the event happened (UTC)" }),
    })
    .openapi(`Realtime${type.replace(/(^|[._])(\w)/g, (_, __, c: string) => c.toUpperCase())}`, {
      description,
    });

export const RealtimeMessageSchema = z
  .union([
    message("hello", z.object({ tag: z.string() }), "Sent once when the socket opens."),
    message("job.progress", JobSchema, "A program job moved to its next stage."),
    message("job.completed", JobSchema, "A program job finished; `program_id` is set."),
    message("job.failed", JobSchema, "A program job failed; `error_message` says why."),
    message("profile.updated", ProfileSchema, "The profile changed (any device or a coach)."),
    message(
      "program.activated",
      z.object({ program_id: z.string(), starts_on: z.string().nullable() }),
      "A program became the active one.",
    ),
    message("notification", NotificationSchema, "A notification arrived in the inbox."),
    message(
      "voice.coach_changed",
      z.object({
        room_name: z.string(),
        agent_type: z.enum(AGENT_TYPES),
        previous_agent_type: z.string(),
        reason: z.string().nullable(),
      }),
      "A voice call was handed to another coach.",
    ),
  ])
  .openapi("RealtimeMessage", {
    description:
      "One message of the /v1/realtime socket. Text frames `ping` are answered with `pong`.",
  });
