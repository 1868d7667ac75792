import type { z } from "zod";
import type { StoredProfile } from "../../d1/profiles";
import type { FullProgramRecord } from "../../d1/programs";
import type { TrackingContext } from "../../durable-objects/tracking/rules";
import type { Result } from "../../kernel/result";
import type { Exercise } from "../coaching/exercise";
import type { TodayPlan } from "../coaching/today";
import type { ReminderPrefs } from "../reminders/plan";

// A coach tool is defined once: name, description, a zod input (which validates every call
// and becomes the JSON Schema the models see) and a run function typed by that input. Text
// chat and the voice agent call the same tools; they run in the user's actor, which supplies
// the ToolContext.

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
  profile(): Promise<StoredProfile | null>;
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
}

export type ToolOutput = Result<Record<string, unknown>>;

export interface Tool<N extends string = string, I extends z.ZodType = z.ZodType> {
  name: N;
  description: string;
  input: I;
  run(args: z.output<I>, context: ToolContext): Promise<ToolOutput>;
}

export const defineTool = <const N extends string, I extends z.ZodType>(tool: Tool<N, I>) => tool;

/** The function call id, so a retried call is stored once. */
export const CALL_ID_DESCRIPTION = "The function call id, so a retried call is stored once.";
