import { userActor } from "../actor";
import { requireUser } from "../middleware/auth";
import { bearerSecurity, jsonResponse, pageOf } from "./common.schemas";
import { defineRoute } from "./define-route";
import {
  HEALTH_CONNECT_UPLOAD,
  HEALTH_DAY,
  HEALTHKIT_UPLOAD,
  READINESS,
  UPLOAD_RESULT,
} from "./health-data.examples";
import {
  HealthDaySchema,
  HealthDaysQuery,
  HealthSampleSchema,
  HealthUploadBody,
  HealthUploadResultSchema,
  ReadinessQuery,
  ReadinessSchema,
} from "./health-data.schemas";
import { parseCursor } from "./pagination";
import { routeGroup } from "./route-group";

// /v1/health: what the phone reads from Apple Health (HealthKit) or Health Connect, uploaded
// in batches; the local days it sums to; today's readiness. docs/health.md.

const secured = {
  tags: ["health-data"] as ["health-data"],
  security: bearerSecurity,
  middleware: [requireUser()],
};

const routes = {
  upload: defineRoute({
    method: "post",
    path: "/samples",
    operationId: "uploadHealthSamples",
    summary: "Upload health samples and deletions from HealthKit or Health Connect",
    description:
      "At most 1,000 samples and 1,000 deleted ids a call (body up to 1 MiB). A sample is " +
      "keyed by the platform's own id (HealthKit UUID, Health Connect metadata.id): uploading " +
      "it again updates it, never doubles it; of two edits the later `modified_at` wins; a " +
      "deleted id is never stored again. Units are normalised (kg, kcal, bpm, ms, %). Each " +
      "sample is checked alone: one with a future time, an unknown unit or an impossible value " +
      "is answered `rejected` with the field, and the rest of the batch is stored. The answer " +
      "lists the local dates summed again.",
    ...secured,
    request: {
      body: {
        required: true,
        content: {
          "application/json": {
            schema: HealthUploadBody,
            examples: {
              healthkit: { summary: "Apple Health (HealthKit)", value: HEALTHKIT_UPLOAD },
              health_connect: { summary: "Health Connect", value: HEALTH_CONNECT_UPLOAD },
            },
          },
        },
      },
    },
    responses: {
      200: jsonResponse(HealthUploadResultSchema, "Applied; one result a sample.", UPLOAD_RESULT),
    },
    errors: { 413: ["payload_too_large"] },
  }),
  days: defineRoute({
    method: "get",
    path: "/daily",
    operationId: "listHealthDays",
    summary: "Daily health figures and readiness in a local date range, oldest first",
    description:
      "One item per local date (the profile's timezone) that has data: steps, active energy, " +
      "last night's sleep, resting heart rate, HRV, workouts recorded outside this app, and " +
      "the day's readiness against the 28 days before it. Defaults: the last 28 days.",
    ...secured,
    request: { query: HealthDaysQuery },
    responses: {
      200: jsonResponse(pageOf(HealthDaySchema, "HealthDayList"), "A page of days.", {
        items: [HEALTH_DAY],
        next_cursor: null,
      }),
    },
  }),
  readiness: defineRoute({
    method: "get",
    path: "/readiness",
    operationId: "getReadiness",
    summary: "Readiness for a day, its factors and the 28-day baselines",
    description:
      "The score (0-100), its level and the reason, from last night's sleep, HRV and resting " +
      "heart rate against their 28-day baselines and yesterday's load (docs/coaching.md). " +
      "`readiness` is null when there is no data to judge on.",
    ...secured,
    request: { query: ReadinessQuery },
    responses: { 200: jsonResponse(ReadinessSchema, "Readiness and baselines.", READINESS) },
  }),
};

export const healthDataRoutes = routeGroup()
  .openapi(routes.upload, async (c) => {
    const result = await userActor(c).health.upload(c.req.valid("json"));
    return c.json(result, 200);
  })
  .openapi(routes.days, async (c) => {
    const { cursor, ...query } = c.req.valid("query");
    const page = await userActor(c).health.days({ ...query, after: parseCursor(cursor) });
    return c.json(page, 200);
  })
  .openapi(routes.readiness, async (c) => {
    const { date } = c.req.valid("query");
    return c.json(await userActor(c).health.readiness(date), 200);
  });

healthDataRoutes.openAPIRegistry.register("HealthSample", HealthSampleSchema);
