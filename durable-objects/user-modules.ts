import { database } from "../d1/client";
import { findExercise } from "../d1/exercises";
import { type IssueKind, recordIssue, resolveIssue } from "../d1/operator-issues";
import { type Config, configFor } from "../kernel/config";
import { createLogger, errorFields, type Logger, logLevel } from "../kernel/logger";
import { endRoom } from "../providers/livekit";
import { Account } from "./account/account";
import { AccountDeletion, DELETION_SCHEDULE_KIND } from "./account/account-deletion";
import { DailyQuotas } from "./account/daily-quotas";
import { addressKey } from "./account/deleted-account-usage";
import { ActorEvents } from "./actor-events";
import { BackupStore } from "./backups/backup-store";
import { BACKUP_SCHEDULE_KIND, Backups } from "./backups/backups";
import { Chat } from "./chat/chat";
import { CoachingContextCache } from "./context/coaching-context";
import { Health } from "./health/health";
import { readinessBrief } from "./health/json";
import { Lifter } from "./lifter/lifter";
import { deleteUserPhotos, MealPhotos, PHOTO_RETENTION_KIND } from "./nutrition/meal-photos";
import { MealPlans } from "./nutrition/meal-plans";
import { Onboarding } from "./onboarding/onboarding";
import { Profile } from "./onboarding/profile";
import { toProfileRecord } from "./onboarding/profile-json";
import { Adaptation } from "./programs/adaptation";
import { JOB_SCHEDULE_KIND, ProgramJobs } from "./programs/program-jobs";
import { Programs } from "./programs/programs";
import { Realtime } from "./realtime/realtime";
import { UsedTickets } from "./realtime/used-tickets";
import { Devices } from "./reminders/devices";
import { Inbox } from "./reminders/inbox";
import { PUSH_SCHEDULE_KIND, PushDelivery } from "./reminders/push-delivery";
import { RECEIPTS_SCHEDULE_KIND } from "./reminders/push-receipts";
import { ReminderDecision } from "./reminders/reminder-decision";
import { ADAPTATION_SCHEDULE_KIND, REMINDER_SCHEDULE_KIND, Reminders } from "./reminders/reminders";
import { Scheduler } from "./scheduler/scheduler";
import { migrateStorage } from "./storage/storage-schema";
import { ChangeLog } from "./sync/change-log";
import { ActorTools } from "./tools/actor-tools";
import type { ToolContext } from "./tools/tool-context";
import { Tracking } from "./tracking/tracking";
import { Voice } from "./voice/voice";
import { VOICE_BUDGET_SCHEDULE_KIND, VoiceBudget } from "./voice/voice-budget";

/**
 * The modules of one user's actor, wired once: each owns a concern over the actor's SQLite
 * (and D1 where it is the system of record), and depends on the others only through the small
 * functions it is given here. What one module changes, the others hear through `events`.
 */
export class UserModules {
  readonly events = new ActorEvents();
  readonly realtime: Realtime;
  readonly scheduler: Scheduler;
  readonly account: Account;
  readonly onboarding: Onboarding;
  readonly profile: Profile;
  readonly programs: Programs;
  readonly jobs: ProgramJobs;
  readonly inbox: Inbox;
  readonly devices: Devices;
  readonly push: PushDelivery;
  readonly reminders: Reminders;
  readonly adaptation: Adaptation;
  readonly voice: Voice;
  readonly voiceBudget: VoiceBudget;
  readonly chat: Chat;
  readonly context: CoachingContextCache;
  readonly tools: ActorTools;
  readonly deletion: AccountDeletion;
  readonly quotas: DailyQuotas;
  readonly usedTickets: UsedTickets;
  readonly tracking: Tracking;
  readonly lifter: Lifter;
  /** The user's change log: every write appends to it (docs/sync.md). */
  readonly changes: ChangeLog;
  readonly backups: Backups;
  readonly mealPlans: MealPlans;
  readonly mealPhotos: MealPhotos;
  readonly health: Health;
  #userId: string | null = null;
  #log: Logger;

  constructor(
    private readonly ctx: DurableObjectState,
    private readonly env: Env,
    /** After a restore replaced the storage: the actor rebuilds its modules from it. */
    restored: () => void = () => {},
  ) {
    this.#log = createLogger({ actor: "UserActor" }, logLevel(env.LOG_LEVEL));
    const sql = ctx.storage.sql;
    const db = () => database(env.DB);
    const userId = () => this.userId;
    const log = () => this.#log;
    const changed = (part: Parameters<ActorEvents["changed"]>[0]) => () =>
      this.events.changed(part);
    const emit = (type: Parameters<Realtime["broadcast"]>[0], data: unknown) => {
      this.realtime.broadcast(type, data);
    };
    const timezone = async () => (await this.profile.localNow()).timezone;

    this.realtime = new Realtime(
      ctx,
      (roomName) => this.voice.live(roomName) !== null,
      () => this.config().REALTIME_SOCKETS_PER_USER,
    );
    this.usedTickets = new UsedTickets(sql);
    // After a call appended changes, one `sync.changed` with the last seq: open apps pull.
    this.changes = new ChangeLog(sql, () => {
      const seq = this.changes.takeAppended();
      if (seq > 0) this.realtime.broadcast("sync.changed", { seq });
    });
    // One retry policy: the scheduler owns attempts, backoff and which errors are retried.
    // A job's stages retry briefly and then fail the job; pushes and reminders retry for
    // longer and are then parked for an operator.
    this.scheduler = new Scheduler(ctx.storage, {
      policy: (kind) =>
        kind === JOB_SCHEDULE_KIND
          ? {
              maxAttempts: () => this.config().JOB_MAX_ATTEMPTS,
              baseMs: () => this.config().JOB_RETRY_BASE_MS,
              onGiveUp: "drop",
              gaveUp: (row, error, attempts) => this.jobs.gaveUp(row, error, attempts),
            }
          : {
              maxAttempts: () => this.config().SCHEDULE_MAX_ATTEMPTS,
              baseMs: () => this.config().SCHEDULE_RETRY_BASE_MS,
              onGiveUp: "park",
              gaveUp: (row, error) =>
                this.reportIssue({ kind: "parked_schedule", refId: row.key, error }),
            },
      log,
    });
    this.account = new Account({ sql, db, userId, log, changed: changed("account") });
    this.onboarding = new Onboarding({
      sql,
      completed: () => this.profile.isOnboarded(),
      changed: changed("onboarding"),
    });
    this.profile = new Profile({
      sql,
      db,
      userId,
      onboarding: this.onboarding,
      log,
      changes: this.changes,
      changed: changed("profile"),
    });
    this.programs = new Programs({
      sql,
      db,
      userId,
      timezone,
      emit,
      changes: this.changes,
      changed: changed("program"),
      completed: (programId) => this.tracking.completed(programId),
    });
    this.tracking = new Tracking({
      storage: ctx.storage,
      db,
      userId,
      changes: this.changes,
      localNow: () => this.profile.localNow(),
      plannedDay: (ref) => this.programs.plannedDay(ref),
      activeProgram: () => this.programs.active(),
      today: () => this.programs.today(),
      sessionCompleted: () => this.events.changed("adherence"),
    });
    this.lifter = new Lifter({
      tracking: () => this.tracking.db,
      generation: () => this.tracking.generation,
      profile: () => this.profile.get(),
      localNow: () => this.profile.localNow(),
      activeProgram: () => this.programs.active(),
      today: () => this.programs.todayWithCompletion(),
      saveProgram: (program) => this.programs.save(program),
      emit,
    });
    this.mealPlans = new MealPlans({
      sql,
      userId,
      profile: () => this.profile.get(),
      localNow: () => this.profile.localNow(),
    });
    this.inbox = new Inbox(sql, this.changes);
    this.devices = new Devices(sql, log, () => this.config().MAX_DEVICES_PER_USER);
    this.push = new PushDelivery({
      sql,
      inbox: this.inbox,
      devices: this.devices,
      scheduler: this.scheduler,
      config: () => this.config(),
      log,
    });
    this.reminders = new Reminders({
      sql,
      scheduler: this.scheduler,
      inbox: this.inbox,
      userId,
      decision: new ReminderDecision({
        activeProgram: () => this.programs.active(),
        completed: (programId) => this.tracking.completed(programId),
        logs: () => this.tracking.db,
        sentNudges: () => this.reminders.outcomes.sentNudges(),
      }),
      profile: () => this.profile.get(),
      activeProgram: () => this.programs.active(),
      emit,
      changes: this.changes,
      log,
    });
    this.adaptation = new Adaptation({
      sql,
      db,
      userId,
      profile: () => this.profile.get(),
      activeProgram: () => this.programs.active(),
      completed: (programId) => this.tracking.completed(programId),
      lifts: (fromDate) => this.tracking.lifts(fromDate),
      programUpdated: (program) => this.programs.updated(program),
      notify: (input) => this.reminders.notify(input),
      sessionStarted: async (date) =>
        this.tracking.listSessions({ from: date, to: date, limit: 1 }).items.length > 0,
      log,
    });
    this.health = new Health({
      storage: ctx.storage,
      timezone,
      appSessions: async (from, to) => this.tracking.sessionTimes(from, to),
      recentChanged: async (readiness) => {
        await this.events.changed("health");
        await this.adaptation.readiness(readiness);
      },
    });
    this.jobs = new ProgramJobs({
      sql,
      scheduler: this.scheduler,
      db,
      config: () => this.config(),
      userId,
      profile: () => this.profile.get(),
      activate: async (programId) => {
        await this.programs.activate(programId);
      },
      // An unverified address gets a few a window; verified, the rest of the same count.
      dailyJobs: {
        ready: async () => {
          const config = this.config();
          const [unverified] = await Promise.all([this.account.unverified(), this.quotas.ready()]);
          return unverified === null
            ? config.PROGRAM_JOBS_PER_DAY
            : config.PROGRAM_JOBS_PER_DAY_UNVERIFIED;
        },
        take: (limit) => this.quotas.takeNow("program_job", limit),
      },
      reportFailure: (jobId, error) =>
        this.reportIssue({ kind: "program_job", refId: jobId, error }),
      emit,
      log,
    });
    // The usage a deleted account with this account's address left (none without an address).
    const usageOfAddress = async () => {
      const user = await this.account.get();
      if (!user.ok || !user.value.email) return null;
      const key = await addressKey(this.config().JWT_SECRET, user.value.email);
      return env.DELETED_ACCOUNT_USAGE.getByName(key);
    };
    this.quotas = new DailyQuotas(sql, async () => (await (await usageOfAddress())?.read()) ?? {});
    this.mealPhotos = new MealPhotos({
      sql,
      quotas: this.quotas,
      scheduler: this.scheduler,
      bucket: () => env.MEAL_PHOTOS,
      config: () => this.config(),
    });
    this.voiceBudget = new VoiceBudget({
      sql,
      quotas: this.quotas,
      scheduler: this.scheduler,
      limitMinutes: () => this.config().VOICE_DAILY_MINUTES,
      exhausted: (data) => this.realtime.broadcast("voice.budget_exhausted", data, data.room_name),
      log,
    });
    this.voice = new Voice({
      sql,
      db,
      userId,
      emit,
      closeRoom: (roomName) => this.realtime.closeRoom(roomName),
      budget: this.voiceBudget,
      maxActive: () => this.config().VOICE_MAX_ACTIVE_SESSIONS,
      roomQuota: {
        ready: () => this.quotas.ready(),
        take: () => this.quotas.takeNow("voice_room", this.config().VOICE_ROOMS_PER_DAY),
        limit: () => this.config().VOICE_ROOMS_PER_DAY,
      },
      transcriptsKept: () => this.config().VOICE_TRANSCRIPTS_KEPT,
      changed: changed("voice"),
      log,
    });
    this.context = new CoachingContextCache({
      account: () => this.account.get(),
      profile: () => this.profile.get(),
      onboarding: (completed) => this.onboarding.state(completed),
      activeProgram: () => this.programs.active(),
      today: () => this.programs.today(),
      recentCalls: async () => this.voice.recentCalls(await timezone()),
      readiness: async () => readinessBrief(await this.health.readinessToday()),
      completed: (programId) => this.tracking.completed(programId),
    });
    this.chat = new Chat({
      sql,
      timezone,
      context: () => this.context.get(),
      historyMessages: () => this.config().CHAT_HISTORY_MESSAGES,
      quotas: this.quotas,
      budget: () => {
        const config = this.config();
        // The router call, then each step with the SDK's one retry, then a minute of slack.
        const turnMs = (1 + 2 * config.CHAT_MAX_TOOL_STEPS) * config.CHAT_TIMEOUT_MS + 60_000;
        return {
          daily: config.CHAT_DAILY_TOKEN_BUDGET,
          turnMax: config.CHAT_TURN_MAX_TOKENS,
          turnMs,
        };
      },
    });
    this.tools = new ActorTools({
      context: (channel) => this.toolContext(channel),
      // A call's tools go into its summary; a chat's channel is no room, so nothing happens.
      used: (channel, name) => this.voice.toolUsed(channel, name),
      log,
    });
    this.backups = new Backups({
      ctx,
      store: new BackupStore(() => env.BACKUPS),
      userId,
      scheduler: this.scheduler,
      timezone,
      config: () => this.config(),
      restored,
      log,
    });
    this.deletion = new AccountDeletion({
      db,
      userId,
      storage: ctx.storage,
      account: this.account,
      realtime: this.realtime,
      scheduler: this.scheduler,
      devices: this.devices,
      voice: this.voice,
      endRoom: (roomName) => endRoom(this.config(), roomName),
      eraseBackups: () => this.backups.eraseAll(),
      eraseFiles: () => deleteUserPhotos(env.MEAL_PHOTOS, this.userId),
      keepUsage: async () => {
        const store = await usageOfAddress();
        if (store) await store.keep(await this.quotas.snapshot());
      },
      resetStorage: () => {
        const id = this.userId;
        migrateStorage(ctx.storage);
        this.onboarding.forget();
        this.tracking.invalidateProgress();
        this.#userId = null;
        this.bind(id);
      },
      log,
    });

    // Whatever changes, the coaching context is rebuilt on its next read.
    this.events.on(() => this.context.invalidate());
    // Progress depends on the logs, the program, the profile (timezone, units): any change.
    this.events.on(() => this.tracking.invalidateProgress());
    this.events.on(async (part) => {
      if (part === "profile") {
        // onboarding_completed lives on the user row: refresh the cached copy from D1.
        await this.account.refresh();
        const profile = await this.profile.get();
        if (profile) this.realtime.broadcast("profile.updated", toProfileRecord(profile));
      }
      // Timezone, meal count, time of day or training days may have changed: re-plan
      // (unchanged reminder rows stay).
      if (part === "profile" || part === "program") await this.reminders.replan();
      // The daily snapshot follows the user's timezone.
      if (part === "profile") await this.backups.scheduleDaily();
    });
  }

  /** Runs once before any entry point: the user this actor belongs to, from its storage. */
  restoreUser(userId: string | null): void {
    this.#userId = userId;
    if (userId) this.#log = this.#log.with({ user_id: userId });
  }

  /** The user this actor serves, or null (a new actor, or a scratch one verifying a backup). */
  boundUser(): string | null {
    return this.#userId;
  }

  get userId(): string {
    if (!this.#userId) throw new Error("actor used before it was bound to a user");
    return this.#userId;
  }

  /** Binds this actor to its user on first use; a mismatch means a routing bug, so fail loudly. */
  bind(userId: string): this {
    if (this.#userId === userId) return this;
    if (this.#userId !== null) throw new Error(`actor for ${this.#userId} called for ${userId}`);
    this.ctx.storage.sql.exec("INSERT INTO actor_meta (key, value) VALUES ('user_id', ?)", userId);
    this.restoreUser(userId);
    return this;
  }

  get log(): Logger {
    return this.#log;
  }

  config(): Config {
    const result = configFor(this.env);
    if (!result.ok)
      throw new Error(
        `configuration invalid: ${[...result.missing, ...result.invalid].join(", ")}`,
      );
    return result.config;
  }

  /**
   * The alarm: due schedules of every kind, each handled by the module that owns it. Once the
   * account is closed only its deletion runs (nothing else is scheduled by then anyway).
   */
  async runDue(): Promise<void> {
    if (this.#userId && (await this.account.status()) !== "active") {
      await this.scheduler.runDue({ [DELETION_SCHEDULE_KIND]: () => this.deletion.finish() });
      return;
    }
    const result = await this.scheduler.runDue({
      [JOB_SCHEDULE_KIND]: (row) => this.jobs.runStep(row),
      [REMINDER_SCHEDULE_KIND]: (row) => this.reminders.fire(row),
      [PUSH_SCHEDULE_KIND]: (row) => this.push.run(row),
      [RECEIPTS_SCHEDULE_KIND]: () => this.push.receipts.run(),
      [ADAPTATION_SCHEDULE_KIND]: async () => {
        await this.adaptation.run();
      },
      [VOICE_BUDGET_SCHEDULE_KIND]: () => this.voiceBudget.check(),
      [PHOTO_RETENTION_KIND]: () => this.mealPhotos.sweep(),
      [DELETION_SCHEDULE_KIND]: () => this.deletion.finish(),
      [BACKUP_SCHEDULE_KIND]: (row) => this.backups.runScheduled(row),
    });
    this.#log.debug("alarm_ran", result);
  }

  /**
   * Records work given up on in D1 for operators (d1/operator-issues.ts). Best effort:
   * the actor's own storage already holds the failure, so a D1 outage only costs visibility.
   */
  async reportIssue(issue: { kind: IssueKind; refId: string; error: string }): Promise<void> {
    try {
      await recordIssue(database(this.env.DB), { userId: this.userId, ...issue });
    } catch (error) {
      this.#log.error("operator_issue_not_recorded", { ...issue, ...errorFields(error) });
    }
  }

  /** An operator retried or dropped the work: the D1 record is closed. */
  async resolveIssue(kind: IssueKind, refId: string): Promise<void> {
    await resolveIssue(database(this.env.DB), { userId: this.userId, kind, refId });
  }

  toolContext(channel: string): ToolContext {
    return {
      channel,
      tracking: this.tracking.context(),
      exercise: (id) => findExercise(database(this.env.DB), id),
      today: () => this.programs.todayWithCompletion(),
      plan: () => this.programs.today(),
      lifter: this.lifter,
      profile: () => this.profile.get(),
      mealPlan: (regenerate) => (regenerate ? this.mealPlans.regenerate() : this.mealPlans.plan()),
      activeProgram: () => this.programs.active(),
      saveProgram: (program) => this.programs.save(program),
      patchProfile: (patch) => this.profile.patch(patch),
      reminderPrefs: () => this.reminders.prefs(),
      setReminderPrefs: async (prefs) => {
        await this.reminders.setPrefs(prefs);
      },
      submitProgramJob: (overrides) => this.jobs.submit({ overrides, activate: true }, null),
      programJob: (jobId) => (jobId ? this.jobs.get(jobId) : this.jobs.latest()),
      readiness: async () => readinessBrief(await this.health.readinessToday()),
    };
  }
}
