import type { StoredProfile } from "../../d1/profiles";
import type { FullProgramRecord } from "../../d1/programs";
import { deepLink } from "../../engine/reminders/outcomes";
import {
  type PlanContext,
  planReminders,
  REMINDER_PREFIX,
  type ReminderPayload,
  type ReminderPrefs,
  type ReminderSpec,
  reminderPrefsSchema,
} from "../../engine/reminders/plan";
import type { SpreadRecurrence } from "../../engine/reminders/spread";
import { reminderTexts } from "../../engine/reminders/texts";
import type { Weekday } from "../../kernel/dates";
import type { Logger } from "../../kernel/logger";
import { localDate } from "../../kernel/zoned";
import type { RealtimeEventType } from "../realtime/realtime";
import type { ScheduleRow, Scheduler } from "../scheduler/scheduler";
import { CachedDocument } from "../storage/cached-document";
import type { ChangeLog } from "../sync/change-log";
import { type Inbox, occurrenceId } from "./inbox";
import { PUSH_SCHEDULE_KIND, pushKey } from "./push-delivery";
import type { ReminderDecision } from "./reminder-decision";
import { ReminderOutcomes } from "./reminder-outcomes";

export const REMINDER_SCHEDULE_KIND = "reminder";
export const ADAPTATION_SCHEDULE_KIND = "adaptation";
export const ADAPTATION_KEY = "adaptation:daily";

interface Deps {
  sql: SqlStorage;
  scheduler: Scheduler;
  inbox: Inbox;
  decision: ReminderDecision;
  userId: () => string;
  profile: () => Promise<StoredProfile | null>;
  activeProgram: () => Promise<FullProgramRecord | null>;
  emit: (type: RealtimeEventType, data: unknown) => void;
  changes: Pick<ChangeLog, "upsert">;
  log: () => Logger;
}

/**
 * The user's reminders: preferences (defaults from the onboarding `reminders` step), the
 * plan of recurring schedules they imply, and what happens when one fires.
 */
export class Reminders {
  #prefs: CachedDocument<ReminderPrefs>;

  /** What each firing decided (the inbox's skipped list, the nudge's back-off, operators). */
  readonly outcomes: ReminderOutcomes;

  constructor(private readonly deps: Deps) {
    this.outcomes = new ReminderOutcomes(deps.sql);
    this.#prefs = new CachedDocument(deps.sql, "reminder_prefs");
  }

  async prefs(): Promise<ReminderPrefs> {
    const stored = this.#prefs.get();
    if (stored) return stored;
    const p = (await this.deps.profile())?.data;
    return reminderPrefsSchema.parse({
      workout: p?.workout ?? true,
      meals: p?.meals ?? true,
      hydration: p?.hydration ?? false,
      quiet_hours: p?.quiet_hours ?? null,
    });
  }

  async setPrefs(prefs: ReminderPrefs): Promise<ReminderPrefs> {
    this.#prefs.store(prefs);
    this.deps.changes.upsert("reminders", "me");
    await this.replan();
    return prefs;
  }

  /**
   * Re-plans every reminder (and the daily adaptation) from the current preferences, profile
   * and active program. Unchanged schedules keep their row; removed ones go.
   */
  async replan(): Promise<number> {
    const profile = await this.deps.profile();
    if (!profile) {
      await this.deps.scheduler.replace(REMINDER_PREFIX, []);
      return 0;
    }
    const p = profile.data;
    const program = await this.deps.activeProgram();
    const context: PlanContext = {
      userId: this.deps.userId(),
      timezone: String(p.timezone),
      preferredTimeOfDay:
        (p.preferred_time_of_day as PlanContext["preferredTimeOfDay"]) ?? "evening",
      mealsPerDay: Number(p.meals_per_day ?? 3),
      trainingWeekdays: program
        ? ([...new Set(program.weeks[0]?.days.map((d) => d.weekday) ?? [])] as Weekday[])
        : [],
    };
    const specs = planReminders(await this.prefs(), context);
    await this.deps.scheduler.replace(
      REMINDER_PREFIX,
      specs.map((spec) => ({
        kind: REMINDER_SCHEDULE_KIND,
        key: spec.key,
        recurrence: spec.recurrence,
        payload: spec.payload,
      })),
    );
    if (program)
      await this.deps.scheduler.schedule({
        kind: ADAPTATION_SCHEDULE_KIND,
        key: ADAPTATION_KEY,
        recurrence: { time: "02:00", timezone: context.timezone },
      });
    else await this.deps.scheduler.cancel(ADAPTATION_KEY);
    this.deps.log().info("reminders_planned", { count: specs.length, timezone: context.timezone });
    return specs.length;
  }

  /**
   * The pending reminders, soonest first, with their next due times and the names a person
   * reads ("Dinner time", "Weekly check-in"), for clients and operators.
   */
  schedules() {
    return this.deps.scheduler
      .list()
      .filter((row) => row.kind === REMINDER_SCHEDULE_KIND)
      .map((row) => {
        const payload = JSON.parse(row.payload) as ReminderSpec["payload"];
        return {
          key: row.key,
          kind: payload.type,
          title: payload.title,
          next_at: new Date(row.run_at).toISOString(),
          recurrence: row.recurrence ? (JSON.parse(row.recurrence) as SpreadRecurrence) : null,
        };
      });
  }

  /**
   * Puts a notification in the inbox (once per id), pushes it live and queues its push. Its
   * data carries `type` and `deep_link`, the screen the app (and the console) opens for it.
   */
  async notify(input: {
    id: string;
    kind: string;
    title: string;
    body: string;
    deepLink: string;
    data: Record<string, unknown>;
  }) {
    const notification = {
      id: input.id,
      kind: input.kind,
      title: input.title,
      body: input.body,
      data: { ...input.data, type: input.kind, deep_link: input.deepLink },
    };
    if (this.deps.inbox.add(notification))
      this.deps.emit("notification", this.deps.inbox.get(input.id));
    // Scheduled even when the notification existed: a run that crashed before this line
    // must still deliver; the delivery itself skips devices already served.
    await this.deps.scheduler.schedule({
      kind: PUSH_SCHEDULE_KIND,
      key: pushKey(input.id),
      payload: { notification_id: input.id },
    });
  }

  /**
   * A reminder's occurrence fired (the alarm's handler): its rule decides now, from what the
   * user did, whether to send (and what) or stay silent; the decision is recorded either way.
   * A repeated alarm finds the decision and only finishes its delivery.
   */
  async fire(row: ScheduleRow): Promise<void> {
    const payload = JSON.parse(row.payload) as ReminderPayload;
    const id = await occurrenceId(row.key, row.run_at);
    const recorded = this.outcomes.get(id);
    if (recorded?.outcome === "skipped") return;
    const profile = (await this.deps.profile())?.data;
    const timezone = String(profile?.timezone ?? "UTC");
    const date = localDate(timezone, new Date(row.run_at));
    const decision = recorded
      ? null
      : await this.deps.decision.decide({
          payload,
          dueAt: row.run_at,
          date,
          timezone,
          now: Date.now(),
        });
    const dueAt = new Date(row.run_at).toISOString();
    const log = this.deps.log().with({ reminder: row.key, type: payload.type });
    if (decision && !decision.send) {
      this.outcomes.record({
        id,
        reminder: row.key,
        type: payload.type,
        due_at: dueAt,
        local_date: date,
        outcome: "skipped",
        reason: decision.reason,
        notification_id: null,
      });
      log.info("reminder_skipped", { reason: decision.reason });
      return;
    }
    if (decision?.send) {
      const texts = reminderTexts(decision.content, {
        locale: String(profile?.locale ?? "en"),
        units: profile?.unit_preference === "imperial" ? "imperial" : "metric",
      });
      // The inbox row first: recording "sent" before it exists would lose it on a crash.
      await this.notify({
        id,
        kind: `reminder.${payload.type}`,
        ...texts,
        deepLink: deepLink(decision.content),
        data: { reminder: row.key, due_at: dueAt },
      });
      this.outcomes.record({
        id,
        reminder: row.key,
        type: payload.type,
        due_at: dueAt,
        local_date: date,
        outcome: "sent",
        reason: null,
        notification_id: id,
      });
      log.info("reminder_sent", {});
      return;
    }
    // Decided and sent before: make sure its push is queued (a crash after the inbox row).
    await this.deps.scheduler.schedule({
      kind: PUSH_SCHEDULE_KIND,
      key: pushKey(id),
      payload: { notification_id: id },
    });
  }
}
