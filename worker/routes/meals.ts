import { mealPhotoPrefix } from "../../engine/foods/plate-photo";
import { userActor } from "../actor";
import { ApiError, apiError, unwrap } from "../errors";
import { FoodLookup } from "../foods/food-lookup";
import { draftFoods, loggedFoods } from "../foods/meal-foods";
import { lookAtPlate, MAX_PHOTO_BYTES, PHOTO_TYPES, sniffPhotoType } from "../foods/plate-look";
import { requireUser } from "../middleware/auth";
import { bearerSecurity, DateRangeQuery, jsonBody, jsonResponse, pageOf } from "./common.schemas";
import { defineRoute } from "./define-route";
import { AT } from "./examples";
import { MealLogBody, MealLogSchema, MealPhotoDraftSchema } from "./meals.schemas";
import { parseCursor } from "./pagination";
import { routeGroup } from "./route-group";

// /v1/meals: meal logs.

const secured = {
  tags: ["tracking"] as ["tracking"],
  security: bearerSecurity,
  middleware: [requireUser()],
};

const FOOD = {
  name: "Chicken breast",
  grams: 150,
  calories: 248,
  protein_g: 46,
  fat_g: 5,
  carbs_g: 0,
};

const MEAL = {
  id: "meal_5d4c3b2a1f0e9d8c7b6a5f4e3d2c1b0a",
  client_id: null,
  meal: "lunch",
  logged_at: AT,
  local_date: "2026-11-23",
  foods: [FOOD],
  calories: 248,
  protein_g: 46,
  fat_g: 5,
  carbs_g: 0,
};

const routes = {
  addMeal: defineRoute({
    method: "post",
    path: "/logs",
    operationId: "logMeal",
    summary:
      "Log a meal: foods by id and amount, a plate-photo draft, free-form foods, or calories",
    description:
      "One of: `items` (foods from /v1/foods by id, in grams or servings: the macros are " +
      "computed from each food and kept on the log), `draft_id` (a plate photo's draft, " +
      "confirmed as it is or with `items` as edited; once per draft), `foods` (free-form, their " +
      "totals summed) or `calories` with optional macros. Idempotent by `client_id`.",
    ...secured,
    request: { body: jsonBody(MealLogBody, { meal: "lunch", foods: [FOOD] }) },
    responses: {
      201: jsonResponse(MealLogSchema, "Logged.", MEAL),
      200: jsonResponse(MealLogSchema, "Already stored under this client_id.", MEAL),
    },
    errors: {
      404: ["meal_draft_not_found"],
      429: ["provider_rate_limited"],
      502: ["provider_unavailable"],
    },
  }),
  photo: defineRoute({
    method: "post",
    path: "/photo",
    operationId: "draftMealFromPhoto",
    summary: "A draft meal from a photo of the plate",
    description:
      "The body is the image (JPEG or PNG, HEIC converted to JPEG by the app, up to 5 MB). It is " +
      "kept in R2 under the user for MEAL_PHOTO_KEEP_DAYS; Claude lists the foods and grams it " +
      "sees, each matched to a known food. The answer is a draft: nothing is logged until it is " +
      "confirmed with POST /v1/meals/logs `{draft_id}` (with `items` to change it). Costs one " +
      "of MEAL_PHOTOS_PER_DAY and its tokens come out of the chat budget; needs a verified " +
      "address.",
    ...secured,
    request: {
      body: {
        required: true,
        content: {
          "image/jpeg": { schema: { type: "string", format: "binary" }, example: "(JPEG bytes)" },
          "image/png": { schema: { type: "string", format: "binary" }, example: "(PNG bytes)" },
        },
      },
    },
    responses: {
      201: jsonResponse(MealPhotoDraftSchema, "The draft.", {
        id: "photo_0d1f2e3c4b5a69788796a5b4c3d2e1f0",
        photo_key: "meal-photos/0b7c.../photo_0d1f....jpg",
        created_at: AT,
        meal_log_id: null,
        items: [],
        unmatched: [],
        totals: { calories: 0, protein_g: 0, carbs_g: 0, fat_g: 0 },
      }),
    },
    errors: {
      403: ["email_not_verified"],
      413: ["payload_too_large"],
      415: ["unsupported_media_type"],
      429: ["meal_photos_exceeded", "chat_budget_exceeded"],
      502: ["llm_error"],
      503: ["llm_unavailable"],
      504: ["llm_timeout"],
    },
  }),
  listMeals: defineRoute({
    method: "get",
    path: "/logs",
    operationId: "listMealLogs",
    summary: "Meal logs in a date range (default: today), oldest first",
    description: "Without `from` and `to`, today's logs in the user's timezone.",
    ...secured,
    request: { query: DateRangeQuery },
    responses: {
      200: jsonResponse(pageOf(MealLogSchema, "MealLogList"), "A page of logs.", {
        items: [MEAL],
        next_cursor: null,
      }),
    },
  }),
};

export const mealRoutes = routeGroup()
  .openapi(routes.addMeal, async (c) => {
    const body = c.req.valid("json");
    const actor = userActor(c);
    const lookup = () => new FoodLookup(c.env, c.get("config"));
    const when = body.logged_at ? { loggedAt: body.logged_at } : {};
    if (body.draft_id !== undefined) {
      const foods = body.items
        ? await loggedFoods(lookup(), body.items)
        : draftFoods(unwrap(await actor.nutrition.draft(body.draft_id)).items);
      const confirmed = unwrap(
        await actor.nutrition.confirmDraft(body.draft_id, { meal: body.meal, ...when, foods }),
      );
      return c.json(confirmed.log, confirmed.created ? 201 : 200);
    }
    if (body.items) {
      const foods = await loggedFoods(lookup(), body.items);
      const logged = unwrap(
        await actor.tracking.logMeal({
          clientId: body.client_id ?? null,
          meal: body.meal,
          ...when,
          foods,
        }),
      );
      return c.json(logged.log, logged.created ? 201 : 200);
    }
    const result = await actor.tracking.logMeal({
      clientId: body.client_id ?? null,
      meal: body.meal,
      ...(body.logged_at ? { loggedAt: body.logged_at } : {}),
      foods: body.foods ?? null,
      totals: body,
    });
    if (!result.ok) throw apiError(result.error);
    return c.json(result.value.log, result.value.created ? 201 : 200);
  })
  .openapi(routes.photo, async (c) => {
    const config = c.get("config");
    if (!config.ANTHROPIC_API_KEY)
      throw new ApiError("llm_unavailable", "Plate photos are not available right now.");
    const bytes = await readPhoto(c.req.raw);
    const type = sniffPhotoType(bytes);
    if (!type || !c.req.header("content-type")?.toLowerCase().startsWith(type))
      throw new ApiError(
        "unsupported_media_type",
        "Send the photo as the body, with Content-Type image/jpeg or image/png matching its bytes.",
      );
    const actor = userActor(c);
    const { reservationId } = unwrap(await actor.nutrition.beginPhoto());
    const id = `photo_${crypto.randomUUID().replaceAll("-", "")}`;
    const key = `${mealPhotoPrefix(c.get("userId"))}${id}.${PHOTO_TYPES[type]}`;
    await c.env.MEAL_PHOTOS.put(key, bytes, { httpMetadata: { contentType: type } });
    const look = await lookAtPlate(config, { bytes, type }, new FoodLookup(c.env, config));
    if (!look.ok) {
      await actor.nutrition.finishPhoto(reservationId, look.tokens, null);
      await c.env.MEAL_PHOTOS.delete(key);
      throw look.reason === "timeout"
        ? new ApiError("llm_timeout", "The coach did not look at the photo in time.")
        : new ApiError("llm_error", "The coach could not read the photo.");
    }
    const draft = await actor.nutrition.finishPhoto(reservationId, look.tokens, {
      id,
      key,
      draft: look.draft,
    });
    return c.json(draft as NonNullable<typeof draft>, 201);
  })
  .openapi(routes.listMeals, async (c) => {
    const { cursor, ...query } = c.req.valid("query");
    // No range given: today (local, the actor knows it). A given range is used as is; either
    // end may be open.
    const page = await userActor(c).tracking.listMeals({ ...query, after: parseCursor(cursor) });
    return c.json(page, 200);
  });

/** The photo's bytes, read up to the limit (a chunked body is counted as it arrives). */
async function readPhoto(request: Request): Promise<Uint8Array> {
  const tooLarge = () => new ApiError("payload_too_large", "The photo is larger than 5 MB.");
  if (Number(request.headers.get("content-length") ?? 0) > MAX_PHOTO_BYTES) throw tooLarge();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body?.getReader();
  for (;;) {
    const next = await reader?.read();
    if (!next || next.done) break;
    size += next.value.byteLength;
    if (size > MAX_PHOTO_BYTES) {
      await reader?.cancel();
      throw tooLarge();
    }
    chunks.push(next.value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
