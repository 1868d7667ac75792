import { createRoute } from "@hono/zod-openapi";
import { database } from "../db/client";
import { findExercise, listExercises } from "../db/exercises";
import { notFound } from "../errors";
import { requireUser } from "../middleware/auth";
import { bearerSecurity, errorResponses, jsonResponse } from "./common.schemas";
import {
  ExerciseIdParam,
  ExerciseListQuery,
  ExerciseListSchema,
  ExerciseSchema,
} from "./exercises.schemas";
import { routeGroup } from "./route-group";

const listRoute = createRoute({
  method: "get",
  path: "/v1/exercises",
  tags: ["exercises"],
  summary: "Search the exercise catalog",
  description: "Filters combine with AND. Pages follow `next_cursor` until it is null.",
  security: bearerSecurity,
  middleware: [requireUser()] as const,
  request: { query: ExerciseListQuery },
  responses: {
    200: jsonResponse(ExerciseListSchema, "A page of exercises, in id order."),
    ...errorResponses(401, 422, 500),
  },
});

const getRoute = createRoute({
  method: "get",
  path: "/v1/exercises/{id}",
  tags: ["exercises"],
  summary: "One exercise",
  security: bearerSecurity,
  middleware: [requireUser()] as const,
  request: { params: ExerciseIdParam },
  responses: {
    200: jsonResponse(ExerciseSchema, "The exercise."),
    ...errorResponses(401, 404, 500),
  },
});

export const exerciseRoutes = routeGroup()
  .openapi(listRoute, async (c) => {
    const { cursor, limit, ...filters } = c.req.valid("query");
    const page = await listExercises(database(c.env.DB), filters, { after: cursor, limit });
    return c.json({ items: page.items, next_cursor: page.nextCursor }, 200);
  })
  .openapi(getRoute, async (c) => {
    const exercise = await findExercise(database(c.env.DB), c.req.valid("param").id);
    if (!exercise) throw notFound("No exercise with this id.", "exercise_not_found");
    return c.json(exercise, 200);
  });
