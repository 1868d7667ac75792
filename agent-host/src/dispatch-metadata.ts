import { z } from "zod";

// What the backend puts in a dispatch's metadata (worker/routes/voice.ts, createDispatch):
// everything about the user comes from the backend through the agent token.
export const dispatchMetadata = z.object({
  user_id: z.string(),
  agent_type: z.string(),
  mode: z.enum(["voice", "text"]).default("voice"),
  agent_token: z.string(),
  /** The user's profile.locale: the call's speech recognition and voice language. */
  locale: z.string().default("en"),
});
