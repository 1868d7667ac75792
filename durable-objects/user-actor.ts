import { DurableObject } from "cloudflare:workers";
import { errorFields } from "../kernel/logger";
import { AccountApi } from "./account/account-api";
import { OperatorApi } from "./account/operator-api";
import { BackupVerifierApi } from "./backups/backup-verifier-api";
import { BackupsApi } from "./backups/backups-api";
import { ChatApi } from "./chat/chat-api";
import { CoachApi } from "./context/coach-api";
import { type ConcernApi, type ConcernClass, closedApi } from "./front-door";
import { HealthApi } from "./health/health-api";
import { LifterApi } from "./lifter/lifter-api";
import { NutritionApi } from "./nutrition/nutrition-api";
import { OnboardingApi } from "./onboarding/onboarding-api";
import { ProfileApi } from "./onboarding/profile-api";
import { ProgramsApi } from "./programs/programs-api";
import { RealtimeApi } from "./realtime/realtime-api";
import { acceptUpgrade } from "./realtime/upgrade";
import { DevicesApi } from "./reminders/devices-api";
import { NotificationsApi } from "./reminders/notifications-api";
import { RemindersApi } from "./reminders/reminders-api";
import { migrateStorage } from "./storage/storage-schema";
import { SyncApi } from "./sync/sync-api";
import { TrackingApi } from "./tracking/tracking-api";
import { UserModules } from "./user-modules";
import { AgentApi } from "./voice/agent-api";
import { VoiceApi } from "./voice/voice-api";

/**
 * One actor per user, addressed by user id (`env.USER_ACTOR.getByName(userId)`). A shell: one
 * setup step before any entry point, the runtime's entry points, and the front door: one RPC
 * method per concern, answering that concern's operations for the user (front-door.ts), so a
 * call reads `actor.tracking(userId).logSet(...)`. The actor serves only the user it belongs
 * to; the modules it hands calls to are wired in user-modules.ts.
 */
export class UserActor extends DurableObject<Env> {
  #modules: UserModules = this.#wire();

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    // Holds every entry point (an RPC, fetch, alarm, a socket's message after hibernation)
    // until it is done; the runtime runs the constructor again whenever the actor wakes.
    ctx.blockConcurrencyWhile(async () => this.#initialize());
  }

  /** The storage schema made current, and the user this actor belongs to read back. */
  #initialize(): void {
    migrateStorage(this.ctx.storage);
    const row = this.ctx.storage.sql
      .exec<{ value: string }>("SELECT value FROM actor_meta WHERE key = 'user_id'")
      .toArray()[0];
    this.#modules.restoreUser(row?.value ?? null);
  }

  /** The modules; after a restore replaced the storage, new ones read it from scratch. */
  #wire(): UserModules {
    return new UserModules(this.ctx, this.env, () => {
      this.#modules = this.#wire();
      this.#initialize();
    });
  }

  /**
   * A concern for the user while the account is open. A closed account gets the same concern
   * answering `{account_closed}` from every operation: decided here, once per call.
   */
  async #open<A extends ConcernApi, X extends unknown[]>(
    userId: string,
    Api: ConcernClass<A, X>,
    ...extra: X
  ): Promise<A> {
    const modules = this.#modules.bind(userId);
    const status = await modules.account.status();
    if (status !== "active") return closedApi(Api, status);
    await modules.backups.watch(); // the daily snapshot scheduled; another after large changes
    return new Api(modules, ...extra);
  }

  // --- entry points of the runtime -------------------------------------------------------

  /** WebSocket upgrades for /v1/realtime and the agent events (the Worker authenticated them). */
  override async fetch(request: Request): Promise<Response> {
    const userId = request.headers.get("x-actor-user-id");
    if (!userId || request.headers.get("upgrade")?.toLowerCase() !== "websocket")
      return new Response("expected a WebSocket upgrade", { status: 426 });
    return acceptUpgrade(this.#modules.bind(userId), request);
  }

  override async webSocketMessage(socket: WebSocket, message: string | ArrayBuffer) {
    this.#modules.realtime.onMessage(socket, message);
  }

  override async webSocketClose(socket: WebSocket, code: number) {
    this.#modules.realtime.onClose(socket, code);
  }

  /** A socket failed (not a clean close): closed on our side too, and logged with the user id. */
  override async webSocketError(socket: WebSocket, error: unknown) {
    this.#modules.log.warn("socket_error", errorFields(error));
    this.#modules.realtime.onClose(socket, 1011);
  }

  override async alarm() {
    await this.#modules.runDue();
  }

  // --- the front door: one entry per concern ---------------------------------------------

  /**
   * Whether the account may be used and since when its sessions are valid: what the auth
   * middleware asks (cached seconds). Answered whatever the account's state.
   */
  access(userId: string) {
    return this.#modules.bind(userId).account.access();
  }

  /** Operators' changes to the account, whatever its state (suspend, delete, counts). */
  operator(userId: string) {
    return new OperatorApi(this.#modules.bind(userId));
  }

  backups(userId: string) {
    return new BackupsApi(this.#modules.bind(userId));
  }

  backupVerifier() {
    return new BackupVerifierApi(this.#modules, this.ctx.storage);
  }

  account(userId: string) {
    return this.#open(userId, AccountApi);
  }

  onboarding(userId: string) {
    return this.#open(userId, OnboardingApi);
  }

  profile(userId: string) {
    return this.#open(userId, ProfileApi);
  }

  coach(userId: string) {
    return this.#open(userId, CoachApi);
  }

  programs(userId: string) {
    return this.#open(userId, ProgramsApi);
  }

  tracking(userId: string) {
    return this.#open(userId, TrackingApi);
  }

  lifter(userId: string) {
    return this.#open(userId, LifterApi);
  }

  nutrition(userId: string) {
    return this.#open(userId, NutritionApi);
  }

  health(userId: string) {
    return this.#open(userId, HealthApi);
  }

  reminders(userId: string) {
    return this.#open(userId, RemindersApi);
  }

  notifications(userId: string) {
    return this.#open(userId, NotificationsApi);
  }

  devices(userId: string) {
    return this.#open(userId, DevicesApi);
  }

  voice(userId: string) {
    return this.#open(userId, VoiceApi);
  }

  /** The agent host's calls for one room of the user (/internal/agent/*). */
  agent(userId: string, roomName: string) {
    return this.#open(userId, AgentApi, roomName);
  }

  chat(userId: string) {
    return this.#open(userId, ChatApi);
  }

  realtime(userId: string) {
    return this.#open(userId, RealtimeApi);
  }

  sync(userId: string) {
    return this.#open(userId, SyncApi);
  }
}
