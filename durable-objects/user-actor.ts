import { DurableObject } from "cloudflare:workers";
import type { Cursor } from "../worker/db/pages";
import type { StepName } from "../worker/onboarding/steps";
import type { AgentType } from "../worker/personas/agent-types";
import type { ReminderPrefs } from "../worker/reminders/plan";
import type { PlannedDayRef } from "../worker/tracking/service";
import type { ToolCall } from "./actor-tools";
import type { ChatTurn } from "./chat";
import type { Device } from "./devices";
import { REMINDER_SCHEDULE_KIND } from "./reminders";
import { migrateStorage } from "./storage-schema";
import { UserModules } from "./user-modules";
import type { VoiceRoom } from "./voice-rooms";

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

  /** The modules, bound to this call's user. */
  #for(userId: string): UserModules {
    return this.#modules.bind(userId);
  }

  // --- entry points of the runtime -------------------------------------------------------

  /** WebSocket upgrades for /v1/realtime and the agent events (the Worker authenticated them). */
  override async fetch(request: Request): Promise<Response> {
    const userId = request.headers.get("x-actor-user-id");
    if (!userId || request.headers.get("upgrade")?.toLowerCase() !== "websocket")
      return new Response("expected a WebSocket upgrade", { status: 426 });
    return this.#for(userId).realtime.accept(
      request.headers.get("x-actor-socket-tag") ?? undefined,
    );
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

  getUser(userId: string) {
    return this.#for(userId).account.get();
  }

  deleteAccount(userId: string) {
    return this.#for(userId).account.delete();
  }

  getOnboarding(userId: string) {
    return this.#for(userId).onboarding.current();
  }

  /** Saves one validated, normalised step; durable before this returns (one SQLite write). */
  saveOnboardingStep(userId: string, step: StepName, data: Record<string, unknown>) {
    return this.#for(userId).onboarding.saveStep(step, data);
  }

  completeOnboarding(userId: string) {
    return this.#for(userId).profile.complete();
  }

  getProfile(userId: string) {
    return this.#for(userId).profile.get();
  }

  patchProfile(userId: string, patch: Record<string, unknown>) {
    return this.#for(userId).profile.patch(patch);
  }

  /** The user's timezone, local date and preferred units. */
  localNow(userId: string) {
    return this.#for(userId).profile.localNow();
  }

  getCoachingContext(userId: string) {
    return this.#for(userId).context.get();
  }

  // --- programs ---------------------------------------------------------------------------

  submitProgramJob(
    userId: string,
    request: Parameters<UserModules["jobs"]["submit"]>[0],
    key: string | null,
  ) {
    return this.#for(userId).jobs.submit(request, key);
  }

  getProgramJob(userId: string, jobId: string) {
    return this.#for(userId).jobs.get(jobId);
  }

  getActiveProgram(userId: string) {
    return this.#for(userId).programs.active();
  }

  activateProgram(userId: string, programId: string) {
    return this.#for(userId).programs.activate(programId);
  }

  getTodayWorkout(userId: string) {
    return this.#for(userId).programs.todayWithCompletion();
  }

  resolvePlannedDay(userId: string, ref: PlannedDayRef) {
    return this.#for(userId).programs.plannedDay(ref);
  }

  /** A planned session was completed (logged through the REST API): adherence changed. */
  sessionCompleted(userId: string) {
    return this.#for(userId).events.changed("adherence");
  }

  // --- reminders, notifications, devices --------------------------------------------------

  getReminders(userId: string) {
    return this.#for(userId).reminders.prefs();
  }

  putReminders(userId: string, prefs: ReminderPrefs) {
    return this.#for(userId).reminders.setPrefs(prefs);
  }

  /** The pending reminder schedules with their next due times (for clients and operators). */
  listReminderSchedules(userId: string) {
    return this.#for(userId).scheduler.recurring(REMINDER_SCHEDULE_KIND);
  }

  listNotifications(
    userId: string,
    options: { limit: number; unreadOnly: boolean; after?: Cursor },
  ) {
    return this.#for(userId).inbox.list(options);
  }

  markNotificationRead(userId: string, id: string) {
    return this.#for(userId).inbox.markRead(id);
  }

  markAllNotificationsRead(userId: string) {
    return { updated: this.#for(userId).inbox.markAllRead() };
  }

  registerDevice(userId: string, input: Pick<Device, "platform" | "provider" | "token">) {
    return this.#for(userId).devices.register(input);
  }

  listDevices(userId: string, page: { limit: number; after?: Cursor }) {
    return this.#for(userId).devices.page(page);
  }

  removeDevice(userId: string, deviceId: string) {
    return this.#for(userId).devices.remove(deviceId);
  }

  // --- voice and the agent callback API ---------------------------------------------------

  recordVoiceSession(userId: string, room: Omit<VoiceRoom, "status" | "ended_at">) {
    return this.#for(userId).voice.record(room);
  }

  activeVoiceSessions(userId: string) {
    return this.#for(userId).voice.active();
  }

  getVoiceSession(userId: string, roomName: string) {
    return this.#for(userId).voice.get(roomName);
  }

  endVoiceSession(userId: string, roomName: string, at?: Date) {
    return this.#for(userId).voice.end(roomName, at);
  }

  liveVoiceSession(userId: string, roomName: string) {
    return this.#for(userId).voice.live(roomName);
  }

  handOffVoiceCoach(userId: string, roomName: string, agentType: AgentType, reason: string | null) {
    return this.#for(userId).voice.handOff(roomName, agentType, reason);
  }

  /** Runs a coach tool within that coach's tool subset (voice agent and text chat). */
  runTool(userId: string, call: ToolCall) {
    return this.#for(userId).tools.run(call);
  }

  // --- text chat --------------------------------------------------------------------------

  chatState(userId: string, conversationId: string | null) {
    return this.#for(userId).chat.state(conversationId);
  }

  chatStart(userId: string, conversationId: string | null, agentType: string) {
    return this.#for(userId).chat.start(conversationId, agentType);
  }

  chatFinish(userId: string, conversationId: string, turn: ChatTurn) {
    return this.#for(userId).chat.finish(conversationId, turn);
  }

  listConversations(userId: string, page: { limit: number; after?: Cursor }) {
    return this.#for(userId).chat.list(page);
  }

  getConversation(userId: string, conversationId: string) {
    return this.#for(userId).chat.get(conversationId);
  }
}
