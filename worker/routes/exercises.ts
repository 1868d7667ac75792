import { database } from "../../d1/client";
import { findExercise, listExercises } from "../../d1/exercises";
import { notFound } from "../errors";
import { requireUser } from "../middleware/auth";
import { bearerSecurity, jsonResponse } from "./common.schemas";
import { defineRoute } from "./define-route";
import { EXERCISE } from "./examples";
import {
  ExerciseIdParam,
  ExerciseListQuery,
  ExerciseListSchema,
  ExerciseSchema,
} from "./exercises.schemas";
import { routeGroup } from "./route-group";

const listRoute = defineRoute({
  method: "get",
  path: "/",
  operationId: "listExercises",
  tags: ["exercises"],
  summary: "Search the exercise catalog",
  description:
    "Filters combine with AND; `q` matches text in the name. Pages are in id order; follow " +
    "`next_cursor` until it is null.",
  security: bearerSecurity,
  middleware: [requireUser()] as const,
  request: { query: ExerciseListQuery },
  responses: {
    200: jsonResponse(ExerciseListSchema, "A page of exercises, in id order.", {
      items: [EXERCISE],
      next_cursor: "barbell-back-squat",
    }),
  },
});

const getRoute = defineRoute({
  method: "get",
  path: "/{id}",
  operationId: "getExercise",
  tags: ["exercises"],
  summary: "One exercise",
  description: "One catalog entry with its muscles, equipment, cues and contraindications.",
  security: bearerSecurity,
  middleware: [requireUser()] as const,
  request: { params: ExerciseIdParam },
  responses: { 200: jsonResponse(ExerciseSchema, "The exercise.", EXERCISE) },
  errors: { 404: ["exercise_not_found"] },
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
