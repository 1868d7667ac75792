import type { StoredProfile } from "../../d1/profiles";
import type { FullProgramRecord } from "../../d1/programs";
import type { UserRecord } from "../../d1/user-record";
import {
  adherence,
  type CompletedSession,
  plannedSessions,
  streaks,
} from "../../engine/coaching/progress";
import type { TodayPlan } from "../../engine/coaching/today";
import { addDays } from "../../kernel/dates";
import { type JsonText, jsonText } from "../../kernel/json-text";
import { ok, type Result } from "../../kernel/result";
import { localDate, zonedToUtc } from "../../kernel/zoned";
import type { ReadinessBrief } from "../health/json";
import type { OnboardingState } from "../onboarding/onboarding";

// Everything a coach (text chat or the voice agent) needs for one turn, kept to a few KB.
// Built from the actor's cached parts and cached itself until a write changes one of them.

export interface CoachingContext {
  user: {
    id: string;
    name: string | null;
    timezone: string | null;
    local_date: string | null;
    /** The user's language (profile.locale; English until set): coaches answer in it. */
    locale: string;
  };
  onboarding: { completed: boolean; progress_percent: number; current_step: string | null };
  profile_summary: string | null;
  goals: Record<string, unknown> | null;
  limitations: { injuries: string[]; training_history: string | null } | null;
  training: Record<string, unknown> | null;
  nutrition: Record<string, unknown> | null;
  lifestyle: { activity_level: unknown; sleep_hours: unknown; energy_level: unknown } | null;
  today: {
    status: TodayPlan["status"];
    week: number | null;
    deload: boolean;
    workout: unknown | null;
  } | null;
  program: {
    id: string;
    name: string;
    goal: string;
    duration_weeks: number;
    days_per_week: number;
    starts_on: string | null;
  } | null;
  adherence: unknown | null;
  /** Today's readiness from the phone's health data (null without any): the coach's "keep it light". */
  readiness: ReadinessBrief;
  /** The last voice calls' summaries ("last call, 2 days ago: ..."): text chat and voice share them. */
  recent_calls: string[];
  generated_at: string;
}

function summary(name: string | null, p: Record<string, unknown>): string {
  const who = [name ?? "The user", `${p.age}`, p.sex === "unspecified" ? null : p.sex]
    .filter(Boolean)
    .join(", ");
  const goal = String(p.primary_goal).replace(/_/g, " ");
  const injuries = (p.injuries as string[] | undefined)?.length
    ? `; injuries: ${(p.injuries as string[]).join(", ").replace(/_/g, " ")}`
    : "";
  return (
    `${who}; ${p.height_cm} cm, ${p.weight_kg} kg; goal: ${goal}; ${p.fitness_level}; ` +
    `trains ${p.days_per_week}x/week for ${p.session_minutes} min at ${p.location}${injuries}.`
  );
}

const pick = (p: Record<string, unknown>, keys: string[]) =>
  Object.fromEntries(keys.filter((key) => p[key] !== undefined).map((key) => [key, p[key]]));

export function buildCoachingContext(input: {
  user: UserRecord;
  profile: StoredProfile | null;
  onboarding: OnboardingState;
  program?: FullProgramRecord | null;
  today?: TodayPlan | null;
  adherence?: unknown | null;
  recentCalls?: string[];
  readiness?: ReadinessBrief;
  now?: Date;
}): CoachingContext {
  const { user, profile, onboarding } = input;
  const p = profile?.data;
  const timezone = (p?.timezone as string | undefined) ?? null;
  return {
    user: {
      id: user.id,
      name: user.name,
      timezone,
      local_date: timezone ? localDate(timezone, input.now) : null,
      locale: (p?.locale as string | undefined) ?? "en",
    },
    onboarding: {
      completed: profile !== null,
      progress_percent: onboarding.progress_percent,
      current_step: onboarding.current_step,
    },
    profile_summary: p ? summary(user.name, p) : null,
    goals: p ? pick(p, ["primary_goal", "secondary_goal", "goal_raw", "target_weight_kg"]) : null,
    limitations: p
      ? {
          injuries: (p.injuries as string[] | undefined) ?? [],
          training_history: (p.training_history as string | undefined) ?? null,
        }
      : null,
    training: p
      ? pick(p, [
          "fitness_level",
          "days_per_week",
          "preferred_weekdays",
          "session_minutes",
          "preferred_time_of_day",
          "location",
          "equipment",
        ])
      : null,
    nutrition: p
      ? {
          ...pick(p, ["diet_type", "allergies", "disliked_foods", "meals_per_day"]),
          targets: profile?.nutritionTargets ?? null,
        }
      : null,
    lifestyle: p
      ? {
          activity_level: p.activity_level,
          sleep_hours: p.sleep_hours,
          energy_level: p.energy_level,
        }
      : null,
    today: input.today
      ? {
          status: input.today.status,
          week: input.today.week,
          deload: input.today.deload,
          workout: input.today.session
            ? {
                focus: input.today.session.focus,
                estimated_minutes: input.today.session.estimated_minutes,
                exercises: input.today.session.exercises.map(
                  (e) => `${e.name}: ${e.sets}x${e.rep_min}-${e.rep_max} @RIR ${e.target_rir}`,
                ),
              }
            : null,
        }
      : null,
    program: input.program
      ? {
          id: input.program.id,
          name: input.program.name,
          goal: input.program.goal,
          duration_weeks: input.program.duration_weeks,
          days_per_week: input.program.days_per_week,
          starts_on: input.program.starts_on,
        }
      : null,
    adherence: input.adherence ?? null,
    readiness: input.readiness ?? null,
    recent_calls: input.recentCalls ?? [],
    generated_at: (input.now ?? new Date()).toISOString(),
  };
}

interface CacheDeps {
  account: () => Promise<Result<UserRecord>>;
  profile: () => Promise<StoredProfile | null>;
  onboarding: (completed: boolean) => OnboardingState;
  activeProgram: () => Promise<FullProgramRecord | null>;
  today: () => Promise<TodayPlan>;
  recentCalls: () => Promise<string[]>;
  readiness: () => Promise<ReadinessBrief>;
  /** The program's completed sessions (the actor's logs). */
  completed: (programId: string) => CompletedSession[];
}

/**
 * The context a coach reads every turn, assembled once and kept in memory until something it
 * depends on changes (ActorEvents) or the user's day turns.
 */
export class CoachingContextCache {
  #context: CoachingContext | null = null;
  /** The next local midnight (ms) of the cached context's day: a number compare per read. */
  #validUntil = 0;
  /** The cached context as JSON, made on the first read that wants it. */
  #json: JsonText<CoachingContext> | null = null;

  constructor(private readonly deps: CacheDeps) {}

  invalidate(): void {
    this.#context = null;
    this.#json = null;
  }

  /**
   * The context as JSON text, for the REST route: a string crosses RPC without an object copy
   * and the Worker sends it as it is, so a cached read serialises nothing.
   */
  async json(): Promise<Result<JsonText<CoachingContext>>> {
    const context = await this.get();
    if (!context.ok) return context;
    this.#json ??= jsonText(context.value);
    return ok(this.#json);
  }

  async get(): Promise<Result<CoachingContext>> {
    const cached = this.#context;
    if (cached && Date.now() < this.#validUntil) return ok(cached);
    const user = await this.deps.account();
    if (!user.ok) return user;
    const profile = await this.deps.profile();
    const [program, today] = profile
      ? await Promise.all([this.deps.activeProgram(), this.deps.today()])
      : [null, null];
    this.#context = buildCoachingContext({
      user: user.value,
      profile,
      onboarding: this.deps.onboarding(profile !== null),
      program,
      today,
      adherence: program && today ? await this.#adherence(program, today.date) : null,
      recentCalls: await this.deps.recentCalls(),
      readiness: profile ? await this.deps.readiness() : null,
    });
    this.#json = null;
    const { timezone, local_date } = this.#context.user;
    this.#validUntil =
      timezone && local_date
        ? zonedToUtc(addDays(local_date, 1), 0, timezone)
        : Number.POSITIVE_INFINITY;
    return ok(this.#context);
  }

  async #adherence(program: FullProgramRecord, date: string) {
    const done = this.deps.completed(program.id);
    const planned = plannedSessions(program, date);
    return {
      last_7_days: adherence(planned, done, date, 7),
      streak: streaks(planned, done, date).current,
    };
  }
}
