import { ZodError } from "zod";
import { addDays } from "../worker/coaching/dates";
import { buildMealPlan } from "../worker/coaching/meal-plan";
import type { Program } from "../worker/coaching/program-schema";
import { adherence, personalRecords, plannedSessions, streaks } from "../worker/coaching/progress";
import type { TodayPlan } from "../worker/coaching/today";
import type { Database } from "../worker/db/client";
import { findExercise } from "../worker/db/exercises";
import type { StoredProfile } from "../worker/db/profiles";
import { type FullProgramRecord, updateProgramContent } from "../worker/db/programs";
import {
  addMealLog,
  addSet,
  completedSessions,
  createSession,
  exercisesExist,
  listSets,
  mealTotals,
  setsSince,
  updateSession,
} from "../worker/db/tracking";
import { TOOL_DEFINITIONS, type ToolName, type ToolResult } from "../worker/personas/tools";
import type { ReminderPrefs } from "../worker/reminders/plan";
import { localParts } from "../worker/time/zoned";
import type { JobRecord, JobRequest } from "./program-jobs";

// Runs coach tools inside the user's actor, with the same rules as the REST API (the user's
// own data only, idempotent logging). Failures the model should explain are tool errors.
// `channel` is the voice room or chat conversation the call comes from: the workout logged
// in one call is one workout session.

export interface ToolDeps {
  db: () => Database;
  userId: () => string;
  /** Today's plan, with whether its session is done (one D1 read). */
  today: () => Promise<TodayPlan>;
  /** Today's plan from the actor's cache alone, for tools that need only date and targets. */
  plan: () => Promise<TodayPlan>;
  timezone: () => Promise<string>;
  profile: () => Promise<StoredProfile | null>;
  activeProgram: () => Promise<FullProgramRecord | null>;
  programUpdated: (program: FullProgramRecord) => void;
  patchProfile: (patch: Record<string, unknown>) => Promise<boolean>;
  reminderPrefs: () => Promise<ReminderPrefs>;
  setReminderPrefs: (prefs: ReminderPrefs) => Promise<unknown>;
  sessionCompleted: () => void;
  submitJob: (request: JobRequest) => Promise<{ job: JobRecord; created: boolean }>;
  job: (jobId: string) => JobRecord | null;
  latestJob: () => JobRecord | null;
}

type Args = Record<string, unknown>;
const ok = (result: Record<string, unknown>): ToolResult => ({ ok: true, result });
const fail = (code: string, message: string): ToolResult => ({
  ok: false,
  error: { code, message },
});
const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

export class ToolRunner {
  constructor(private readonly deps: ToolDeps) {}

  async run(name: ToolName, rawArgs: unknown, call: { channel: string }): Promise<ToolResult> {
    let args: Args;
    try {
      args = TOOL_DEFINITIONS[name].input.parse(rawArgs ?? {}) as Args;
    } catch (error) {
      if (error instanceof ZodError)
        return fail(
          "invalid_arguments",
          error.issues
            .map((issue) => `${issue.path.join(".") || "arguments"}: ${issue.message}`)
            .join("; "),
        );
      throw error;
    }
    const handlers: Record<ToolName, () => Promise<ToolResult>> = {
      get_profile_summary: () => this.#profileSummary(),
      get_today_workout: () => this.#today(),
      get_next_exercise: () => this.#nextExercise(call.channel),
      show_exercise_demo: () => this.#demo(String(args.exercise_id)),
      log_set_completion: () => this.#logSet(args, call.channel),
      log_workout_completion: () => this.#finishWorkout(args, call.channel),
      generate_workout_program: async () => {
        const { job, created } = await this.deps.submitJob({ overrides: args, activate: true });
        return ok({
          job_id: job.job_id,
          status: job.status,
          progress: job.progress,
          already_running: !created,
        });
      },
      check_program_status: async () => {
        const job = args.job_id ? this.deps.job(String(args.job_id)) : this.deps.latestJob();
        if (!job) return fail("job_not_found", "There is no program being generated.");
        const { job_id, status, progress, stage, program_id, error_message } = job;
        return ok({ job_id, status, progress, stage, program_id, error_message });
      },
      get_nutrition_targets: () => this.#nutrition(),
      get_meal_plan: () => this.#mealPlan(Number(args.variant ?? 0)),
      get_current_meal: () => this.#currentMeal(),
      log_meal: () => this.#logMeal(args),
      get_progress: () => this.#progress(),
      update_energy_level: async () =>
        (await this.deps.patchProfile({ energy_level: args.energy_level }))
          ? ok({ energy_level: args.energy_level, saved: true })
          : fail("no_profile", "The user has not finished onboarding."),
      reschedule_workout: () =>
        this.#reschedule(String(args.from_weekday), String(args.to_weekday)),
      update_reminders: async () => {
        const prefs = { ...(await this.deps.reminderPrefs()), ...args } as ReminderPrefs;
        await this.deps.setReminderPrefs(prefs);
        return ok({ workout: prefs.workout, meals: prefs.meals, hydration: prefs.hydration });
      },
    };
    return handlers[name]();
  }

  async #profileOrFail(): Promise<StoredProfile | ToolResult> {
    return (
      (await this.deps.profile()) ?? fail("no_profile", "The user has not finished onboarding.")
    );
  }

  async #profileSummary(): Promise<ToolResult> {
    const profile = await this.#profileOrFail();
    if ("ok" in profile) return profile;
    const p = profile.data;
    const pick = (keys: string[]) => Object.fromEntries(keys.map((k) => [k, p[k] ?? null]));
    return ok({
      ...pick([
        "age",
        "sex",
        "height_cm",
        "weight_kg",
        "primary_goal",
        "secondary_goal",
        "fitness_level",
        "injuries",
      ]),
      ...pick([
        "days_per_week",
        "session_minutes",
        "location",
        "diet_type",
        "allergies",
        "energy_level",
      ]),
      nutrition_targets: profile.nutritionTargets
        ? {
            calories: profile.nutritionTargets.calories,
            protein_g: profile.nutritionTargets.protein_g,
          }
        : null,
    });
  }

  async #today(): Promise<ToolResult> {
    const plan = await this.deps.today();
    if (plan.status === "no_program")
      return fail("no_active_program", "The user has no active program yet.");
    return ok({
      date: plan.date,
      status: plan.status,
      week: plan.week,
      deload: plan.deload,
      completed: plan.completed,
      focus: plan.session?.focus ?? null,
      estimated_minutes: plan.session?.estimated_minutes ?? null,
      exercises:
        plan.session?.exercises.map((e) => ({
          exercise_id: e.exercise_id,
          name: e.name,
          sets: e.sets,
          reps: `${e.rep_min}-${e.rep_max}`,
          target_rir: e.target_rir,
          rest_seconds: e.rest_seconds,
        })) ?? [],
    });
  }

  /** The workout session of this call channel (created on first use, idempotently). */
  async #channelSession(channel: string, plan: TodayPlan) {
    const { session } = await createSession(this.deps.db(), this.deps.userId(), {
      clientId: `coach:${channel}`,
      programId: plan.status === "session" ? plan.program_id : null,
      plannedWeek: plan.status === "session" ? plan.week : null,
      plannedWeekday: plan.status === "session" ? plan.weekday : null,
      localDate: plan.date,
      startedAt: new Date().toISOString(),
      notes: null,
    });
    return session;
  }

  async #nextExercise(channel: string): Promise<ToolResult> {
    const plan = await this.deps.plan();
    if (plan.status !== "session" || !plan.session)
      return fail("no_session_today", "There is no planned session today.");
    const session = await this.#channelSession(channel, plan);
    const done = new Map<string, number>();
    for (const set of await listSets(this.deps.db(), this.deps.userId(), session.id))
      done.set(set.exerciseId, (done.get(set.exerciseId) ?? 0) + 1);
    const next = plan.session.exercises.find((e) => (done.get(e.exercise_id) ?? 0) < e.sets);
    if (!next) return ok({ finished: true, message: "Every planned set is logged." });
    return ok({
      finished: false,
      exercise_id: next.exercise_id,
      name: next.name,
      sets_done: done.get(next.exercise_id) ?? 0,
      sets: next.sets,
      reps: `${next.rep_min}-${next.rep_max}`,
      target_rir: next.target_rir,
      rest_seconds: next.rest_seconds,
      notes: next.notes,
    });
  }

  async #demo(exerciseId: string): Promise<ToolResult> {
    const exercise = await findExercise(this.deps.db(), exerciseId);
    if (!exercise) return fail("unknown_exercise", `There is no exercise with id ${exerciseId}.`);
    return ok({
      exercise_id: exercise.id,
      name: exercise.name,
      cues: exercise.cues,
      primary_muscles: exercise.primary_muscles,
      secondary_muscles: exercise.secondary_muscles,
      equipment: exercise.equipment,
      image_url: exercise.image_url,
    });
  }

  async #logSet(args: Args, channel: string): Promise<ToolResult> {
    const db = this.deps.db();
    const exerciseId = String(args.exercise_id);
    if (!(await exercisesExist(db, [exerciseId])).has(exerciseId))
      return fail("unknown_exercise", `There is no exercise with id ${exerciseId}.`);
    const plan = await this.deps.plan();
    const session = await this.#channelSession(channel, plan);
    const planned = plan.session?.exercises.find((e) => e.exercise_id === exerciseId);
    const { set, created } = await addSet(db, this.deps.userId(), {
      sessionId: session.id,
      clientId: (args.client_id as string | undefined) ?? `coach:${crypto.randomUUID()}`,
      exerciseId,
      reps: Number(args.reps),
      weightKg: Number(args.weight_kg ?? 0),
      rir: (args.rir as number | undefined) ?? null,
      restSeconds: null,
      planned: planned
        ? {
            sets: planned.sets,
            rep_min: planned.rep_min,
            rep_max: planned.rep_max,
            target_rir: planned.target_rir,
            rest_seconds: planned.rest_seconds,
          }
        : null,
    });
    return ok({
      logged: true,
      duplicate: !created,
      set_id: set.id,
      session_id: session.id,
      exercise_id: set.exerciseId,
      reps: set.reps,
      weight_kg: set.weightKg,
      target: planned ? `${planned.sets} sets of ${planned.rep_min}-${planned.rep_max}` : null,
    });
  }

  async #finishWorkout(args: Args, channel: string): Promise<ToolResult> {
    const plan = await this.deps.plan();
    const session = await this.#channelSession(channel, plan);
    const updated = await updateSession(this.deps.db(), this.deps.userId(), session.id, {
      status: "completed",
      finishedAt: session.finishedAt ?? new Date().toISOString(),
      ...(args.perceived_effort !== undefined
        ? { perceivedEffort: Number(args.perceived_effort) }
        : {}),
      ...(args.notes !== undefined ? { notes: String(args.notes) } : {}),
    });
    if (updated?.programId) this.deps.sessionCompleted();
    return ok({
      session_id: session.id,
      completed: true,
      planned_session: Boolean(updated?.programId),
    });
  }

  async #nutrition(): Promise<ToolResult> {
    const profile = await this.#profileOrFail();
    if ("ok" in profile) return profile;
    const t = (profile.nutritionTargets ?? {}) as Record<string, number>;
    const plan = await this.deps.plan();
    const logged = await mealTotals(this.deps.db(), this.deps.userId(), plan.date);
    const keys = ["calories", "protein_g", "fat_g", "carbs_g"] as const;
    return ok({
      targets: Object.fromEntries(keys.map((k) => [k, t[k] ?? null])),
      logged_today: Object.fromEntries(keys.map((k) => [k, Math.round(logged[k])])),
      remaining: Object.fromEntries(keys.map((k) => [k, Math.round((t[k] ?? 0) - logged[k])])),
    });
  }

  async #plan(variant: number) {
    const profile = await this.deps.profile();
    if (!profile?.nutritionTargets) return null;
    const t = profile.nutritionTargets as Record<string, number>;
    const p = profile.data;
    return buildMealPlan({
      calories: Math.round(t.calories ?? 2000),
      protein_g: Math.round(t.protein_g ?? 100),
      fat_g: Math.round(t.fat_g ?? 60),
      carbs_g: Math.round(t.carbs_g ?? 200),
      meals_per_day: Number(p.meals_per_day ?? 3),
      diet_type: (p.diet_type as "omnivore") ?? "omnivore",
      allergies: (p.allergies as never[]) ?? [],
      dislikes: (p.disliked_foods as string[]) ?? [],
      seed: `${this.deps.userId()}:${variant}`,
    });
  }

  async #mealPlan(variant: number): Promise<ToolResult> {
    const plan = await this.#plan(variant);
    if (!plan) return fail("no_profile", "The user has not finished onboarding.");
    return ok({
      totals: plan.totals,
      within_tolerance: plan.within_tolerance,
      meals: plan.meals.map((m) => ({
        name: m.name,
        items: m.items.map((i) => `${i.grams} g ${i.name}`),
        calories: m.totals.calories,
      })),
    });
  }

  async #currentMeal(): Promise<ToolResult> {
    const plan = await this.#plan(0);
    if (!plan) return fail("no_profile", "The user has not finished onboarding.");
    // Meals spread over 08:00-20:00 local; the one due is the latest whose time has come.
    const minutes = localParts(Date.now(), await this.deps.timezone()).minutes;
    const count = plan.meals.length;
    const slot = count <= 1 ? 0 : Math.round(((minutes - 8 * 60) / (12 * 60)) * (count - 1));
    const meal = plan.meals[Math.min(count - 1, Math.max(0, slot))];
    if (!meal) return fail("no_meal", "The meal plan is empty.");
    return ok({
      name: meal.name,
      items: meal.items.map((i) => `${i.grams} g ${i.name}`),
      totals: meal.totals,
    });
  }

  async #logMeal(args: Args): Promise<ToolResult> {
    const plan = await this.deps.plan();
    const { log, created } = await addMealLog(this.deps.db(), this.deps.userId(), {
      clientId: (args.client_id as string | undefined) ?? null,
      meal: String(args.meal),
      loggedAt: new Date().toISOString(),
      localDate: plan.date,
      foods: null,
      calories: Number(args.calories),
      proteinG: Number(args.protein_g ?? 0),
      fatG: Number(args.fat_g ?? 0),
      carbsG: Number(args.carbs_g ?? 0),
    });
    return ok({ logged: true, duplicate: !created, meal_log_id: log.id, calories: log.calories });
  }

  async #progress(): Promise<ToolResult> {
    const program = await this.deps.activeProgram();
    const plan = await this.deps.plan();
    const db = this.deps.db();
    const userId = this.deps.userId();
    const done = program ? await completedSessions(db, userId, program.id) : [];
    const planned = program ? plannedSessions(program, plan.date) : [];
    const records = personalRecords(await setsSince(db, userId, addDays(plan.date, -90)))
      .sort((a, b) => b.e1rm_date.localeCompare(a.e1rm_date))
      .slice(0, 3);
    return ok({
      last_7_days: adherence(planned, done, plan.date, 7),
      last_28_days: adherence(planned, done, plan.date, 28),
      streak: streaks(planned, done, plan.date),
      recent_records: records.map((r) => ({
        exercise_id: r.exercise_id,
        e1rm_kg: r.e1rm_kg,
        date: r.e1rm_date,
      })),
    });
  }

  async #reschedule(from: string, to: string): Promise<ToolResult> {
    const program = await this.deps.activeProgram();
    const plan = await this.deps.plan();
    if (!program || plan.week === null)
      return fail("no_active_program", "There is no active program this week.");
    const week = program.weeks.find((w) => w.week === plan.week);
    const day = week?.days.find((d) => d.weekday === from);
    if (!week || !day)
      return fail("no_session_that_day", `There is no session on ${from} this week.`);
    if (week.days.some((d) => d.weekday === to))
      return fail("day_taken", `There is already a session on ${to}.`);
    if (WEEKDAYS.indexOf(to) < WEEKDAYS.indexOf(plan.weekday))
      return fail("day_passed", `${to} has already passed this week.`);
    const weeks = program.weeks.map((w) =>
      w.week === plan.week
        ? {
            ...w,
            days: w.days
              .map((d) => (d.weekday === from ? { ...d, weekday: to as typeof d.weekday } : d))
              .sort((a, b) => WEEKDAYS.indexOf(a.weekday) - WEEKDAYS.indexOf(b.weekday)),
          }
        : w,
    );
    const content = { ...program, weeks } as unknown as Program;
    const updated = await updateProgramContent(
      this.deps.db(),
      this.deps.userId(),
      program.id,
      content,
    );
    if (updated) this.deps.programUpdated(updated);
    return ok({ moved: true, week: plan.week, from_weekday: from, to_weekday: to });
  }
}
