import type { z } from "zod";
import type { StoredProfile } from "../../d1/profiles";
import type { FullProgramRecord } from "../../d1/programs";
import type { Exercise } from "../../engine/coaching/exercise";
import type { TodayPlan } from "../../engine/coaching/today";
import type { StoredPlan } from "../../engine/nutrition/stored-plan";
import type { ReminderPrefs } from "../../engine/reminders/plan";
import type { ToolDefinition } from "../../engine/tools/define-tool";
import type { Result } from "../../kernel/result";
import type { ReadinessBrief } from "../health/json";
import type { Lifter } from "../lifter/lifter";
import type { TrackingContext } from "../tracking/rules";

// What a coach tool may use of the user's actor, and the shape of the code that runs a tool
// (one `<group>-runs.ts` beside each group of definitions in engine/tools/).

export interface ProgramJobView {
  job_id: string;
  status: string;
  progress: number;
  stage: string;
  program_id: string | null;
  error_message: string | null;
}

/** What the tools may use of the user's actor: the smallest shape they need. */
export interface ToolContext {
  /** The voice room or chat conversation the call comes from: its workout is one session. */
  channel: string;
  /** Logging and the user's logs (the actor's storage). */
  tracking: TrackingContext;
  /** A catalog exercise (D1). */
  exercise(id: string): Promise<Exercise | null>;
  /** Today's plan, with whether its session is done (one D1 read). */
  today(): Promise<TodayPlan>;
  /** Today's plan from the actor's cache alone, for tools that need only date and targets. */
  plan(): Promise<TodayPlan>;
  /**
   * The lifter's loop (durable-objects/lifter/): today's plan with each exercise's last time,
   * target and warm-up; replacements for a slot; swaps.
   */
  lifter: Pick<Lifter, "today" | "alternatives" | "swap">;
  profile(): Promise<StoredProfile | null>;
  /** Today's stored meal plan, the one the app shows; a new one on `regenerate`. */
  mealPlan(regenerate: boolean): Promise<Result<StoredPlan>>;
  activeProgram(): Promise<FullProgramRecord | null>;
  /** Stores a changed program (D1) and refreshes what the actor caches of it. */
  saveProgram(program: FullProgramRecord): Promise<boolean>;
  patchProfile(patch: Record<string, unknown>): Promise<Result<unknown>>;
  reminderPrefs(): Promise<ReminderPrefs>;
  setReminderPrefs(prefs: ReminderPrefs): Promise<void>;
  submitProgramJob(
    overrides: Record<string, unknown>,
  ): Promise<Result<{ job: ProgramJobView; created: boolean }>>;
  programJob(jobId: string | null): ProgramJobView | null;
  /** Today's readiness from the phone's health data, and why (null without any). */
  readiness(): Promise<ReadinessBrief>;
}

export type ToolOutput = Result<Record<string, unknown>>;

/** The run code of a group of tools: one function per definition, typed by its zod input. */
export type ToolRuns<T extends readonly ToolDefinition[]> = {
  [D in T[number] as D["name"]]: (
    args: z.output<D["input"]>,
    context: ToolContext,
  ) => Promise<ToolOutput>;
};
