import { z } from "@hono/zod-openapi";
import type { Config } from "../../kernel/config";
import { jsonResponse } from "./common.schemas";
import { defineRoute } from "./define-route";
import { routeGroup } from "./route-group";

// Which optional parts this server has configured, so a client can say what is unavailable
// (and which variables would enable it) before anyone tries. Booleans and variable names
// only: never a value, a URL or a key.

const part = (description: string) =>
  z.object({
    configured: z.boolean().openapi({ description }),
    missing: z.array(z.string()).openapi({
      description: "The server variables still to set for this part (names only).",
      example: ["ANTHROPIC_API_KEY"],
    }),
  });

const CapabilitiesSchema = z
  .object({
    chat: part("Coach chat and program personalisation have a language model."),
    voice: part(
      "The API can create LiveKit rooms. A call also needs the LiveKit server reachable and " +
        "the agent host running (it holds the speech and model keys itself).",
    ).extend({
      livekit: z.enum(["local", "remote"]).openapi({
        description: "`local`: a LiveKit server on this machine (`livekit-server --dev`).",
      }),
    }),
    push: part("Push to phones: Expo needs nothing, FCM a service account.").extend({
      providers: z.array(z.enum(["expo", "fcm"])),
    }),
    email: part(
      "Account email (verification, password reset) is sent. Unset, each message is written " +
        "to the server's log (`email_not_sent_logged`) with its link.",
    ),
  })
  .openapi("Capabilities");

type Capabilities = z.infer<typeof CapabilitiesSchema>;

const unset = (config: Config, names: Array<keyof Config>) =>
  names.filter((name) => config[name] === undefined);

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

export function capabilitiesOf(config: Config): Capabilities {
  const chat = unset(config, ["ANTHROPIC_API_KEY"]);
  const fcm = unset(config, ["FCM_SERVICE_ACCOUNT"]);
  const email = unset(config, ["EMAIL_API_URL", "EMAIL_API_KEY"]);
  return {
    chat: { configured: chat.length === 0, missing: chat },
    // LiveKit's three variables are required: a server without them answers 503 everywhere.
    voice: {
      configured: true,
      missing: [],
      livekit: LOOPBACK.has(new URL(config.LIVEKIT_URL).hostname) ? "local" : "remote",
    },
    push: {
      configured: fcm.length === 0,
      missing: fcm,
      providers: fcm.length === 0 ? ["expo", "fcm"] : ["expo"],
    },
    email: { configured: email.length === 0, missing: email },
  };
}

const capabilitiesRoute = defineRoute({
  method: "get",
  path: "/",
  operationId: "getCapabilities",
  tags: ["capabilities"],
  summary: "Which optional parts this server has configured (public)",
  description:
    "Chat, voice, push and email, each with the names of the server variables still to set " +
    "(in `.dev.vars` locally, see `.dev.vars.example`; `wrangler secret put` when deployed). " +
    "Names only, never values.",
  responses: {
    200: jsonResponse(CapabilitiesSchema, "What is configured.", {
      chat: { configured: false, missing: ["ANTHROPIC_API_KEY"] },
      voice: { configured: true, missing: [], livekit: "local" },
      push: { configured: false, missing: ["FCM_SERVICE_ACCOUNT"], providers: ["expo"] },
      email: { configured: false, missing: ["EMAIL_API_URL", "EMAIL_API_KEY"] },
    }),
  },
});

export const capabilityRoutes = routeGroup().openapi(capabilitiesRoute, (c) =>
  c.json(capabilitiesOf(c.get("config")), 200),
);
