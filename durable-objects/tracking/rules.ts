import type { LoggedFood, PlannedTargets } from "../../d1/schema";
import type { Weekday } from "../../kernel/dates";
import { fail, ok, type Result } from "../../kernel/result";
import { localParts } from "../../kernel/zoned";
import {
  addBodyWeight,
  addMealLog,
  addSet,
  addToDaySummary,
  createSession,
  deleteSet,
  findSession,
  refreshSummary,
  type SessionRow,
  type SetRow,
  type TrackingDb,
  updateSession,
  updateSet,
} from "./queries";

// The rules of workout, body-weight and meal logging, in one place. It runs in the user's
// actor, over the actor's own storage (the logs live there, issue 21): the REST routes reach it
// by one actor RPC (durable-objects/tracking/tracking.ts), the coach tools call it directly, so a set
// logged by voice obeys exactly what a set logged by the app does.

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
  /** The actor's storage, through drizzle's synchronous Durable Object driver. */
  db: TrackingDb;
  userId: string;
  /** Runs synchronous writes as one storage transaction (`ctx.storage.transactionSync`). */
  transaction<T>(run: () => T): T;
  /** Whether the catalog has this exercise (a cached answer; see exercise-catalog.ts). */
  exerciseKnown(id: string): Promise<boolean>;
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
  const localDate = await localDateOf(context, startedAt);
  return ok(
    createSession(context.db, {
      clientId: input.clientId,
      programId: plan?.program_id ?? null,
      plannedWeek: plan?.week ?? null,
      plannedWeekday: plan?.weekday ?? null,
      localDate,
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
  const current = findSession(context.db, sessionId);
  if (!current) return sessionNotFound();
  const completing = patch.finish !== undefined && current.status !== "completed";
  const now = nowIso();
  // Finished now when no time is given, but never before a start the client put in the future.
  const finishedAt = patch.finish?.at
    ? new Date(patch.finish.at).toISOString()
    : now > current.startedAt
      ? now
      : current.startedAt;
  if (completing && finishedAt < current.startedAt) {
    const message = `must not be before started_at (${current.startedAt})`;
    return fail("validation_failed", "Invalid finished_at.", [
      { field: "finished_at", code: "too_small", message },
    ]);
  }
  const updated = updateSession(context.db, current.id, {
    ...(completing ? { status: "completed", finishedAt } : {}),
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
  const session = findSession(context.db, sessionId);
  if (!session) return sessionNotFound();
  if (!(await context.exerciseKnown(input.exerciseId)))
    return fail("unknown_exercise", `There is no exercise with id ${input.exerciseId}.`, [
      { field: "exercise_id", code: "invalid", message: "is not an exercise of the catalog" },
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
  // The set and its day's summary in one transaction: progress never sees one without the other.
  const stored = context.transaction(() => {
    const added = addSet(context.db, {
      sessionId: session.id,
      clientId: input.clientId,
      exerciseId: input.exerciseId,
      reps: input.reps,
      weightKg: input.weightKg,
      rir: input.rir,
      restSeconds: input.restSeconds,
      planned,
    });
    if (added.created)
      addToDaySummary(
        context.db,
        { localDate: session.localDate, exerciseId: input.exerciseId },
        { reps: input.reps, weight_kg: input.weightKg, rir: input.rir },
      );
    return added;
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
  const updated = context.transaction(() => {
    const row = updateSet(context.db, sessionId, setId, patch);
    const session = row && findSession(context.db, row.sessionId);
    if (row && session)
      refreshSummary(context.db, { localDate: session.localDate, exerciseId: row.exerciseId });
    return row;
  });
  return updated ? ok(updated) : setNotFound();
}

export async function removeSet(
  context: TrackingContext,
  sessionId: string,
  setId: string,
): Promise<Result<true>> {
  const deleted = context.transaction(() => {
    const row = deleteSet(context.db, sessionId, setId);
    const session = row && findSession(context.db, row.sessionId);
    if (row && session)
      refreshSummary(context.db, { localDate: session.localDate, exerciseId: row.exerciseId });
    return row;
  });
  return deleted ? ok(true as const) : setNotFound();
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
  const localDate = await localDateOf(context, measuredAt);
  return ok(
    addBodyWeight(context.db, {
      clientId: input.clientId,
      measuredAt,
      localDate,
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
  const localDate = await localDateOf(context, loggedAt);
  return ok(
    addMealLog(context.db, {
      clientId: input.clientId,
      meal: input.meal,
      loggedAt,
      localDate,
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
