import { DurableObject } from "cloudflare:workers";
import type { Cursor } from "../worker/db/pages";
import { statusOf } from "../worker/error-codes";
import type { StepName } from "../worker/onboarding/steps";
import type { AgentType } from "../worker/personas/agent-types";
import type { ReminderPrefs } from "../worker/reminders/plan";
import {
  correctSet,
  logBodyWeight,
  logMeal,
  logSet,
  removeSet,
  type SetInput,
  startSession,
  updateWorkoutSession,
} from "../worker/tracking/service";
import { AccountClosedError } from "./account";
import type { ToolCall } from "./actor-tools";
import { AGENT_SOCKETS_PER_ROOM, AGENT_TAG } from "./agent-feed";
import type { ChatTurn, TokenUsage } from "./chat";
import { answerClosedAccounts } from "./closed-answers";
import type { Device } from "./devices";
import { migrateStorage } from "./storage-schema";
import { UserModules } from "./user-modules";
import type { NewVoiceRoom, VoiceHistoryStatus } from "./voice-rooms";
import type { TurnRole } from "./voice-transcripts";

/** An upgrade the actor refuses: the Worker answers it as ApiError(code) (routes/agent.ts). */
const refusal = (code: "session_ended" | "agent_socket_limit", message: string) =>
  Response.json({ code, message }, { status: statusOf(code) });

/** A page of a user's logs in a local-date range. */
type SessionQuery = { from?: string; to?: string; limit: number; after?: Cursor };

/**
 * One actor per user, addressed by user id (`env.USER_ACTOR.getByName(userId)`). A shell:
 * setup runs once before any entry point, then each call is handed to the module that owns
 * it (durable-objects/user-modules.ts wires them). Every RPC names its user, and the actor
 * refuses a call for anyone but the user it belongs to.
 */
export class UserActor extends DurableObject<Env> {
  readonly #modules: UserModules;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.#modules = new UserModules(ctx, env);
    // blockConcurrencyWhile holds every incoming call until the schema is current.
    ctx.blockConcurrencyWhile(async () => {
      migrateStorage(ctx.storage);
      const row = ctx.storage.sql
        .exec<{ value: string }>("SELECT value FROM actor_meta WHERE key = 'user_id'")
        .toArray()[0];
      this.#modules.restoreUser(row?.value ?? null);
    });
  }

  /** The modules, bound to this call's user, while the account is open (else it throws). */
  async #open(userId: string): Promise<UserModules> {
    const modules = this.#modules.bind(userId);
    await modules.account.ensureOpen();
    return modules;
  }

  // --- entry points of the runtime -------------------------------------------------------

  /** WebSocket upgrades for /v1/realtime and the agent events (the Worker authenticated them). */
  override async fetch(request: Request): Promise<Response> {
    const userId = request.headers.get("x-actor-user-id");
    if (!userId || request.headers.get("upgrade")?.toLowerCase() !== "websocket")
      return new Response("expected a WebSocket upgrade", { status: 426 });
    const modules = await this.#open(userId).catch((error: unknown) => {
      if (error instanceof AccountClosedError) return null;
      throw error;
    });
    if (!modules) return refusal("session_ended", "The account of this session is closed.");
    const tag = request.headers.get("x-actor-socket-tag") ?? undefined;
    const roomName = request.headers.get("x-actor-room") ?? undefined;
    if (tag === AGENT_TAG) {
      // An agent's socket belongs to its room: refused once the room is no longer live (it may
      // have ended between the Worker's check and this upgrade), and beyond the room's few.
      // Counted and accepted with no await between, so concurrent upgrades cannot overshoot.
      if (!(roomName && modules.voice.live(roomName)))
        return refusal("session_ended", "The voice session of this token has ended.");
      if (modules.realtime.agentSockets(roomName) >= AGENT_SOCKETS_PER_ROOM)
        return refusal(
          "agent_socket_limit",
          `This room already has ${AGENT_SOCKETS_PER_ROOM} agent sockets open; close one first.`,
        );
    }
    return modules.realtime.accept(tag, roomName);
  }

  override async webSocketMessage(socket: WebSocket, message: string | ArrayBuffer) {
    this.#modules.realtime.onMessage(socket, message);
  }

  override async webSocketClose(socket: WebSocket, code: number) {
    this.#modules.realtime.onClose(socket, code);
  }

  override async alarm() {
    await this.#modules.runDue();
  }

  // --- account, onboarding, profile -------------------------------------------------------

  async getUser(userId: string) {
    return (await this.#open(userId)).account.get();
  }

  /** Whether the account is open and since when its sessions are valid: what the auth middleware asks. */
  accountAccess(userId: string) {
    return this.#modules.bind(userId).account.access();
  }

  /**
   * Ends every session of the account (a password change or reset, "sign out everywhere"):
   * access tokens issued before `at` are refused. The account row is reloaded (a new password
   * cleared its pending email change in D1).
   */
  async endSessions(userId: string, at: number = Date.now()) {
    const modules = await this.#open(userId);
    modules.account.endSessions(at);
    await modules.account.refresh();
    await modules.events.changed("account");
    return modules.account.access();
  }

  /** The account row changed in D1 (email verified or changed): reload the cached copy. */
  async accountChanged(userId: string) {
    const modules = await this.#open(userId);
    await modules.account.refresh();
    await modules.events.changed("account");
  }

  /**
   * Suspends or reinstates the account (operators); a suspended one's sessions end and its
   * sockets are closed. Never the last active admin (`last_admin`).
   */
  async setSuspended(userId: string, suspended: boolean) {
    const modules = this.#modules.bind(userId);
    const result = await modules.account.setSuspended(suspended);
    if (result.ok && suspended) modules.realtime.closeAll(4003, "account_suspended");
    return result;
  }

  /** Takes one of the data exports allowed in 24 hours (EXPORTS_PER_DAY). */
  async reserveExport(userId: string) {
    const modules = await this.#open(userId);
    return modules.quotas.take("export", modules.config().EXPORTS_PER_DAY);
  }

  /** Deletes the account (see account-deletion.ts); the answer comes once it is closed. */
  async deleteAccount(userId: string) {
    return (await this.#open(userId)).deletion.start();
  }

  /**
   * Erases a stale unverified account whose address a new signup asks for, as a deletion does;
   * false when the address was verified meanwhile (the signup then gets its 409).
   */
  async releaseUnverified(userId: string) {
    return (await this.#open(userId)).deletion.release();
  }

  // --- operators (/admin) ------------------------------------------------------------------

  /** An operator's deletion: as deleteAccount, and also for a suspended account. */
  async deleteAccountByOperator(userId: string) {
    const modules = this.#modules.bind(userId);
    const status = await modules.account.status();
    if (status === "deleted" || status === "missing") throw new AccountClosedError(status);
    return modules.deletion.start();
  }

  /**
   * How many sessions, sets and meals the user has logged (the admin user detail). Read for a
   * suspended account too, so it binds without requiring the account open.
   */
  async logCounts(userId: string) {
    return this.#modules.bind(userId).tracking.counts();
  }

  /** Queues a failed job's request again as a new job; closes its operator issue. */
  async retryFailedJob(userId: string, jobId: string) {
    const modules = await this.#open(userId);
    const result = await modules.jobs.retry(jobId);
    if (result.ok) await modules.resolveIssue("program_job", jobId);
    return result;
  }

  /** Runs a parked schedule again now, with fresh attempts; false when none is parked. */
  async retryParkedSchedule(userId: string, key: string) {
    const modules = await this.#open(userId);
    const found = await modules.scheduler.retryParked(key);
    if (found) await modules.resolveIssue("parked_schedule", key);
    return found;
  }

  /** Drops a parked schedule for good; false when none is parked. */
  async dropParkedSchedule(userId: string, key: string) {
    const modules = await this.#open(userId);
    const found = modules.scheduler.dropParked(key);
    if (found) await modules.resolveIssue("parked_schedule", key);
    return found;
  }

  async getOnboarding(userId: string) {
    return (await this.#open(userId)).onboarding.current();
  }

  /** getOnboarding as JSON text (GET /v1/onboarding sends it unchanged). */
  async getOnboardingJson(userId: string) {
    return (await this.#open(userId)).onboarding.currentJson();
  }

  /**
   * Saves one validated, normalised step; durable before this returns (one SQLite write).
   * Answers the new state as JSON text, which the route sends unchanged.
   */
  async saveOnboardingStep(userId: string, step: StepName, data: Record<string, unknown>) {
    return (await this.#open(userId)).onboarding.saveStep(step, data);
  }

  async completeOnboarding(userId: string) {
    return (await this.#open(userId)).profile.complete();
  }

  async getProfile(userId: string) {
    return (await this.#open(userId)).profile.get();
  }

  /** The profile record as JSON text and its version (GET /v1/profile sends it unchanged). */
  async getProfileJson(userId: string) {
    return (await this.#open(userId)).profile.getJson();
  }

  async patchProfile(userId: string, patch: Record<string, unknown>, expectedVersion?: number) {
    return (await this.#open(userId)).profile.patch(patch, expectedVersion);
  }

  /** The user's timezone, local date and preferred units. */
  async localNow(userId: string) {
    return (await this.#open(userId)).profile.localNow();
  }

  /** The coaching context as JSON text (GET /v1/coach/context sends it unchanged). */
  async getCoachingContextJson(userId: string) {
    return (await this.#open(userId)).context.json();
  }

  /** The coaching context and what the user last wrote with this coach (voice recalls chat). */
  async getCoachBriefing(userId: string, agentType: string) {
    const modules = await this.#open(userId);
    const context = await modules.context.get();
    return context.ok ? { context: context.value, chat: modules.chat.recall(agentType) } : null;
  }

  // --- programs ---------------------------------------------------------------------------

  async submitProgramJob(
    userId: string,
    request: Parameters<UserModules["jobs"]["submit"]>[0],
    key: string | null,
  ) {
    return (await this.#open(userId)).jobs.submit(request, key);
  }

  async getProgramJob(userId: string, jobId: string) {
    return (await this.#open(userId)).jobs.get(jobId);
  }

  /** A page of every program job, oldest first (the data export). */
  async listProgramJobs(userId: string, page: { limit: number; after?: Cursor }) {
    return (await this.#open(userId)).jobs.page(page);
  }

  async getActiveProgram(userId: string) {
    return (await this.#open(userId)).programs.active();
  }

  async activateProgram(userId: string, programId: string) {
    return (await this.#open(userId)).programs.activate(programId);
  }

  async getTodayWorkout(userId: string) {
    return (await this.#open(userId)).programs.todayWithCompletion();
  }

  // --- the user's logs (durable-objects/tracking.ts; rules in worker/tracking/service.ts) ---
  // One call per request: answers that show weights carry the user's units beside them.

  async startWorkoutSession(userId: string, input: Parameters<typeof startSession>[1]) {
    return startSession((await this.#open(userId)).tracking.context(), input);
  }

  async updateWorkoutSession(
    userId: string,
    sessionId: string,
    patch: Parameters<typeof updateWorkoutSession>[2],
  ) {
    return updateWorkoutSession((await this.#open(userId)).tracking.context(), sessionId, patch);
  }

  async listWorkoutSessions(userId: string, query: SessionQuery) {
    return (await this.#open(userId)).tracking.listSessions(query);
  }

  async logSet(userId: string, sessionId: string, input: SetInput) {
    const { tracking } = await this.#open(userId);
    const [result, units] = await Promise.all([
      logSet(tracking.context(), sessionId, input),
      tracking.units(),
    ]);
    return { result, units };
  }

  /** A page of one session's sets, or of all the user's sets without a session (the export). */
  async listSets(userId: string, query: { sessionId?: string; limit: number; after?: Cursor }) {
    const { tracking } = await this.#open(userId);
    return { result: tracking.listSets(query), units: await tracking.units() };
  }

  async correctSet(
    userId: string,
    sessionId: string,
    setId: string,
    patch: Parameters<typeof correctSet>[3],
  ) {
    const { tracking } = await this.#open(userId);
    const [result, units] = await Promise.all([
      correctSet(tracking.context(), sessionId, setId, patch),
      tracking.units(),
    ]);
    return { result, units };
  }

  async removeSet(userId: string, sessionId: string, setId: string) {
    return removeSet((await this.#open(userId)).tracking.context(), sessionId, setId);
  }

  async logBodyWeight(userId: string, input: Parameters<typeof logBodyWeight>[1]) {
    const { tracking } = await this.#open(userId);
    const [result, units] = await Promise.all([
      logBodyWeight(tracking.context(), input),
      tracking.units(),
    ]);
    return { result, units };
  }

  async listBodyWeights(userId: string, query: SessionQuery) {
    const { tracking } = await this.#open(userId);
    return { page: tracking.listBodyWeights(query), units: await tracking.units() };
  }

  async logMeal(userId: string, input: Parameters<typeof logMeal>[1]) {
    return logMeal((await this.#open(userId)).tracking.context(), input);
  }

  /** Meal logs in a local-date range; with no range, today's (or all: the export). */
  async listMeals(userId: string, query: SessionQuery, todayWhenOpen = true) {
    return (await this.#open(userId)).tracking.listMeals(query, todayWhenOpen);
  }

  /** Today's nutrition targets (null before onboarding) and what is logged (GET /v1/nutrition/today). */
  async nutritionToday(userId: string) {
    const modules = await this.#open(userId);
    const [profile, today] = await Promise.all([
      modules.profile.get(),
      modules.tracking.mealsToday(),
    ]);
    return { ...today, targets: profile?.nutritionTargets ?? null };
  }

  /**
   * GET /v1/progress as JSON text (ProgressSchema's shape), cached in the actor until a write:
   * a string crosses RPC without an object copy and the Worker sends it as it is.
   */
  async progressJson(userId: string, days: number) {
    return (await this.#open(userId)).tracking.progressJson(days);
  }

  // --- reminders, notifications, devices --------------------------------------------------

  async getReminders(userId: string) {
    return (await this.#open(userId)).reminders.prefs();
  }

  async putReminders(userId: string, prefs: ReminderPrefs) {
    return (await this.#open(userId)).reminders.setPrefs(prefs);
  }

  /** The pending reminder schedules with their next due times (for clients and operators). */
  async listReminderSchedules(userId: string) {
    return (await this.#open(userId)).reminders.schedules();
  }

  async listNotifications(
    userId: string,
    options: { limit: number; unreadOnly: boolean; after?: Cursor },
  ) {
    return (await this.#open(userId)).inbox.list(options);
  }

  async markNotificationRead(userId: string, id: string) {
    return (await this.#open(userId)).inbox.markRead(id);
  }

  async markAllNotificationsRead(userId: string) {
    return { updated: (await this.#open(userId)).inbox.markAllRead() };
  }

  /** A realtime ticket opens one socket: true the first time it is presented. */
  async claimRealtimeTicket(userId: string, ticketId: string, expiresAt: number) {
    return (await this.#open(userId)).usedTickets.claim(ticketId, expiresAt);
  }

  async registerDevice(userId: string, input: Pick<Device, "platform" | "provider" | "token">) {
    return (await this.#open(userId)).devices.register(input);
  }

  async listDevices(userId: string, page: { limit: number; after?: Cursor }) {
    return (await this.#open(userId)).devices.page(page);
  }

  /** Removes a device; answers its token (null when there was none). */
  async removeDevice(userId: string, deviceId: string) {
    return (await this.#open(userId)).devices.remove(deviceId);
  }

  /**
   * The push token was registered on another account: it is no longer this one's (a suspended
   * account too; a deleted one has no devices left).
   */
  dropPushToken(userId: string, token: string) {
    return this.#modules.bind(userId).devices.removeToken(token);
  }

  // --- voice and the agent callback API ---------------------------------------------------

  /**
   * Opens a room within the user's voice limits (live rooms, daily minutes), or says which.
   * A paid pipeline: only for a verified address.
   */
  async openVoiceSession(userId: string, room: NewVoiceRoom) {
    const modules = await this.#open(userId);
    return (await modules.account.unverified()) ?? modules.voice.open(room);
  }

  /** Forgets a room LiveKit failed to set up. */
  async discardVoiceSession(userId: string, roomName: string) {
    return (await this.#open(userId)).voice.discard(roomName);
  }

  async activeVoiceSessions(userId: string) {
    return (await this.#open(userId)).voice.active();
  }

  async getVoiceSession(userId: string, roomName: string) {
    return (await this.#open(userId)).voice.get(roomName);
  }

  async endVoiceSession(userId: string, roomName: string, at?: Date) {
    return (await this.#open(userId)).voice.end(roomName, at);
  }

  /** The user's own participant joined or left a room (LiveKit webhooks): voice minutes. */
  async voicePresence(userId: string, roomName: string, change: "joined" | "left", at: Date) {
    return (await this.#open(userId)).voice.presence(roomName, change, at);
  }

  /** A page of the user's calls: live ones first, then ended ones with their summaries. */
  async voiceHistory(
    userId: string,
    options: { limit: number; after?: Cursor; status?: VoiceHistoryStatus },
  ) {
    return (await this.#open(userId)).voice.history(options);
  }

  async voiceTranscript(userId: string, roomName: string) {
    return (await this.#open(userId)).voice.transcript(roomName);
  }

  /** A final transcript turn of a live call (the agent host posts them); once per turn id. */
  async addVoiceTurn(
    userId: string,
    roomName: string,
    turn: { turn_id: string; role: TurnRole; text: string; spoken_at: string },
  ) {
    return (await this.#open(userId)).voice.addTurn(roomName, turn);
  }

  async liveVoiceSession(userId: string, roomName: string) {
    return (await this.#open(userId)).voice.live(roomName);
  }

  async handOffVoiceCoach(
    userId: string,
    roomName: string,
    agentType: AgentType,
    reason: string | null,
  ) {
    return (await this.#open(userId)).voice.handOff(roomName, agentType, reason);
  }

  /** Runs a coach tool within that coach's tool subset (voice agent and text chat). */
  async runTool(userId: string, call: ToolCall) {
    return (await this.#open(userId)).tools.run(call);
  }

  // --- text chat --------------------------------------------------------------------------

  /**
   * The conversation and a hold of one turn's tokens on the 24-hour budget
   * (chat_budget_exceeded). Model calls are paid: only for a verified address.
   */
  async chatReserve(userId: string, conversationId: string | null) {
    const modules = await this.#open(userId);
    return (await modules.account.unverified()) ?? modules.chat.reserve(conversationId);
  }

  async chatStart(userId: string, conversationId: string | null, agentType: string) {
    return (await this.#open(userId)).chat.start(conversationId, agentType);
  }

  async chatFinish(userId: string, conversationId: string, turn: ChatTurn, reservationId: string) {
    return (await this.#open(userId)).chat.finish(conversationId, turn, reservationId);
  }

  /** Settles a turn that failed: what its model calls used, 0 when none was made. */
  async chatSettle(userId: string, reservationId: string, usage: TokenUsage) {
    return (await this.#open(userId)).chat.settle(reservationId, usage);
  }

  async listConversations(userId: string, page: { limit: number; after?: Cursor }) {
    return (await this.#open(userId)).chat.list(page);
  }

  async getConversation(
    userId: string,
    conversationId: string,
    events: { limit: number; after?: Cursor },
  ) {
    return (await this.#open(userId)).chat.get(conversationId, events);
  }
}

answerClosedAccounts(UserActor.prototype);
