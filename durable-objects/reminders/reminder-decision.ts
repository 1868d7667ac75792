import type { FullProgramRecord } from "../../d1/programs";
import { plannedSessions, streaks } from "../../engine/coaching/progress";
import { planForDate } from "../../engine/coaching/today";
import {
  decideMeal,
  decideNudge,
  decideStreak,
  decideWorkout,
  type PastNudge,
  type TodayFacts,
  tooLate,
} from "../../engine/reminders/decide";
import { type Decision, type FirstLift, send, skip } from "../../engine/reminders/outcomes";
import type { ReminderPayload } from "../../engine/reminders/plan";
import { addDays } from "../../kernel/dates";
import { parseHhmm, zonedToUtc } from "../../kernel/zoned";
import type { TrackingDb } from "../tracking/queries";
import { activityFacts, lastLoadKg, mealLogsSince } from "../tracking/reminder-facts";

// The facts a reminder's rule reads, gathered when its alarm fires (not when it was planned:
// the workout may be done by now), and the rule's decision. The day is the occurrence's own
// local date, so an alarm retried after midnight still decides for the day it was due.

export interface DecisionDeps {
  activeProgram: () => Promise<FullProgramRecord | null>;
  completed: (
    programId: string,
  ) => Array<{ local_date: string; planned_week: number | null; planned_weekday: string | null }>;
  /** The user's logs (the tracking tables), read by tracking/reminder-facts.ts. */
  logs: () => TrackingDb;
  sentNudges: () => PastNudge[];
}

export interface Occurrence {
  payload: ReminderPayload;
  /** When it was due (ms): its spread time. */
  dueAt: number;
  /** Its local date in the user's timezone. */
  date: string;
  timezone: string;
  now: number;
}

export class ReminderDecision {
  constructor(private readonly deps: DecisionDeps) {}

  async decide(occurrence: Occurrence): Promise<Decision> {
    const { payload } = occurrence;
    if (tooLate(payload.type, occurrence.dueAt, occurrence.now))
      return skip(payload.type, "too_late");
    switch (payload.type) {
      case "workout":
        return decideWorkout(await this.#today(occurrence.date));
      case "streak":
        return this.#streak(occurrence.date);
      case "nudge":
        return this.#nudge(occurrence.date);
      case "meal":
        return decideMeal({
          meal: payload,
          windowStart:
            zonedToUtc(occurrence.date, parseHhmm(payload.time), occurrence.timezone) -
            payload.window_minutes * 60_000,
          now: occurrence.now,
          today: occurrence.date,
          logs: mealLogsSince(this.deps.logs(), addDays(occurrence.date, -1)),
        });
      case "hydration":
        return send({ type: "hydration" });
      case "checkin":
        return send({ type: "checkin" });
    }
  }

  /** The day's planned session as the program stands now (after swaps and moves). */
  async #today(date: string): Promise<TodayFacts> {
    const program = await this.deps.activeProgram();
    const plan = planForDate(program, date);
    const session = plan.session;
    const done =
      plan.status === "session" && plan.program_id
        ? this.deps
            .completed(plan.program_id)
            .some((s) => s.planned_week === plan.week && s.planned_weekday === plan.weekday)
        : false;
    const first = session?.exercises[0];
    const lift: FirstLift | null = first
      ? {
          name: first.name,
          sets: first.sets,
          rep_min: first.rep_min,
          rep_max: first.rep_max,
          last_load_kg: lastLoadKg(this.deps.logs(), first.exercise_id),
        }
      : null;
    return {
      status: plan.status,
      focus: session?.focus ?? null,
      deload: plan.deload,
      completed: done,
      in_progress: activityFacts(this.deps.logs(), date).inProgressToday,
      first: lift,
    };
  }

  async #streak(date: string): Promise<Decision> {
    const today = await this.#today(date);
    const program = await this.deps.activeProgram();
    const current = program
      ? streaks(plannedSessions(program, date), this.deps.completed(program.id), date).current
      : 0;
    return decideStreak(today, current);
  }

  /** Yesterday's planned session, if it was not done. */
  async #nudge(date: string): Promise<Decision> {
    const program = await this.deps.activeProgram();
    const yesterday = addDays(date, -1);
    const plan = planForDate(program, yesterday);
    const missed =
      plan.status === "session" &&
      plan.session &&
      program &&
      !this.deps
        .completed(program.id)
        .some((s) => s.planned_week === plan.week && s.planned_weekday === plan.weekday)
        ? { date: yesterday, focus: plan.session.focus }
        : null;
    return decideNudge({
      missed,
      today: date,
      nudges: this.deps.sentNudges(),
      lastWorkoutStartedAt: activityFacts(this.deps.logs(), date).lastStartedAt,
    });
  }
}
