import type { StoredProfile } from "../../d1/profiles";
import {
  currentPlan,
  type PlanPreferences,
  regeneratePlan,
  type StoredPlan,
  swapMeal,
} from "../../engine/nutrition/stored-plan";
import { fail, ok, type Result } from "../../kernel/result";
import type { LocalNow } from "../onboarding/profile";

// The user's meal plan, stored per local date (engine/nutrition/stored-plan.ts has the rules):
// what GET /v1/nutrition/plan answers and what the coaches' get_meal_plan reads, so both see the
// same meals. A read rebuilds the day's plan when the targets, diet, allergies or dislikes it was
// built from have changed; regenerate and swap store what they made. A week of days is kept.

export interface MealPlanRow {
  local_date: string;
  plan: string;
  updated_at: string;
}

const KEPT_DAYS = 7;
/** How far ahead a plan may be asked for: a week to shop for, and no unbounded rows. */
const AHEAD_DAYS = 14;

interface Deps {
  sql: SqlStorage;
  userId: () => string;
  profile: () => Promise<StoredProfile | null>;
  localNow: () => Promise<LocalNow>;
}

/** What a plan is built from, out of the profile; null before onboarding made targets. */
export function planPreferences(profile: StoredProfile | null): PlanPreferences | null {
  const t = profile?.nutritionTargets;
  if (!profile || !t) return null;
  const p = profile.data;
  return {
    targets: {
      calories: Math.round(t.calories),
      protein_g: Math.round(t.protein_g),
      fat_g: Math.round(t.fat_g),
      carbs_g: Math.round(t.carbs_g),
    },
    meals_per_day: p.meals_per_day,
    diet_type: p.diet_type,
    allergies: p.allergies,
    dislikes: p.disliked_foods,
  };
}

const noTargets = () =>
  fail<never>("profile_not_found", "No nutrition targets yet: finish onboarding first.");

export class MealPlans {
  constructor(private readonly deps: Deps) {}

  /** The plan for a local date (today when none), rebuilt and stored if it is out of date. */
  async plan(date?: string): Promise<Result<StoredPlan>> {
    return this.#change(date, (stored, prefs, key) => {
      const current = currentPlan(stored, prefs, key);
      return ok({ stored: current.stored, changed: current.rebuilt });
    });
  }

  /** A new plan for the day (the next variant). */
  regenerate(date?: string): Promise<Result<StoredPlan>> {
    return this.#change(date, (stored, prefs, key) =>
      ok({ stored: regeneratePlan(stored, prefs, key), changed: true }),
    );
  }

  /** Another meal for one slot; `changed` false when no other meal fits the preferences. */
  async swap(slot: number, date?: string): Promise<Result<{ plan: StoredPlan; changed: boolean }>> {
    let swapped = false;
    const result = await this.#change(date, (stored, prefs, key) => {
      const swap = swapMeal(stored, prefs, key, slot);
      if (!swap.ok) return fail("no_such_meal_slot", `The meal plan has no meal ${slot}.`);
      swapped = swap.changed;
      return ok({ stored: swap.stored, changed: true });
    });
    return result.ok ? ok({ plan: result.value, changed: swapped }) : result;
  }

  async #change(
    date: string | undefined,
    make: (
      stored: StoredPlan | null,
      prefs: PlanPreferences,
      key: { userId: string; date: string },
    ) => Result<{ stored: StoredPlan; changed: boolean }>,
  ): Promise<Result<StoredPlan>> {
    const [profile, now] = await Promise.all([this.deps.profile(), this.deps.localNow()]);
    const prefs = planPreferences(profile);
    if (!prefs) return noTargets();
    const key = { userId: this.deps.userId(), date: date ?? now.date };
    const offset = (Date.parse(key.date) - Date.parse(now.date)) / 86_400_000;
    if (!(offset >= -KEPT_DAYS && offset <= AHEAD_DAYS))
      return fail("validation_failed", "The date is outside the plan's range.", [
        {
          field: "date",
          code: "too_big",
          message: `must be within ${KEPT_DAYS} days before and ${AHEAD_DAYS} days after today (${now.date})`,
        },
      ]);
    const made = make(this.#stored(key.date), prefs, key);
    if (!made.ok) return made;
    if (made.value.changed) this.#store(made.value.stored, now.date);
    return ok(made.value.stored);
  }

  #stored(date: string): StoredPlan | null {
    const row = this.deps.sql
      .exec<Pick<MealPlanRow, "plan">>("SELECT plan FROM meal_plans WHERE local_date = ?", date)
      .toArray()[0];
    return row ? (JSON.parse(row.plan) as StoredPlan) : null;
  }

  #store(plan: StoredPlan, today: string): void {
    const oldest = new Date(Date.parse(`${today}T00:00:00Z`) - KEPT_DAYS * 86_400_000)
      .toISOString()
      .slice(0, 10);
    this.deps.sql.exec("DELETE FROM meal_plans WHERE local_date < ?", oldest);
    this.deps.sql.exec(
      "INSERT OR REPLACE INTO meal_plans (local_date, plan, updated_at) VALUES (?, ?, ?)",
      plan.date,
      JSON.stringify(plan),
      new Date().toISOString(),
    );
  }
}
