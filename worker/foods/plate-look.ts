import Anthropic from "@anthropic-ai/sdk";
import { z } from "zod";
import {
  draftFromReport,
  PLATE_PROMPT,
  PLATE_TOOL_DESCRIPTION,
  PLATE_TOOL_NAME,
  type PlateDraft,
  plateReportSchema,
} from "../../engine/foods/plate-photo";
import type { Config } from "../../kernel/config";
import { toBase64 } from "../../kernel/encoding";
import type { FoodLookup } from "./food-lookup";

// A photo of a plate, looked at by Claude: the image as a base64 block of a user turn and a
// forced `report_plate` tool call (foods and grams seen, each with a confidence), then each
// food matched by name to a known one (built-in, cached, or FDC's answer) into a draft meal.
// The draft is only a proposal: nothing is logged until the user confirms it.

/** Images the Messages API takes as they are (HEIC is converted to JPEG by the app). */
export const PHOTO_TYPES = { "image/jpeg": "jpg", "image/png": "png" } as const;
export type PhotoType = keyof typeof PHOTO_TYPES;
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;
/** Candidate foods matched against each name the model saw. */
const CANDIDATES = 20;

/** The type the bytes really are (their magic number), whatever the request said. */
export function sniffPhotoType(bytes: Uint8Array): PhotoType | null {
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "image/jpeg";
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (png.every((byte, i) => bytes[i] === byte)) return "image/png";
  return null;
}

export type PlateLook =
  | { ok: true; draft: PlateDraft; tokens: number }
  | { ok: false; tokens: number; reason: "timeout" | "error" | "unreadable" };

export async function lookAtPlate(
  config: Config,
  photo: { bytes: Uint8Array; type: PhotoType },
  lookup: FoodLookup,
): Promise<PlateLook> {
  const client = new Anthropic({
    apiKey: config.ANTHROPIC_API_KEY,
    baseURL: config.ANTHROPIC_BASE_URL,
    timeout: config.CHAT_TIMEOUT_MS,
    maxRetries: 1,
  });
  let reply: Anthropic.Message;
  try {
    reply = await client.messages.create({
      model: config.ANTHROPIC_MODEL,
      max_tokens: 1024,
      tools: [
        {
          name: PLATE_TOOL_NAME,
          description: PLATE_TOOL_DESCRIPTION,
          input_schema: z.toJSONSchema(plateReportSchema) as Anthropic.Tool.InputSchema,
        },
      ],
      tool_choice: { type: "tool", name: PLATE_TOOL_NAME },
      messages: [
        {
          role: "user",
          content: [
            {
              type: "image",
              source: { type: "base64", media_type: photo.type, data: toBase64(photo.bytes) },
            },
            { type: "text", text: PLATE_PROMPT },
          ],
        },
      ],
    });
  } catch (error) {
    const timeout = error instanceof Anthropic.APIConnectionTimeoutError;
    return { ok: false, tokens: 0, reason: timeout ? "timeout" : "error" };
  }
  const tokens = reply.usage.input_tokens + reply.usage.output_tokens;
  const call = reply.content.find((block) => block.type === "tool_use");
  const report = plateReportSchema.safeParse(call?.input);
  if (!report.success) return { ok: false, tokens, reason: "unreadable" };
  const candidates = new Map<string, Awaited<ReturnType<FoodLookup["search"]>>["foods"]>();
  for (const seen of report.data.items) {
    if (!candidates.has(seen.name))
      candidates.set(seen.name, (await lookup.search(seen.name)).foods.slice(0, CANDIDATES));
  }
  const draft = draftFromReport(report.data, (name) => candidates.get(name) ?? []);
  return { ok: true, draft, tokens };
}
