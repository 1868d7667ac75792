import { DurableObject } from "cloudflare:workers";
import { adherence, plannedSessions, streaks } from "../worker/coaching/progress";
import type { TodayPlan } from "../worker/coaching/today";
import type { Weekday } from "../worker/coaching/vocabulary";
import { type Config, configFor } from "../worker/config";
import { database } from "../worker/db/client";
import type { Cursor, Page } from "../worker/db/pages";
import type { FullProgramRecord } from "../worker/db/programs";
import { completedSessions } from "../worker/db/tracking";
import { findUserById, softDeleteUser } from "../worker/db/users";
import { insertVoiceSession, markVoiceSessionEnded } from "../worker/db/voice-sessions";
import type { Env } from "../worker/env";
import { createLogger, type Logger, logLevel } from "../worker/logger";
import type { StepName } from "../worker/onboarding/steps";
import type { AgentType } from "../worker/personas/agent-types";
import { PERSONAS } from "../worker/personas/personas";
import { isToolName, type ToolResult } from "../worker/personas/tools";
import { maskToken } from "../worker/presenters/device";
import { toProfileRecord } from "../worker/presenters/profile";
import { toUserRecord, type UserRecord } from "../worker/presenters/user";
import type { ReminderPrefs } from "../worker/reminders/plan";
import { fail, ok, type Result } from "../worker/result";
import type { Recurrence } from "../worker/time/zoned";
import { localDate } from "../worker/time/zoned";
import type { PlannedDay, PlannedDayRef } from "../worker/tracking/service";
import type { UnitPreference } from "../worker/units";
import { AdaptationRunner } from "./adaptation-runner";
import { CachedDocument } from "./cached-document";
import { buildCoachingContext, type CoachingContext } from "./coaching-context";
import { type Conversation, Conversations, type StoredMessage } from "./conversations";
import { type Device, Devices } from "./devices";
import { Inbox, type Notification } from "./notifications";
import { type OnboardingState, OnboardingStore } from "./onboarding-store";
import { type CompleteResult, type PatchResult, ProfileModule } from "./profile-module";
import { JOB_SCHEDULE_KIND, type JobRecord, type JobRequest, ProgramJobs } from "./program-jobs";
import { ProgramsModule } from "./programs-module";
import { PUSH_SCHEDULE_KIND, PushDelivery } from "./push-delivery";
import { Realtime } from "./realtime";
import {
  ADAPTATION_SCHEDULE_KIND,
  REMINDER_SCHEDULE_KIND,
  RemindersModule,
} from "./reminders-module";
import { Scheduler } from "./scheduler";
import { migrateStorage } from "./storage-schema";
import { ToolRunner } from "./tool-runner";
import { type VoiceRoom, VoiceRooms } from "./voice-rooms";

/** Returned by actor methods when the user no longer exists or was deleted. */
export type Missing = { missing: true };

/**
 * One actor per user, addressed by user id (`env.USER_ACTOR.getByName(userId)`).
 * A thin shell: setup runs once before any entry point, then each call is handed to the
 * module that owns that concern.
 */
export class UserActor extends DurableObject<Env> {
  #userId: string | null = null;
  #log: Logger;
  #user: CachedDocument<UserRecord>;
  #onboarding: OnboardingStore;
  #profile: ProfileModule;
  #programs: ProgramsModule;
  #jobs: ProgramJobs;
  #scheduler: Scheduler;
  #realtime: Realtime;
  #inbox: Inbox;
  #devices: Devices;
  #push: PushDelivery;
  #reminders: RemindersModule;
  #adaptation: AdaptationRunner;
  #voiceRooms: VoiceRooms;
  #tools: ToolRunner;
  #conversations: Conversations;
  #context: CoachingContext | null = null;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.#log = createLogger({ actor: "UserActor" }, logLevel(env.LOG_LEVEL));
    // blockConcurrencyWhile holds every incoming call until the schema is current.
    ctx.blockConcurrencyWhile(async () => {
      migrateStorage(ctx.storage);
      this.#userId =
        ctx.storage.sql
          .exec<{ value: string }>("SELECT value FROM actor_meta WHERE key = 'user_id'")
          .toArray()[0]?.value ?? null;
      if (this.#userId) this.#log = this.#log.with({ user_id: this.#userId });
    });
    const sql = ctx.storage.sql;
    const db = () => database(env.DB);
    const userId = () => this.#requireUserId();
    this.#user = new CachedDocument(sql, "user");
    this.#onboarding = new OnboardingStore(sql);
    this.#realtime = new Realtime(ctx);
    this.#scheduler = new Scheduler(ctx.storage, {
      maxAttempts: () => this.#config().SCHEDULE_MAX_ATTEMPTS,
      backoffMs: (attempt) => this.#config().SCHEDULE_RETRY_BASE_MS * 2 ** (attempt - 1),
      onParked: (row, error) =>
        this.#log.error("schedule_parked", { kind: row.kind, key: row.key, error }),
    });
    this.#profile = new ProfileModule({
      sql,
      db,
      onboarding: this.#onboarding,
      log: () => this.#log,
      changed: () => this.#profileChanged(),
    });
    this.#programs = new ProgramsModule({
      sql,
      db,
      userId,
      timezone: () => this.#timezone(),
      emit: (type, data) => this.#realtime.broadcast(type, data),
      changed: () => {
        this.#context = null;
      },
    });
    this.#inbox = new Inbox(sql);
    this.#devices = new Devices(sql);
    this.#push = new PushDelivery({
      sql,
      inbox: this.#inbox,
      devices: this.#devices,
      config: () => this.#config(),
      log: () => this.#log,
    });
    this.#reminders = new RemindersModule({
      sql,
      scheduler: this.#scheduler,
      inbox: this.#inbox,
      profile: () => this.#profile.get(userId()),
      activeProgram: () => this.#programs.active(),
      emit: (type, data) => this.#realtime.broadcast(type, data),
      log: () => this.#log,
    });
    this.#voiceRooms = new VoiceRooms(sql);
    this.#conversations = new Conversations(sql);
    this.#tools = new ToolRunner({
      db,
      userId,
      today: () => this.getTodayWorkout(userId()),
      plan: () => this.#programs.today(),
      timezone: () => this.#timezone(),
      profile: () => this.#profile.get(userId()),
      activeProgram: () => this.#programs.active(),
      programUpdated: (program) => this.#programs.updated(program),
      patchProfile: async (patch) => "profile" in (await this.#profile.patch(userId(), patch)),
      reminderPrefs: () => this.#reminders.prefs(),
      setReminderPrefs: (prefs) => this.#reminders.setPrefs(prefs),
      sessionCompleted: () => {
        this.#context = null;
      },
      submitJob: (request) => this.#jobs.submit(request, null),
      job: (jobId) => this.#jobs.get(jobId),
      latestJob: () => this.#jobs.latest(),
    });
    this.#adaptation = new AdaptationRunner({
      sql,
      db,
      userId,
      profile: () => this.#profile.get(userId()),
      activeProgram: () => this.#programs.active(),
      programUpdated: (program) => this.#programs.updated(program),
      notify: (input) => this.#reminders.notify(input),
      log: () => this.#log,
    });
    this.#jobs = new ProgramJobs({
      sql,
      scheduler: this.#scheduler,
      db,
      config: () => this.#config(),
      userId,
      profile: () => this.#profile.get(userId()),
      activate: async (programId) => {
        await this.#programs.activate(programId);
        await this.#reminders.replan();
      },
      emit: (type, data) => this.#realtime.broadcast(type, data),
      log: () => this.#log,
    });
  }

  #config(): Config {
    const result = configFor(this.env);
    if (!result.ok)
      throw new Error(
        `configuration invalid: ${[...result.missing, ...result.invalid].join(", ")}`,
      );
    return result.config;
  }

  #requireUserId(): string {
    if (!this.#userId) throw new Error("actor used before it was bound to a user");
    return this.#userId;
  }

  /** Binds this actor to its user on first use; a mismatch means a routing bug, so fail loudly. */
  #bind(userId: string): void {
    if (this.#userId === userId) return;
    if (this.#userId !== null) throw new Error(`actor for ${this.#userId} called for ${userId}`);
    this.ctx.storage.sql.exec("INSERT INTO actor_meta (key, value) VALUES ('user_id', ?)", userId);
    this.#userId = userId;
    this.#log = this.#log.with({ user_id: userId });
  }

  async #loadUser(userId: string, refresh = false): Promise<UserRecord | null> {
    const cached = refresh ? null : this.#user.get();
    if (cached) return cached;
    const row = await findUserById(database(this.env.DB), userId);
    if (!row) return null;
    const record = toUserRecord(row);
    this.#user.store(record);
    return record;
  }

  async #timezone(): Promise<string> {
    const profile = await this.#profile.get(this.#requireUserId());
    return (profile?.data.timezone as string | undefined) ?? "UTC";
  }

  async #profileChanged(): Promise<void> {
    this.#context = null;
    // onboarding_completed lives on the user row: refresh the cached copy from D1.
    if (this.#userId) await this.#loadUser(this.#userId, true);
    const profile = this.#userId ? await this.#profile.get(this.#userId) : null;
    if (profile) this.#realtime.broadcast("profile.updated", toProfileRecord(profile));
    // Timezone, meal count or time of day may have changed: re-plan (unchanged rows stay).
    await this.#reminders.replan();
  }

  // --- entry points of the runtime -------------------------------------------------------

  /** WebSocket upgrades for /v1/realtime (the Worker has authenticated and passes the user). */
  override async fetch(request: Request): Promise<Response> {
    const userId = request.headers.get("x-actor-user-id");
    if (!userId || request.headers.get("upgrade")?.toLowerCase() !== "websocket")
      return new Response("expected a WebSocket upgrade", { status: 426 });
    this.#bind(userId);
    return this.#realtime.accept(request.headers.get("x-actor-socket-tag") ?? undefined);
  }

  override async webSocketMessage(socket: WebSocket, message: string | ArrayBuffer): Promise<void> {
    this.#realtime.onMessage(socket, message);
  }

  override async webSocketClose(socket: WebSocket, code: number): Promise<void> {
    this.#realtime.onClose(socket, code);
  }

  override async alarm(): Promise<void> {
    const result = await this.#scheduler.runDue({
      [JOB_SCHEDULE_KIND]: (row) => this.#jobs.runStep(row),
      [REMINDER_SCHEDULE_KIND]: (row) => this.#reminders.fire(row),
      [PUSH_SCHEDULE_KIND]: (row) => this.#push.run(row),
      [ADAPTATION_SCHEDULE_KIND]: async () => {
        await this.#adaptation.run();
      },
    });
    this.#log.debug("alarm_ran", result);
  }

  // --- account -------------------------------------------------------------------------

  /** The user's record from the cache, loading it from D1 on a miss. */
  async getUser(userId: string): Promise<UserRecord | Missing> {
    this.#bind(userId);
    const user = await this.#loadUser(userId);
    return !user || user.account_status === "deleted" ? { missing: true } : user;
  }

  /** Soft-deletes the account in D1, then the cached copy; idempotent. */
  async deleteAccount(userId: string): Promise<{ deleted: boolean }> {
    this.#bind(userId);
    const row = await softDeleteUser(database(this.env.DB), userId);
    await this.#loadUser(userId, true);
    this.#context = null;
    this.#log.info("account_deleted", { already_deleted: row === null });
    return { deleted: row !== null };
  }

  // --- onboarding and profile ------------------------------------------------------------

  getOnboarding(userId: string): OnboardingState {
    this.#bind(userId);
    return this.#onboarding.state(this.#profile.isOnboarded());
  }

  /** Saves one validated, normalised step; durable before this returns (one SQLite write). */
  saveOnboardingStep(
    userId: string,
    step: StepName,
    data: Record<string, unknown>,
  ): OnboardingState | { alreadyCompleted: true } {
    this.#bind(userId);
    if (this.#profile.isOnboarded()) return { alreadyCompleted: true };
    this.#onboarding.save(step, data);
    this.#context = null;
    return this.#onboarding.state(false);
  }

  completeOnboarding(userId: string): Promise<CompleteResult> {
    this.#bind(userId);
    return this.#profile.complete(userId);
  }

  async getProfile(userId: string) {
    this.#bind(userId);
    return this.#profile.get(userId);
  }

  patchProfile(userId: string, patch: Record<string, unknown>): Promise<PatchResult> {
    this.#bind(userId);
    return this.#profile.patch(userId, patch);
  }

  // --- programs --------------------------------------------------------------------------

  submitProgramJob(
    userId: string,
    request: JobRequest,
    idempotencyKey: string | null,
  ): Promise<{ job: JobRecord; created: boolean }> {
    this.#bind(userId);
    return this.#jobs.submit(request, idempotencyKey);
  }

  getProgramJob(userId: string, jobId: string): JobRecord | null {
    this.#bind(userId);
    return this.#jobs.get(jobId);
  }

  getActiveProgram(userId: string): Promise<FullProgramRecord | null> {
    this.#bind(userId);
    return this.#programs.active();
  }

  async activateProgram(userId: string, programId: string): Promise<FullProgramRecord | null> {
    this.#bind(userId);
    const program = await this.#programs.activate(programId);
    if (program) await this.#reminders.replan();
    return program;
  }

  /** Today's plan, marked completed once a session for that planned day is finished. */
  async getTodayWorkout(userId: string): Promise<TodayPlan> {
    this.#bind(userId);
    const plan = await this.#programs.today();
    if (plan.status !== "session" || !plan.program_id) return plan;
    const done = await completedSessions(database(this.env.DB), userId, plan.program_id);
    return {
      ...plan,
      completed: done.some(
        (s) => s.planned_week === plan.week && s.planned_weekday === plan.weekday,
      ),
    };
  }

  // --- tracking ----------------------------------------------------------------------------

  /** The user's timezone and local date now (for stamping logs). */
  /** The user's local date, timezone and preferred units (from the cached profile). */
  async localNow(
    userId: string,
  ): Promise<{ timezone: string; date: string; units: UnitPreference }> {
    this.#bind(userId);
    const profile = await this.#profile.get(userId);
    const timezone = (profile?.data.timezone as string | undefined) ?? "UTC";
    const units = profile?.data.unit_preference === "imperial" ? "imperial" : "metric";
    return { timezone, date: localDate(timezone), units };
  }

  /** Which planned day of the active program a session is for, with its targets. */
  async resolvePlannedDay(userId: string, planned: PlannedDayRef): Promise<Result<PlannedDay>> {
    this.#bind(userId);
    const program = await this.#programs.active();
    if (!program)
      return fail("no_active_program", "There is no active program to plan this session from.");
    const target = planned === "today" ? await this.#programs.today() : null;
    const week = target ? target.week : (planned as { week: number }).week;
    const weekday = (
      target ? target.weekday : (planned as { weekday: Weekday }).weekday
    ) as Weekday;
    const day = program.weeks.find((w) => w.week === week)?.days.find((d) => d.weekday === weekday);
    if (!day || week === null)
      return fail("no_session_that_day", "The active program has no session on that day.");
    return ok({
      program_id: program.id,
      week,
      weekday,
      targets: Object.fromEntries(
        day.exercises.map((e) => [
          e.exercise_id,
          {
            sets: e.sets,
            rep_min: e.rep_min,
            rep_max: e.rep_max,
            target_rir: e.target_rir,
            rest_seconds: e.rest_seconds,
          },
        ]),
      ),
    });
  }

  /** A planned session was completed: adherence in the coaching context changes. */
  sessionCompleted(userId: string): void {
    this.#bind(userId);
    this.#context = null;
    this.#log.info("planned_session_completed");
  }

  async #adherence(userId: string, program: FullProgramRecord, date: string) {
    const done = await completedSessions(database(this.env.DB), userId, program.id);
    const planned = plannedSessions(program, date);
    return {
      last_7_days: adherence(planned, done, date, 7),
      streak: streaks(planned, done, date).current,
    };
  }

  // --- reminders, notifications, devices ---------------------------------------------------

  getReminders(userId: string): Promise<ReminderPrefs> {
    this.#bind(userId);
    return this.#reminders.prefs();
  }

  async putReminders(
    userId: string,
    prefs: ReminderPrefs,
  ): Promise<{ prefs: ReminderPrefs; scheduled: number }> {
    this.#bind(userId);
    await this.#reminders.setPrefs(prefs);
    return {
      prefs,
      scheduled: this.#scheduler.list().filter((row) => row.kind === REMINDER_SCHEDULE_KIND).length,
    };
  }

  /** The pending reminder schedules with their next due times (for clients and operators). */
  listReminderSchedules(
    userId: string,
  ): Array<{ key: string; next_at: string; recurrence: Recurrence | null }> {
    this.#bind(userId);
    return this.#scheduler
      .list()
      .filter((row) => row.kind === REMINDER_SCHEDULE_KIND)
      .map((row) => ({
        key: row.key,
        next_at: new Date(row.run_at).toISOString(),
        recurrence: row.recurrence ? (JSON.parse(row.recurrence) as Recurrence) : null,
      }));
  }

  listNotifications(
    userId: string,
    options: { limit: number; unreadOnly: boolean; after?: Cursor },
  ) {
    this.#bind(userId);
    return this.#inbox.list(options);
  }

  markNotificationRead(userId: string, id: string): Notification | null {
    this.#bind(userId);
    return this.#inbox.markRead(id);
  }

  markAllNotificationsRead(userId: string): { updated: number } {
    this.#bind(userId);
    return { updated: this.#inbox.markAllRead() };
  }

  registerDevice(userId: string, input: Pick<Device, "platform" | "provider" | "token">) {
    this.#bind(userId);
    const result = this.#devices.register(input);
    if (result.created)
      this.#log.info("device_registered", {
        device_id: result.device.id,
        provider: input.provider,
        token: maskToken(input.token),
      });
    return result;
  }

  listDevices(userId: string, page: { limit: number; after?: Cursor }): Page<Device> {
    this.#bind(userId);
    return this.#devices.page(page);
  }

  removeDevice(userId: string, deviceId: string): boolean {
    this.#bind(userId);
    return this.#devices.remove(deviceId);
  }

  // --- voice sessions and the agent callback API ------------------------------------------

  /** Records a new voice room here (active sessions) and in D1 (history). */
  async recordVoiceSession(
    userId: string,
    room: Omit<VoiceRoom, "status" | "ended_at">,
  ): Promise<void> {
    this.#bind(userId);
    await insertVoiceSession(database(this.env.DB), userId, {
      roomName: room.room_name,
      agentType: room.agent_type,
      mode: room.mode,
      createdAt: room.created_at,
    });
    this.#voiceRooms.record(room);
  }

  activeVoiceSessions(userId: string): VoiceRoom[] {
    this.#bind(userId);
    return this.#voiceRooms.active();
  }

  getVoiceSession(userId: string, roomName: string): VoiceRoom | null {
    this.#bind(userId);
    return this.#voiceRooms.get(roomName);
  }

  /** Ends a room (deleted, finished or gone from LiveKit); idempotent. */
  async endVoiceSession(userId: string, roomName: string, at = new Date()): Promise<void> {
    this.#bind(userId);
    if (!this.#voiceRooms.get(roomName)) return;
    this.#voiceRooms.end(roomName, at);
    await markVoiceSessionEnded(database(this.env.DB), roomName, at.toISOString());
  }

  /** The room of an agent token while it is live (with the coach speaking now), else null. */
  liveVoiceSession(userId: string, roomName: string): VoiceRoom | null {
    this.#bind(userId);
    return this.#voiceRooms.live(roomName);
  }

  /**
   * An in-call hand-off: from now on the agent API serves this coach's persona and tools for
   * the room. The app hears of it on its realtime socket. Null when the room is not live.
   */
  handOffVoiceCoach(
    userId: string,
    roomName: string,
    agentType: AgentType,
    reason: string | null,
  ): { from: string } | null {
    this.#bind(userId);
    const from = this.#voiceRooms.setCoach(roomName, agentType);
    if (from === null) return null;
    if (from !== agentType) {
      this.#log.info("voice_coach_handoff", { room: roomName, from, to: agentType, reason });
      this.#realtime.broadcast("voice.coach_changed", {
        room_name: roomName,
        agent_type: agentType,
        previous_agent_type: from,
        reason,
      });
    }
    return { from };
  }

  /** Runs a coach tool for the agent of a live room, within that coach's tool subset. */
  async runTool(
    userId: string,
    call: { agentType: AgentType; channel: string; name: string; args: unknown },
  ): Promise<ToolResult | { notAllowed: true } | { unknown: true }> {
    this.#bind(userId);
    if (!isToolName(call.name)) return { unknown: true };
    if (!PERSONAS[call.agentType].tools.includes(call.name)) return { notAllowed: true };
    const result = await this.#tools.run(call.name, call.args, { channel: call.channel });
    this.#log.info("coach_tool_call", { tool: call.name, channel: call.channel, ok: result.ok });
    return result;
  }

  // --- text chat ---------------------------------------------------------------------------

  /** What a chat turn starts from: the conversation (if any) and today's token use. */
  async chatState(userId: string, conversationId: string | null) {
    this.#bind(userId);
    const day = localDate(await this.#timezone());
    const conversation = conversationId ? this.#conversations.get(conversationId) : null;
    return {
      conversation,
      unknownConversation: conversationId !== null && !conversation,
      usedToday: this.#conversations.usageToday(day),
    };
  }

  /** Opens (or creates) the conversation for a turn with its bounded history and the context. */
  async chatStart(userId: string, conversationId: string | null, agentType: string) {
    this.#bind(userId);
    const conversation: Conversation =
      (conversationId ? this.#conversations.get(conversationId) : null) ??
      this.#conversations.create(agentType);
    const context = await this.getCoachingContext(userId);
    return {
      conversation,
      history: this.#conversations.messages(conversation.id),
      context: "missing" in context ? null : context,
    };
  }

  async chatFinish(
    userId: string,
    conversationId: string,
    turn: {
      messages: StoredMessage[];
      events: Array<{ kind: string; data: unknown }>;
      agentType: string;
      usage: { input_tokens: number; output_tokens: number };
    },
  ): Promise<void> {
    this.#bind(userId);
    this.#conversations.saveTurn(conversationId, turn, this.#config().CHAT_HISTORY_MESSAGES);
    this.#conversations.addUsage(localDate(await this.#timezone()), turn.usage);
  }

  listConversations(userId: string, page: { limit: number; after?: Cursor }) {
    this.#bind(userId);
    return this.#conversations.list(page);
  }

  getConversation(userId: string, conversationId: string) {
    this.#bind(userId);
    const conversation = this.#conversations.get(conversationId);
    if (!conversation) return null;
    return {
      ...conversation,
      messages: this.#conversations.messages(conversationId),
      events: this.#conversations.events(conversationId),
    };
  }

  // --- coaching context --------------------------------------------------------------------

  /** Everything a coach needs for a turn; cached until a write changes a part or the day turns. */
  async getCoachingContext(userId: string): Promise<CoachingContext | Missing> {
    this.#bind(userId);
    const cached = this.#context;
    if (
      cached &&
      (!cached.user.timezone || cached.user.local_date === localDate(cached.user.timezone))
    )
      return cached;
    const user = await this.#loadUser(userId);
    if (!user || user.account_status === "deleted") return { missing: true };
    const profile = await this.#profile.get(userId);
    const program = profile ? await this.#programs.active() : null;
    const today = profile ? await this.#programs.today() : null;
    this.#context = buildCoachingContext({
      user,
      profile,
      onboarding: this.#onboarding.state(profile !== null),
      program,
      today,
      adherence: program && today ? await this.#adherence(userId, program, today.date) : null,
    });
    return this.#context;
  }
}
