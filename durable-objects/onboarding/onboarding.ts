import { STEP_NAMES, type StepName } from "../../engine/onboarding/steps";
import { type JsonText, jsonText } from "../../kernel/json-text";
import { fail, ok, type Result } from "../../kernel/result";

export interface OnboardingState {
  current_step: StepName | null;
  steps: Array<{
    name: StepName;
    status: "pending" | "saved";
    data: Record<string, unknown> | null;
  }>;
  progress_percent: number;
  completed: boolean;
}

interface Deps {
  sql: SqlStorage;
  /** Onboarding is complete once the profile exists; steps are then read-only. */
  completed: () => boolean;
  changed: () => Promise<void>;
}

type SavedSteps = Partial<Record<StepName, Record<string, unknown>>>;

/**
 * Saved onboarding steps in the actor's SQLite; each save is one synchronous write. The saved
 * steps are also kept in memory once read (this actor is their only writer), so reading the
 * state and answering a save parse no rows.
 */
export class Onboarding {
  private readonly sql: SqlStorage;
  #saved: SavedSteps | null = null;
  /** The state as JSON text, for the routes (a string crosses RPC without an object copy). */
  #json: { completed: boolean; text: JsonText<OnboardingState> } | null = null;

  constructor(private readonly deps: Deps) {
    this.sql = deps.sql;
  }

  current(): OnboardingState {
    return this.state(this.deps.completed());
  }

  /** `current()` as JSON text, kept until a step is saved or onboarding completes. */
  currentJson(): JsonText<OnboardingState> {
    return this.#stateJson(this.deps.completed());
  }

  /** Saves one validated, normalised step; durable before this returns. Answers the new state as JSON text. */
  async saveStep(
    step: StepName,
    data: Record<string, unknown>,
  ): Promise<Result<JsonText<OnboardingState>>> {
    if (this.deps.completed())
      return fail(
        "onboarding_completed",
        "Onboarding is complete; change the profile with PATCH /v1/profile.",
      );
    this.save(step, data);
    await this.deps.changed();
    return ok(this.#stateJson(false));
  }

  #stateJson(completed: boolean): JsonText<OnboardingState> {
    if (this.#json?.completed !== completed)
      this.#json = { completed, text: jsonText(this.state(completed)) };
    return this.#json.text;
  }

  /** The saved steps by name (a new map each call; the step objects are shared, never changed). */
  saved(): SavedSteps {
    if (!this.#saved) {
      const rows = this.sql.exec<{ name: StepName; data: string }>(
        "SELECT name, data FROM onboarding_steps",
      );
      const steps: SavedSteps = {};
      for (const row of rows) steps[row.name] = JSON.parse(row.data);
      this.#saved = steps;
    }
    return { ...this.#saved };
  }

  save(step: StepName, data: Record<string, unknown>): void {
    const json = JSON.stringify(data);
    this.sql.exec(
      "INSERT OR REPLACE INTO onboarding_steps (name, data, saved_at) VALUES (?, ?, ?)",
      step,
      json,
      new Date().toISOString(),
    );
    // What a read of the row would give (JSON drops undefined fields).
    if (this.#saved) this.#saved[step] = JSON.parse(json);
    this.#json = null;
  }

  /** The actor's storage was erased: read the steps from SQLite again. */
  forget(): void {
    this.#saved = null;
    this.#json = null;
  }

  missing(): StepName[] {
    const saved = this.saved();
    return STEP_NAMES.filter((name) => !saved[name]);
  }

  state(completed: boolean): OnboardingState {
    const saved = this.saved();
    const steps = STEP_NAMES.map((name) => ({
      name,
      status: saved[name] ? ("saved" as const) : ("pending" as const),
      data: saved[name] ?? null,
    }));
    const done = steps.filter((step) => step.status === "saved").length;
    return {
      current_step: completed
        ? null
        : (steps.find((step) => step.status === "pending")?.name ?? null),
      steps,
      progress_percent: completed ? 100 : Math.round((done / steps.length) * 100),
      completed,
    };
  }
}
