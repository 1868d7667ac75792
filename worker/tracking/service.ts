import type { Weekday } from "../coaching/vocabulary";
import type { Database } from "../db/client";
import type { LoggedFood, PlannedTargets } from "../db/schema";
import {
  addBodyWeight,
  addMealLog,
  addSet,
  createSession,
  deleteSet,
  exercisesExist,
  findSession,
  type SessionRow,
  type SetRow,
  updateSession,
  updateSet,
} from "../db/tracking";
import { fail, ok, type Result } from "../result";
import { localParts } from "../time/zoned";

// The rules of workout, body-weight and meal logging, in one place: the REST routes (in the
// Worker) and the coach tools (in the user's actor) both log through here, so a set logged by
// voice obeys exactly what a set logged by the app does. Writes go straight to D1; the actor
// only hears of what changes its cached facts (a planned session completed).

/** A day of the active program: "today" or a week and weekday. */
export type PlannedDayRef = "today" | { week: number; weekday: Weekday };

export interface PlannedDay {
  program_id: string;
  week: number;
  weekday: Weekday;
  targets: Record<string, PlannedTargets>;
}

/** What logging needs from the user's actor. */
export interface TrackingContext {
  db: Database;
  userId: string;
  /** The user's timezone (from the cached profile). */
  timezone(): Promise<string>;
  plannedDay(ref: PlannedDayRef): Promise<Result<PlannedDay>>;
  /** A planned session was completed: adherence in the cached coaching context changes. */
  sessionCompleted(): Promise<void>;
}

const nowIso = () => new Date().toISOString();

/** The user's local date of an instant (logs are grouped by the day the user lived them). */
async function localDateOf(context: TrackingContext, at: string): Promise<string> {
  return localParts(Date.parse(at), await context.timezone()).date;
}

export async function startSession(
  context: TrackingContext,
  input: {
    clientId: string | null;
    plannedDay: PlannedDayRef | null;
    startedAt?: string;
    notes?: string | null;
  },
): Promise<Result<{ session: SessionRow; created: boolean }>> {
  let plan: PlannedDay | null = null;
  if (input.plannedDay) {
    const resolved = await context.plannedDay(input.plannedDay);
    if (!resolved.ok) return resolved;
    plan = resolved.value;
  }
  const startedAt = input.startedAt ? new Date(input.startedAt).toISOString() : nowIso();
  return ok(
    await createSession(context.db, context.userId, {
      clientId: input.clientId,
      programId: plan?.program_id ?? null,
      plannedWeek: plan?.week ?? null,
      plannedWeekday: plan?.weekday ?? null,
      localDate: await localDateOf(context, startedAt),
      startedAt,
      notes: input.notes ?? null,
    }),
  );
}

/** Finishes a session (once) and/or changes its notes and perceived effort. */
export async function updateWorkoutSession(
  context: TrackingContext,
  sessionId: string,
  patch: { finish?: { at?: string }; notes?: string | null; perceivedEffort?: number },
): Promise<Result<SessionRow>> {
  const current = await findSession(context.db, context.userId, sessionId);
  if (!current) return sessionNotFound();
  const completing = patch.finish !== undefined && current.status !== "completed";
  const updated = await updateSession(context.db, context.userId, current.id, {
    ...(completing
      ? {
          status: "completed",
          finishedAt: patch.finish?.at ? new Date(patch.finish.at).toISOString() : nowIso(),
        }
      : {}),
    ...(patch.notes !== undefined ? { notes: patch.notes } : {}),
    ...(patch.perceivedEffort !== undefined ? { perceivedEffort: patch.perceivedEffort } : {}),
  });
  if (!updated) return sessionNotFound();
  if (completing && updated.programId) await context.sessionCompleted();
  return ok(updated);
}

export interface SetInput {
  clientId: string;
  exerciseId: string;
  reps: number;
  weightKg: number;
  rir: number | null;
  restSeconds: number | null;
}

/**
 * Logs a set, idempotent by `client_id`: the same id with the same set answers the stored set;
 * one used for another session or another set is a 409 (a client bug, not a retry). A set of
 * a planned session carries the program's targets for its exercise.
 */
export async function logSet(
  context: TrackingContext,
  sessionId: string,
  input: SetInput,
): Promise<Result<{ set: SetRow; created: boolean }>> {
  // Independent reads, in parallel: a set is logged between every working set.
  const [session, known] = await Promise.all([
    findSession(context.db, context.userId, sessionId),
    exercisesExist(context.db, [input.exerciseId]),
  ]);
  if (!session) return sessionNotFound();
  if (!known.has(input.exerciseId))
    return fail("unknown_exercise", `There is no exercise with id ${input.exerciseId}.`, [
      { field: "exercise_id", message: "no exercise with this id" },
    ]);
  let planned: PlannedTargets | null = null;
  if (session.programId && session.plannedWeek !== null && session.plannedWeekday) {
    const plan = await context.plannedDay({
      week: session.plannedWeek,
      weekday: session.plannedWeekday as Weekday,
    });
    if (plan.ok && plan.value.program_id === session.programId)
      planned = plan.value.targets[input.exerciseId] ?? null;
  }
  const stored = await addSet(context.db, context.userId, {
    sessionId: session.id,
    clientId: input.clientId,
    exerciseId: input.exerciseId,
    reps: input.reps,
    weightKg: input.weightKg,
    rir: input.rir,
    restSeconds: input.restSeconds,
    planned,
  });
  const { set } = stored;
  if (
    !stored.created &&
    (set.sessionId !== session.id ||
      set.exerciseId !== input.exerciseId ||
      set.reps !== input.reps ||
      set.weightKg !== input.weightKg)
  )
    return fail("client_id_reused", "This client_id was already used for a different set.");
  return ok(stored);
}

export async function correctSet(
  context: TrackingContext,
  sessionId: string,
  setId: string,
  patch: Partial<Pick<SetRow, "reps" | "weightKg" | "rir" | "restSeconds">>,
): Promise<Result<SetRow>> {
  const updated = await updateSet(context.db, context.userId, sessionId, setId, patch);
  return updated ? ok(updated) : setNotFound();
}

export async function removeSet(
  context: TrackingContext,
  sessionId: string,
  setId: string,
): Promise<Result<true>> {
  return (await deleteSet(context.db, context.userId, sessionId, setId)) ? ok(true) : setNotFound();
}

export async function logBodyWeight(
  context: TrackingContext,
  input: {
    clientId: string | null;
    weightKg: number;
    measuredAt?: string;
    measurements: Record<string, number> | null;
  },
) {
  const measuredAt = input.measuredAt ? new Date(input.measuredAt).toISOString() : nowIso();
  return ok(
    await addBodyWeight(context.db, context.userId, {
      clientId: input.clientId,
      measuredAt,
      localDate: await localDateOf(context, measuredAt),
      weightKg: input.weightKg,
      measurements: input.measurements,
    }),
  );
}

type Macros = { calories: number; protein_g: number; fat_g: number; carbs_g: number };

/** Logs a meal: a list of foods (their totals summed) or calories with optional macros. */
export async function logMeal(
  context: TrackingContext,
  input: {
    clientId: string | null;
    meal: string;
    loggedAt?: string;
    foods: LoggedFood[] | null;
    totals?: Partial<Macros>;
  },
) {
  const loggedAt = input.loggedAt ? new Date(input.loggedAt).toISOString() : nowIso();
  const sum = (key: keyof Macros) =>
    input.foods
      ? input.foods.reduce((total, food) => total + food[key], 0)
      : (input.totals?.[key] ?? 0);
  return ok(
    await addMealLog(context.db, context.userId, {
      clientId: input.clientId,
      meal: input.meal,
      loggedAt,
      localDate: await localDateOf(context, loggedAt),
      foods: input.foods,
      calories: sum("calories"),
      proteinG: sum("protein_g"),
      fatG: sum("fat_g"),
      carbsG: sum("carbs_g"),
    }),
  );
}

const sessionNotFound = () => fail<never>("session_not_found", "No such workout session.");
const setNotFound = () => fail<never>("set_not_found", "No such set in this session.");
