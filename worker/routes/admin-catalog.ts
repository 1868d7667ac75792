import { database } from "../../d1/client";
import {
  type CatalogEntry,
  findCatalogEntry,
  insertExercise,
  replaceExercise,
  retireExercise,
} from "../../d1/exercises";
import { exerciseSchema } from "../../engine/coaching/exercise";
import { fieldErrors } from "../../kernel/field-errors";
import { audit } from "../admin/audit";
import { conflict, notFound, validationFailed } from "../errors";
import { requireAdmin } from "../middleware/admin";
import {
  AdminExerciseSchema,
  ExerciseIdParam,
  ExerciseInputSchema,
  ExercisePatchSchema,
  OptionalReasonBody,
} from "./admin.schemas";
import { bearerSecurity, jsonBody, jsonResponse } from "./common.schemas";
import { defineRoute } from "./define-route";
import { EXERCISE } from "./examples";
import { routeGroup } from "./route-group";

// The shared exercise catalog in D1. The app reads it from D1 on every request (GET
// /v1/exercises keeps no cache, in the isolate or at the edge), so a change shows at once.
// Programs are built from the catalog compiled into the Worker (engine/coaching/catalog.ts);
// what operators change here is what the app lists and reads.
// Logging and progress in the users' actors read an isolate-wide copy instead
// (durable-objects/tracking/exercise-catalog.ts): an added exercise can be logged at once (a miss is
// looked up in D1), an edit of muscles or mechanic reaches hard sets and main lifts within
// CATALOG_TTL_MS (5 minutes) per isolate.

const adminOnly = requireAdmin();

/** An exercise as an operator writes it: where it came from is not theirs to say. */
function withoutSource<T extends { source: unknown; source_id: unknown }>(exercise: T) {
  const { source: _source, source_id: _sourceId, ...rest } = exercise;
  return rest;
}
const ADMIN_EXERCISE = {
  ...EXERCISE,
  id: "landmine-press",
  name: "Landmine Press",
  source: "operator" as const,
  retired_at: null,
};

const addRoute = defineRoute({
  method: "post",
  path: "/",
  operationId: "adminAddExercise",
  tags: ["admin-catalog"],
  summary: "Add an exercise",
  description: "A new catalog entry (source `operator`); its id is permanent.",
  security: bearerSecurity,
  middleware: [adminOnly] as const,
  request: {
    body: jsonBody(ExerciseInputSchema, {
      ...withoutSource(EXERCISE),
      id: "landmine-press",
      name: "Landmine Press",
    }),
  },
  responses: { 201: jsonResponse(AdminExerciseSchema, "The exercise.", ADMIN_EXERCISE) },
  errors: { 403: ["forbidden"], 409: ["exercise_exists"] },
});

const editRoute = defineRoute({
  method: "patch",
  path: "/{id}",
  operationId: "adminEditExercise",
  tags: ["admin-catalog"],
  summary: "Edit an exercise",
  description: "Changes the given fields; the result must still be a valid exercise.",
  security: bearerSecurity,
  middleware: [adminOnly] as const,
  request: {
    params: ExerciseIdParam,
    body: jsonBody(ExercisePatchSchema, { name: "Half-Kneeling Landmine Press" }),
  },
  responses: { 200: jsonResponse(AdminExerciseSchema, "The exercise.", ADMIN_EXERCISE) },
  errors: { 403: ["forbidden"], 404: ["exercise_not_found"] },
});

const retireRoute = defineRoute({
  method: "post",
  path: "/{id}/retire",
  operationId: "adminRetireExercise",
  tags: ["admin-catalog"],
  summary: "Retire an exercise",
  description:
    "Hidden from GET /v1/exercises from now on; GET /v1/exercises/{id} still answers, so " +
    "programs and logs that name it keep resolving. Idempotent.",
  security: bearerSecurity,
  middleware: [adminOnly] as const,
  request: {
    params: ExerciseIdParam,
    body: jsonBody(OptionalReasonBody, { reason: "Duplicate of landmine-press" }),
  },
  responses: {
    200: jsonResponse(AdminExerciseSchema, "The exercise, retired.", {
      ...ADMIN_EXERCISE,
      retired_at: "2026-11-23T09:00:00.000Z",
    }),
  },
  errors: { 403: ["forbidden"], 404: ["exercise_not_found"] },
});

const present = (entry: CatalogEntry) => ({ ...entry.exercise, retired_at: entry.retiredAt });

async function entryOf(db: ReturnType<typeof database>, id: string): Promise<CatalogEntry> {
  const entry = await findCatalogEntry(db, id);
  if (!entry) throw notFound("No exercise with this id.", "exercise_not_found");
  return entry;
}

export const adminCatalogRoutes = routeGroup()
  .openapi(addRoute, async (c) => {
    const exercise = { ...c.req.valid("json"), source: "operator" as const, source_id: null };
    const db = database(c.env.DB);
    if ((await insertExercise(db, exercise)) === "exists")
      throw conflict("exercise_exists", "An exercise with this id already exists.");
    await audit(c, { action: "catalog.add", target: exercise.id });
    return c.json(present(await entryOf(db, exercise.id)), 201);
  })
  .openapi(editRoute, async (c) => {
    const { id } = c.req.valid("param");
    const db = database(c.env.DB);
    const current = await entryOf(db, id);
    // Each field is valid on its own; together they must still make an exercise.
    const merged = exerciseSchema.safeParse({ ...current.exercise, ...c.req.valid("json") });
    if (!merged.success) throw validationFailed(fieldErrors(merged.error.issues));
    await replaceExercise(db, merged.data);
    await audit(c, { action: "catalog.edit", target: id });
    return c.json(present(await entryOf(db, id)), 200);
  })
  .openapi(retireRoute, async (c) => {
    const { id } = c.req.valid("param");
    const db = database(c.env.DB);
    await entryOf(db, id);
    await retireExercise(db, id);
    await audit(c, { action: "catalog.retire", target: id, reason: c.req.valid("json").reason });
    return c.json(present(await entryOf(db, id)), 200);
  });
