import { z } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
import { actorFor } from "../actor";
import type { AppEnv } from "../app-env";
import {
  signRealtimeTicket,
  TICKET_TTL_SECONDS,
  verifyRealtimeTicket,
} from "../auth/realtime-tickets";
import { ApiError, unauthorized } from "../errors";
import { requireUser } from "../middleware/auth";
import { upgraded } from "../responses";
import { bearerSecurity, jsonResponse } from "./common.schemas";
import { defineRoute } from "./define-route";
import { JOB } from "./examples";
import { RealtimeMessageSchema } from "./realtime.schemas";
import { routeGroup } from "./route-group";

const ticketRoute = defineRoute({
  method: "post",
  path: "/ticket",
  operationId: "createRealtimeTicket",
  tags: ["realtime"],
  summary: "A short-lived ticket for opening /v1/realtime from a browser",
  description:
    "Browsers cannot set headers on a WebSocket: open `/v1/realtime?ticket=...` with this " +
    "ticket within `expires_in` seconds instead. A ticket opens one socket.",
  security: bearerSecurity,
  middleware: [requireUser()] as const,
  responses: {
    200: jsonResponse(
      z.object({ ticket: z.string(), expires_in: z.number().int() }).openapi("RealtimeTicket"),
      "Use as /v1/realtime?ticket=... within expires_in seconds.",
      { ticket: "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIwYjdlIn0.c2ln", expires_in: 60 },
    ),
  },
});

/** Bearer header (apps) or ?ticket= (browsers), both naming the user. */
function requireUserOrTicket(): MiddlewareHandler<AppEnv> {
  const bearer = requireUser();
  return async function requireUserOrTicketMiddleware(c, next) {
    const ticket = c.req.query("ticket");
    if (!ticket) return bearer(c, next);
    const verified = await verifyRealtimeTicket(c.get("config"), ticket);
    if (!verified) throw unauthorized("The ticket is invalid or expired.");
    const { userId, ticketId, expiresAt } = verified;
    if (!(await actorFor(c.env, userId).realtime.claimTicket(ticketId, expiresAt)))
      throw unauthorized("The ticket was already used; ask for a new one.");
    c.set("userId", userId);
    return next();
  };
}

const socketRoute = defineRoute({
  method: "get",
  path: "/",
  operationId: "openRealtimeSocket",
  tags: ["realtime"],
  summary: "WebSocket of the user's live events",
  description:
    "Upgrade with `Authorization: Bearer <access token>` or `?ticket=` from /v1/realtime/ticket. " +
    "Every message is JSON `{type, data, at}`, one of RealtimeMessage: `hello`, `job.progress`, " +
    "`job.completed`, `job.failed`, `profile.updated`, `program.activated`, `notification`, " +
    "`voice.coach_changed`. Send the text `ping` to get `pong`. A user keeps at most " +
    "REALTIME_SOCKETS_PER_USER (10) sockets: opening one more closes the oldest with code " +
    "4009 `socket_limit`.",
  security: bearerSecurity,
  middleware: [requireUserOrTicket()] as const,
  request: { query: z.object({ ticket: z.string().max(2000).optional() }).strict() },
  responses: {
    101: {
      description: "Switching protocols: the socket is open; its messages are RealtimeMessage.",
      content: {
        "application/json": {
          schema: RealtimeMessageSchema,
          example: {
            type: "job.progress",
            data: JOB,
            at: "2026-11-23T09:00:00.020Z",
          },
        },
      },
    },
  },
  errors: { 426: ["upgrade_required"] },
});

export const realtimeRoutes = routeGroup()
  .openapi(ticketRoute, async (c) => {
    const ticket = await signRealtimeTicket(c.get("config"), c.get("userId"));
    return c.json({ ticket, expires_in: TICKET_TTL_SECONDS }, 200);
  })
  .openapi(socketRoute, async (c) => {
    if (c.req.header("upgrade")?.toLowerCase() !== "websocket")
      throw new ApiError("upgrade_required", "Open this URL as a WebSocket.");
    // The actor accepts the socket; it learns the (authenticated) user from this header only.
    const headers = new Headers({ upgrade: "websocket", "x-actor-user-id": c.get("userId") });
    const stub = c.env.USER_ACTOR.getByName(c.get("userId"));
    return upgraded(
      (await stub.fetch("https://actor/realtime", { headers })) as unknown as Response,
    );
  });
