import { z } from "@hono/zod-openapi";
import { AGENT_TYPES } from "../../engine/personas/agent-types";
import { pageOf, pageQuery } from "./common.schemas";

export const CreateSessionBody = z
  .object({
    agent_type: z.enum(AGENT_TYPES),
    mode: z.enum(["voice", "text"]).default("voice"),
  })
  .strict()
  .openapi("VoiceSessionCreate", { example: { agent_type: "workout", mode: "voice" } });

export const CreatedSessionSchema = z
  .object({
    room_name: z.string(),
    token: z.string().openapi({ description: "LiveKit participant token for this room only, 6 h" }),
    livekit_url: z.string(),
    agent_type: z.enum(AGENT_TYPES),
    mode: z.enum(["voice", "text"]),
    expires_at: z.string(),
  })
  .openapi("VoiceSession", {
    example: {
      room_name: "fitness-voice-0b7e7a9e-5a0e-4a4f-9a51-7d9c1f0d4b11-3fa9c2e1b7d4",
      token: "eyJhbGciOiJIUzI1NiJ9...",
      livekit_url: "wss://my-project.livekit.cloud",
      agent_type: "workout",
      mode: "voice",
      expires_at: "2026-11-23T15:00:00.000Z",
    },
  });

export const VoiceSessionItemSchema = z
  .object({
    room_name: z.string(),
    agent_type: z.enum(AGENT_TYPES).openapi({ description: "The coach speaking now, or last." }),
    mode: z.enum(["voice", "text"]),
    num_participants: z.number().int().openapi({ description: "0 once the call ended." }),
    created_at: z.string(),
    status: z.enum(["active", "ended"]),
    ended_at: z.string().nullable(),
    duration_seconds: z
      .number()
      .int()
      .nullable()
      .openapi({ description: "From the room's creation to its end; null while live." }),
    coaches: z
      .array(z.enum(AGENT_TYPES))
      .openapi({ description: "Every coach that spoke in the call, in order." }),
    summary: z.string().nullable().openapi({
      description: "Who coached, what the user said, the tools used; null while live.",
    }),
  })
  .openapi("VoiceSessionListItem");

export const VoiceSessionListSchema = pageOf(VoiceSessionItemSchema, "VoiceSessionList");

export const VoiceListQuery = z
  .object({
    ...pageQuery,
    status: z
      .enum(["active", "ended"])
      .optional()
      .openapi({ description: "Only live calls, or only ended ones; both when left out." }),
  })
  .strict();

export const TranscriptSchema = z
  .object({
    room_name: z.string(),
    status: z.enum(["active", "ended"]),
    transcript_kept: z.boolean().openapi({
      description:
        "false once the call is older than the last VOICE_TRANSCRIPTS_KEPT calls: its summary stays in the list, its turns are gone.",
    }),
    items: z.array(
      z.object({
        role: z.enum(["user", "coach", "tool"]).openapi({
          description: "`tool`: the coach ran the tool named in `text`.",
        }),
        agent_type: z.enum(AGENT_TYPES),
        text: z.string(),
        spoken_at: z.string(),
      }),
    ),
  })
  .openapi("VoiceTranscript");

export const SessionStatusSchema = z
  .object({
    room_name: z.string(),
    agent_type: z.enum(AGENT_TYPES).openapi({ description: "The coach speaking now." }),
    active: z.boolean(),
    num_participants: z.number().int(),
    agent_connected: z.boolean(),
    created_at: z.string(),
  })
  .openapi("VoiceSessionStatus");

export const RoomParam = z.object({
  room_name: z
    .string()
    .max(200)
    .openapi({ param: { name: "room_name", in: "path" } }),
});
