import { lbToKg } from "../../kernel/units";
import { userActor } from "../actor";
import { apiError } from "../errors";
import { requireUser } from "../middleware/auth";
import { BodyWeightBody, BodyWeightSchema } from "./body.schemas";
import { bearerSecurity, DateRangeQuery, jsonBody, jsonResponse, pageOf } from "./common.schemas";
import { defineRoute } from "./define-route";
import { AT } from "./examples";
import { parseCursor } from "./pagination";
import { routeGroup } from "./route-group";

// /v1/body: body weight and measurements.

const secured = {
  tags: ["tracking"] as ["tracking"],
  security: bearerSecurity,
  middleware: [requireUser()],
};

const WEIGHT = {
  id: "bw_0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d",
  client_id: null,
  weight_kg: 79.83,
  weight_lb: 176,
  measured_at: AT,
  local_date: "2026-11-23",
  measurements: { waist_cm: 84 },
  source: "manual" as const,
};

const routes = {
  addWeight: defineRoute({
    method: "post",
    path: "/weight",
    operationId: "logBodyWeight",
    summary: "Record body weight (kg or lb) and optional measurements",
    description:
      "Exactly one of `weight_kg` and `weight_lb`. Idempotent by `client_id`: the same id " +
      "answers 200 with the stored entry.",
    ...secured,
    request: { body: jsonBody(BodyWeightBody, { weight_lb: 176, measurements: { waist_cm: 84 } }) },
    responses: {
      201: jsonResponse(BodyWeightSchema, "Recorded.", WEIGHT),
      200: jsonResponse(BodyWeightSchema, "Already stored under this client_id.", WEIGHT),
    },
  }),
  listWeights: defineRoute({
    method: "get",
    path: "/weight",
    operationId: "listBodyWeights",
    summary: "Body weight entries in a date range, oldest first",
    description: "Both ends of the range are optional and inclusive (local dates).",
    ...secured,
    request: { query: DateRangeQuery },
    responses: {
      200: jsonResponse(pageOf(BodyWeightSchema, "BodyWeightList"), "A page of entries.", {
        items: [WEIGHT],
        next_cursor: null,
      }),
    },
  }),
};

export const bodyRoutes = routeGroup()
  .openapi(routes.addWeight, async (c) => {
    const body = c.req.valid("json");
    const result = await userActor(c).tracking.logBodyWeight({
      clientId: body.client_id ?? null,
      weightKg: body.weight_lb !== undefined ? lbToKg(body.weight_lb) : (body.weight_kg as number),
      ...(body.measured_at ? { measuredAt: body.measured_at } : {}),
      measurements: body.measurements ?? null,
    });
    if (!result.ok) throw apiError(result.error);
    return c.json(result.value.entry, result.value.created ? 201 : 200);
  })
  .openapi(routes.listWeights, async (c) => {
    const { cursor, ...query } = c.req.valid("query");
    const page = await userActor(c).tracking.listBodyWeights({
      ...query,
      after: parseCursor(cursor),
    });
    return c.json(page, 200);
  });
