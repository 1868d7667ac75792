import { activityAdjustedTargets } from "../../engine/health/activity-calories";
import type { Cursor } from "../../kernel/pages";
import { encodeCursor, pageJson } from "../../kernel/pages";
import { fail, ok, type Result } from "../../kernel/result";
import { ConcernApi } from "../front-door";
import { compare, healthWeightJson, mealJson, sessionJson, setJson, weightJson } from "./json";
import {
  correctSet,
  logBodyWeight,
  logMeal,
  logSet,
  removeSet,
  type SetInput,
  startSession,
  updateWorkoutSession,
} from "./rules";

/** A page of a user's logs in a local-date range. */
type RangeQuery = { from?: string; to?: string; limit: number; after?: Cursor };

const MACROS = ["calories", "protein_g", "fat_g", "carbs_g"] as const;
type Macros = Record<(typeof MACROS)[number], number>;

/**
 * `actor.tracking(userId)`: the user's logs (workout sessions and sets, body weights, meals),
 * written by the rules in rules.ts and answered as the API's JSON, with pounds beside
 * kilograms for a user who prefers imperial units.
 */
export class TrackingApi extends ConcernApi {
  get #tracking() {
    return this.modules.tracking;
  }

  async startSession(input: Parameters<typeof startSession>[1]) {
    const started = await startSession(this.#tracking.context(), input);
    if (!started.ok) return started;
    return ok({ session: sessionJson(started.value.session), created: started.value.created });
  }

  async updateSession(sessionId: string, patch: Parameters<typeof updateWorkoutSession>[2]) {
    const updated = await updateWorkoutSession(this.#tracking.context(), sessionId, patch);
    return updated.ok ? ok(sessionJson(updated.value)) : updated;
  }

  listSessions(query: RangeQuery) {
    return pageJson(this.#tracking.listSessions(query), sessionJson);
  }

  async logSet(sessionId: string, input: SetInput) {
    const [logged, units] = await Promise.all([
      logSet(this.#tracking.context(), sessionId, input),
      this.#tracking.units(),
    ]);
    if (!logged.ok) return logged;
    return ok({ set: setJson(logged.value.set, units), created: logged.value.created });
  }

  /** A page of one session's sets, or of all the user's sets without a session (the export). */
  async listSets(query: { sessionId?: string; limit: number; after?: Cursor }) {
    const page = this.#tracking.listSets(query);
    if (!page.ok) return page;
    const units = await this.#tracking.units();
    return ok(pageJson(page.value, (set) => setJson(set, units)));
  }

  async correctSet(sessionId: string, setId: string, patch: Parameters<typeof correctSet>[3]) {
    const [corrected, units] = await Promise.all([
      correctSet(this.#tracking.context(), sessionId, setId, patch),
      this.#tracking.units(),
    ]);
    return corrected.ok ? ok(setJson(corrected.value, units)) : corrected;
  }

  removeSet(sessionId: string, setId: string) {
    return removeSet(this.#tracking.context(), sessionId, setId);
  }

  async logBodyWeight(input: Parameters<typeof logBodyWeight>[1]) {
    const [logged, units] = await Promise.all([
      logBodyWeight(this.#tracking.context(), input),
      this.#tracking.units(),
    ]);
    if (!logged.ok) return logged;
    return ok({ entry: weightJson(logged.value.entry, units), created: logged.value.created });
  }

  /**
   * One body-weight series: the entries logged here and the phone's (Apple Health, Health
   * Connect), by time, each with its source; on a date with a manual entry the phone's are
   * left out (engine/health/body-weights.ts).
   */
  async listBodyWeights(query: RangeQuery) {
    const [units, phone] = await Promise.all([
      this.#tracking.units(),
      this.modules.health.weights(query),
    ]);
    const manual = this.#tracking.listBodyWeights(query);
    const manualDates = this.#tracking.weightDates([...new Set(phone.map((w) => w.local_date))]);
    const entries = [
      ...manual.items.map((row) => weightJson(row, units)),
      ...phone
        .filter((w) => !manualDates.has(w.local_date))
        .map((w) => healthWeightJson(w.sample, w.local_date, units)),
    ].sort((a, b) =>
      a.measured_at === b.measured_at ? compare(a.id, b.id) : compare(a.measured_at, b.measured_at),
    );
    // Each source read limit + 1 in this order, so the merged first `limit` are the page's.
    const items = entries.slice(0, query.limit);
    const last = items.at(-1);
    const more = entries.length > query.limit || manual.nextCursor !== null;
    return {
      items,
      next_cursor: more && last ? encodeCursor({ sort: last.measured_at, id: last.id }) : null,
    };
  }

  async logMeal(input: Parameters<typeof logMeal>[1]) {
    const logged = await logMeal(this.#tracking.context(), input);
    if (!logged.ok) return logged;
    return ok({ log: mealJson(logged.value.log), created: logged.value.created });
  }

  /** Meal logs in a local-date range; with no range, today's (or all: the export). */
  async listMeals(query: RangeQuery, todayWhenOpen = true) {
    return pageJson(await this.#tracking.listMeals(query, todayWhenOpen), mealJson);
  }

  /** Today's nutrition targets, what is logged and what remains (GET /v1/nutrition/today). */
  async nutritionToday(): Promise<
    Result<{
      date: string;
      targets: Macros;
      logged: Macros & { meals: number };
      remaining: Macros;
      activity: { base_calories: number; adjustment_kcal: number; reason: string } | null;
    }>
  > {
    const [profile, { date, logged }] = await Promise.all([
      this.modules.profile.get(),
      this.#tracking.mealsToday(),
    ]);
    const planned = profile?.nutritionTargets;
    if (!profile || !planned)
      return fail("profile_not_found", "No nutrition targets yet: finish onboarding first.");
    // Opt-in (profile.adjust_calories_for_activity): the phone's active energy above the
    // user's usual raises today's target within a bound (engine/health/activity-calories.ts).
    const p = profile.data;
    const adjusted =
      p.adjust_calories_for_activity === true
        ? activityAdjustedTargets({
            targets: planned,
            ...(await this.modules.health.activityToday()),
            weight_kg: p.weight_kg,
            goal: p.primary_goal,
            keto: p.diet_type === "keto",
          })
        : null;
    const targets: Partial<Macros> = adjusted ?? planned;
    const round = (n: number) => Math.round(n * 10) / 10;
    const macros = (value: (key: (typeof MACROS)[number]) => number) =>
      Object.fromEntries(MACROS.map((key) => [key, value(key)])) as Macros;
    return ok({
      date,
      targets: macros((key) => targets[key] ?? 0),
      logged: { ...macros((key) => round(logged[key])), meals: logged.meals },
      remaining: macros((key) => round((targets[key] ?? 0) - logged[key])),
      activity: adjusted && {
        base_calories: adjusted.base_calories,
        adjustment_kcal: adjusted.adjustment_kcal,
        reason: adjusted.reason,
      },
    });
  }

  /**
   * GET /v1/progress as JSON text (ProgressSchema's shape), cached in the actor until a write:
   * a string crosses RPC without an object copy and the Worker sends it as it is.
   */
  progressJson(days: number) {
    return this.#tracking.progressJson(days);
  }
}
