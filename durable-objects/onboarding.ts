import { STEP_NAMES, type StepName } from "../worker/onboarding/steps";
import { fail, ok, type Result } from "../worker/result";

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

/** Saved onboarding steps in the actor's SQLite; each save is one synchronous write. */
export class Onboarding {
  private readonly sql: SqlStorage;

  constructor(private readonly deps: Deps) {
    this.sql = deps.sql;
  }

  current(): OnboardingState {
    return this.state(this.deps.completed());
  }

  /** Saves one validated, normalised step; durable before this returns. */
  async saveStep(step: StepName, data: Record<string, unknown>): Promise<Result<OnboardingState>> {
    if (this.deps.completed())
      return fail(
        "onboarding_completed",
        "Onboarding is complete; change the profile with PATCH /v1/profile.",
      );
    this.save(step, data);
    await this.deps.changed();
    return ok(this.state(false));
  }

  saved(): Partial<Record<StepName, Record<string, unknown>>> {
    const rows = this.sql.exec<{ name: StepName; data: string }>(
      "SELECT name, data FROM onboarding_steps",
    );
    const steps: Partial<Record<StepName, Record<string, unknown>>> = {};
    for (const row of rows) steps[row.name] = JSON.parse(row.data);
    return steps;
  }

  save(step: StepName, data: Record<string, unknown>): void {
    this.sql.exec(
      "INSERT OR REPLACE INTO onboarding_steps (name, data, saved_at) VALUES (?, ?, ?)",
      step,
      JSON.stringify(data),
      new Date().toISOString(),
    );
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
