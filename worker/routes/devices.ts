import { database } from "../../d1/client";
import { claimPushToken, releasePushToken } from "../../d1/push-tokens";
import { actorFor, userActor } from "../actor";
import { notFound } from "../errors";
import { requireUser } from "../middleware/auth";
import { bearerSecurity, jsonBody, jsonResponse } from "./common.schemas";
import { defineRoute } from "./define-route";
import { DeviceBody, DeviceListQuery, DeviceListSchema, DeviceSchema } from "./devices.schemas";
import { IdParam } from "./notifications.schemas";
import { parseCursor } from "./pagination";
import { routeGroup } from "./route-group";

// /v1/devices: push devices.

const secured = { security: bearerSecurity, middleware: [requireUser()] };

const DEVICE = {
  id: "dev_8f7e6d5c4b3a29180f7e6d5c4b3a2918",
  platform: "ios" as const,
  provider: "expo" as const,
  token: "Expone…xxx]",
  created_at: "2026-11-23T09:10:00.000Z",
  last_delivered_at: null,
  last_seen_at: "2026-11-30T07:42:00.000Z",
};

const routes = {
  addDevice: defineRoute({
    method: "post",
    path: "/",
    operationId: "registerDevice",
    tags: ["notifications"],
    summary: "Register a device for push (Expo or FCM)",
    description:
      "Apps register on every launch: a token already registered answers 200 with its device " +
      "and marks it seen. A user keeps at most MAX_DEVICES_PER_USER (10): a new one beyond " +
      "that replaces the device seen least recently. A token belongs to one account: " +
      "registered here, it leaves the account that had it (a phone that signs into another " +
      "account stops getting the first one's pushes). Tokens are masked in every answer.",
    ...secured,
    request: {
      body: jsonBody(DeviceBody, {
        platform: "ios",
        provider: "expo",
        token: "ExponentPushToken[xxxxxxxxxxxxxxxxxxxxxx]",
      }),
    },
    responses: {
      201: jsonResponse(DeviceSchema, "Registered.", DEVICE),
      200: jsonResponse(DeviceSchema, "Already registered.", DEVICE),
    },
  }),
  listDevices: defineRoute({
    method: "get",
    path: "/",
    operationId: "listDevices",
    tags: ["notifications"],
    summary: "The user's push devices (tokens masked)",
    description: "Oldest first.",
    ...secured,
    request: { query: DeviceListQuery },
    responses: {
      200: jsonResponse(DeviceListSchema, "A page of devices.", {
        items: [DEVICE],
        next_cursor: null,
      }),
    },
  }),
  removeDevice: defineRoute({
    method: "delete",
    path: "/{id}",
    operationId: "unregisterDevice",
    tags: ["notifications"],
    summary: "Unregister a device",
    description: "Nothing more is pushed to it.",
    ...secured,
    request: { params: IdParam },
    responses: { 204: { description: "Removed." } },
    errors: { 404: ["device_not_found"] },
  }),
};

export const deviceRoutes = routeGroup()
  .openapi(routes.addDevice, async (c) => {
    const body = c.req.valid("json");
    const { device, created } = await userActor(c).devices.register(body);
    // Registered first, then claimed: whichever of two accounts claims last keeps the token,
    // and its claim finds the other one, whose device goes.
    const previous = await claimPushToken(database(c.env.DB), body.token, c.get("userId"));
    if (previous) await actorFor(c.env, previous).operator.dropPushToken(body.token);
    return c.json(device, created ? 201 : 200);
  })
  .openapi(routes.listDevices, async (c) => {
    const { limit, cursor } = c.req.valid("query");
    return c.json(await userActor(c).devices.list({ limit, after: parseCursor(cursor) }), 200);
  })
  .openapi(routes.removeDevice, async (c) => {
    const token = await userActor(c).devices.remove(c.req.valid("param").id);
    if (token === null) throw notFound("No such device.", "device_not_found");
    await releasePushToken(database(c.env.DB), token, c.get("userId"));
    return c.body(null, 204);
  });
