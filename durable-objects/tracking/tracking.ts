import { drizzle } from "drizzle-orm/durable-sqlite";
import type { Database } from "../../d1/client";
import type { FullProgramRecord } from "../../d1/programs";
import { estimatedOneRepMaxFrom } from "../../engine/coaching/progress-summary";
import type { TodayPlan } from "../../engine/coaching/today";
import { type JsonText, jsonText } from "../../kernel/json-text";
import type { Cursor } from "../../kernel/pages";
import { fail, ok, type Result } from "../../kernel/result";
import type { LocalNow } from "../onboarding/profile";
import type { ChangeLog } from "../sync/change-log";
import { CATALOG_TTL_MS, ExerciseCatalog } from "./exercise-catalog";
import { type ProgressReport, progressReport } from "./progress-report";
import {
  completedSessions,
  findSession,
  listBodyWeights,
  listMealLogs,
  listSessions,
  listSetsPage,
  mealTotals,
  sessionTimes,
  summariesSince,
  type TrackingDb,
  weightDates,
} from "./queries";
import type { PlannedDay, PlannedDayRef, TrackingContext } from "./rules";
import { trackingSchema } from "./tables";

// The user's logs (workout sessions and sets, body weights, meal logs), kept in the actor's
// own storage (issue 21): a logged set is one local SQLite transaction, with no D1 round trip
// in the common case (the exercise catalog is cached, exercise-catalog.ts). The logging rules
// themselves are durable-objects/tracking/rules.ts, shared with the coach tools.

interface Deps {
  storage: DurableObjectStorage;
  /** D1, for the exercise catalog only. */
  db: () => Database;
  userId: () => string;
  changes: ChangeLog;
  localNow: () => Promise<LocalNow>;
  plannedDay: (ref: PlannedDayRef) => Promise<Result<PlannedDay>>;
  activeProgram: () => Promise<FullProgramRecord | null>;
  today: () => Promise<TodayPlan>;
  /** A planned session was completed: adherence in the cached coaching context changes. */
  sessionCompleted: () => Promise<void>;
}

export class Tracking {
  readonly db: TrackingDb;
  readonly catalog: ExerciseCatalog;
  /**
   * GET /v1/progress answers as JSON text, keyed by (days, local date, timezone, units): a
   * repeated read sends the text unchanged. Dropped on every tracking write (each goes through
   * context()) and on every ActorEvents change (user-modules.ts), and kept no longer than the
   * exercise catalog it was computed with (CATALOG_TTL_MS).
   */
  readonly #progress = new Map<string, { json: JsonText<ProgressReport>; at: number }>();
  /** Bumped by invalidateProgress: a report computed across a write is not kept. */
  #progressGeneration = 0;

  constructor(private readonly deps: Deps) {
    this.db = drizzle(deps.storage, { schema: trackingSchema });
    this.catalog = new ExerciseCatalog(deps.db);
  }

  /**
   * Changes with every tracking write and every ActorEvents change (the logs, the program, the
   * profile): answers derived from those may be kept while it stays the same (the lifter's).
   */
  get generation(): number {
    return this.#progressGeneration;
  }

  /** Drops the cached progress answers (a log, the program or the profile changed). */
  invalidateProgress(): void {
    this.#progress.clear();
    this.#progressGeneration++;
  }

  /** The tracking service's view of this actor (every tracking write gets one). */
  context(): TrackingContext {
    this.invalidateProgress();
    return {
      db: this.db,
      userId: this.deps.userId(),
      changes: this.deps.changes,
      transaction: (run) => this.deps.storage.transactionSync(run),
      exerciseKnown: (id) => this.catalog.exists(id),
      timezone: async () => (await this.deps.localNow()).timezone,
      plannedDay: (ref) => this.deps.plannedDay(ref),
      sessionCompleted: () => this.deps.sessionCompleted(),
    };
  }

  /** Completed sessions of one program (adherence, streaks, today's completion). */
  completed(programId: string) {
    return completedSessions(this.db, programId);
  }

  /** The e1RM series of the main lifts since a local date, from the day summaries. */
  async lifts(fromDate: string) {
    const days = summariesSince(this.db, fromDate);
    const exercises = await this.catalog.info(days.map((day) => day.exercise_id));
    return estimatedOneRepMaxFrom(days, (id) => exercises.get(id)?.compound ?? false);
  }

  counts() {
    const n = (table: string) =>
      this.deps.storage.sql.exec<{ n: number }>(`SELECT count(*) AS n FROM ${table}`).one().n;
    return {
      workout_sessions: n("workout_sessions"),
      workout_sets: n("workout_sets"),
      meal_logs: n("meal_logs"),
    };
  }

  async units() {
    return (await this.deps.localNow()).units;
  }

  listSessions(query: { from?: string; to?: string; limit: number; after?: Cursor }) {
    return listSessions(this.db, query);
  }

  /** When the sessions of the local dates [from, to] ran, by date (health: outside workouts). */
  sessionTimes(from: string, to: string): Map<string, { start: number; end: number }[]> {
    const byDate = new Map<string, { start: number; end: number }[]>();
    for (const s of sessionTimes(this.db, from, to)) {
      const start = Date.parse(s.startedAt);
      const times = { start, end: s.finishedAt ? Date.parse(s.finishedAt) : start };
      byDate.set(s.localDate, [...(byDate.get(s.localDate) ?? []), times]);
    }
    return byDate;
  }

  /** A page of one session's sets (404 without the session), or of every set (the export). */
  listSets(query: { sessionId?: string; limit: number; after?: Cursor }) {
    if (query.sessionId !== undefined && !findSession(this.db, query.sessionId))
      return fail<never>("session_not_found", "No such workout session.");
    return ok(listSetsPage(this.db, query));
  }

  listBodyWeights(query: { from?: string; to?: string; limit: number; after?: Cursor }) {
    return listBodyWeights(this.db, query);
  }

  /** Which of these local dates have a body weight logged here (a manual entry wins its day). */
  weightDates(dates: string[]): Set<string> {
    return weightDates(this.db, dates);
  }

  /**
   * Meal logs in a range; with neither end given, today's (the user's local date), as the meals
   * route answers, or every one (`todayWhenOpen` false: the export).
   */
  async listMeals(
    query: { from?: string; to?: string; limit: number; after?: Cursor },
    todayWhenOpen = true,
  ) {
    let range: { from?: string; to?: string } = { from: query.from, to: query.to };
    if (todayWhenOpen && !query.from && !query.to) {
      const today = (await this.deps.localNow()).date;
      range = { from: today, to: today };
    }
    return listMealLogs(this.db, { ...range, limit: query.limit, after: query.after });
  }

  /** Today's meal totals (local date). */
  async mealsToday() {
    const now = await this.deps.localNow();
    return { date: now.date, logged: mealTotals(this.db, now.date) };
  }

  /**
   * GET /v1/progress as JSON text, for the route to send unchanged: computed once per
   * (days, local date, timezone, units) until a write drops it.
   */
  async progressJson(days: number): Promise<JsonText<ProgressReport>> {
    const generation = this.#progressGeneration;
    const now = await this.deps.localNow();
    const key = `${days}|${now.date}|${now.timezone}|${now.units}`;
    const cached = this.#progress.get(key);
    if (cached && Date.now() - cached.at < CATALOG_TTL_MS) return cached.json;
    const json = jsonText(await this.progress(days));
    // A write (or a change) while this was computed: answer it, but do not keep it.
    if (generation === this.#progressGeneration) {
      if (this.#progress.size >= 8) this.#progress.clear();
      this.#progress.set(key, { json, at: Date.now() });
    }
    return json;
  }

  /** GET /v1/progress over the last `days` local days. */
  async progress(days: number) {
    const [now, program] = await Promise.all([this.deps.localNow(), this.deps.activeProgram()]);
    return progressReport({
      db: this.db,
      now,
      days,
      program,
      today: program ? await this.deps.today() : null,
      info: (ids) => this.catalog.info(ids),
    });
  }
}
