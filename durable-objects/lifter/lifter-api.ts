import { ok } from "../../kernel/result";
import { ConcernApi } from "../front-door";
import { dayJson, suggestionJson, targetsJson } from "./json";
import type { SwapRequest } from "./lifter";

/**
 * `actor.lifter(userId)`: the lifter's loop. Today's session with last time, today's target and
 * the warm-up per exercise; an open session's targets; replacements for a slot and swaps.
 */
export class LifterApi extends ConcernApi {
  get #lifter() {
    return this.modules.lifter;
  }

  /** GET /v1/workouts/today, as JSON text the Worker sends unchanged. */
  today() {
    return this.#lifter.todayJson();
  }

  /** GET /v1/workouts/sessions/{id}/targets. */
  async sessionTargets(sessionId: string) {
    const found = await this.#lifter.sessionTargets(sessionId);
    if (!found.ok) return found;
    const { targets, units, increments } = found.value;
    return ok({
      items: targets.map((t) => targetsJson(t, units)),
      load_increments: increments,
    });
  }

  /** GET /v1/programs/current/alternatives. */
  async alternatives(exerciseId: string, date?: string) {
    const ranked = await this.#lifter.alternatives(exerciseId, date);
    if (!ranked.ok) return ranked;
    const { items, units, ...rest } = ranked.value;
    return ok({
      ...rest,
      items: items.map(({ exercise, scopes, volume_neutral, known, suggested }) => ({
        exercise_id: exercise.id,
        name: exercise.name,
        equipment: exercise.equipment,
        primary_muscles: exercise.primary_muscles,
        secondary_muscles: exercise.secondary_muscles,
        scopes,
        volume_neutral,
        logged_before: known,
        suggested: suggestionJson(suggested, units),
      })),
    });
  }

  /** POST /v1/programs/current/swaps: the swap, and that day's session as it now stands. */
  async swap(request: SwapRequest) {
    const swapped = await this.#lifter.swap(request);
    if (!swapped.ok) return swapped;
    return ok({ ...swapped.value, day: dayJson(await this.#lifter.day(request.date)) });
  }
}
