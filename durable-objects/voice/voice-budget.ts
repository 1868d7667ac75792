import type { Logger } from "../../kernel/logger";
import type { DailyQuotas } from "../account/daily-quotas";
import type { Scheduler } from "../scheduler/scheduler";
import { CachedDocument } from "../storage/cached-document";

// The user's daily voice minutes (VOICE_DAILY_MINUTES), measured from LiveKit's webhooks: the
// time the user's own participant spends in their rooms, from participant_joined to
// participant_left or the room's end. Finished stretches count in DailyQuotas' 24-hour window
// from the moment they are counted (no timezone move starts a new budget). Open stretches count
// as they run, and a schedule fires when they reach the budget, so the agent of a live call
// hears it and wraps up instead of the call running on unbilled. (Older stretches leaving the
// window meanwhile only make the schedule early: `check` then arms it again.)

export const VOICE_BUDGET_SCHEDULE_KIND = "voice_budget";
const SCHEDULE_KEY = "voice:budget";
const QUOTA = "voice_seconds";

/** The user's open stretches: room -> when they joined, and whether its agent was told. */
type Presence = Record<string, { joined_at: string; told: boolean }>;

interface Deps {
  sql: SqlStorage;
  quotas: Pick<DailyQuotas, "used" | "add">;
  scheduler: Pick<Scheduler, "schedule" | "cancel">;
  limitMinutes: () => number;
  /** Tells the room's agent (and the apps) the budget is spent. */
  exhausted: (data: { room_name: string; minutes_used: number; minutes_limit: number }) => void;
  log: () => Logger;
}

export class VoiceBudget {
  readonly #presence: CachedDocument<Presence>;

  constructor(private readonly deps: Deps) {
    this.#presence = new CachedDocument(deps.sql, "voice_presence");
  }

  /** The user joined a room (a repeated or overlapping join keeps the first time). */
  async joined(roomName: string, at: Date): Promise<void> {
    const presence = this.#presence.get() ?? {};
    if (!presence[roomName])
      this.#presence.store({
        ...presence,
        [roomName]: { joined_at: at.toISOString(), told: false },
      });
    await this.check();
  }

  /** The user left a room, or it ended: the stretch is counted once. */
  async left(roomName: string, at: Date): Promise<void> {
    const { [roomName]: stretch, ...rest } = this.#presence.get() ?? {};
    if (!stretch) return;
    // Stored before the await: a second delivery of the same leave finds nothing to count.
    this.#presence.store(rest);
    const seconds = Math.max(0, Math.round((at.getTime() - Date.parse(stretch.joined_at)) / 1000));
    await this.deps.quotas.add(QUOTA, seconds);
    this.deps.log().info("voice_minutes_counted", { room: roomName, seconds });
    await this.check();
  }

  /**
   * Seconds in calls in the last 24 hours (open stretches included), the limit, and the seconds
   * until finished stretches leave the window enough to be under it beside the open ones.
   */
  async status(now = Date.now()) {
    const limitSeconds = this.deps.limitMinutes() * 60;
    const open = Object.values(this.#presence.get() ?? {}).reduce(
      (sum, stretch) => sum + Math.max(0, (now - Date.parse(stretch.joined_at)) / 1000),
      0,
    );
    const { used, retryAfterSeconds } = await this.deps.quotas.used(QUOTA, limitSeconds - open);
    return { usedSeconds: used + open, limitSeconds, retryAfterSeconds };
  }

  /**
   * Once the budget is spent, tells the agent of each open call (once per stretch); until then
   * keeps a schedule armed for the moment the open stretches will spend it.
   */
  async check(): Promise<void> {
    const now = Date.now();
    const { usedSeconds, limitSeconds } = await this.status(now);
    const presence = this.#presence.get() ?? {};
    const open = Object.keys(presence);
    if (open.length === 0) return this.deps.scheduler.cancel(SCHEDULE_KEY);
    if (usedSeconds < limitSeconds) {
      const runAt = now + Math.ceil(((limitSeconds - usedSeconds) * 1000) / open.length);
      return this.deps.scheduler.schedule({
        kind: VOICE_BUDGET_SCHEDULE_KIND,
        key: SCHEDULE_KEY,
        runAt,
      });
    }
    const untold = open.filter((roomName) => !presence[roomName]?.told);
    this.#presence.store(
      Object.fromEntries(
        Object.entries(presence).map(([roomName, stretch]) => [
          roomName,
          { ...stretch, told: true },
        ]),
      ),
    );
    for (const roomName of untold) {
      const minutesUsed = Math.floor(usedSeconds / 60);
      this.deps.log().info("voice_budget_exhausted", { room: roomName, minutes_used: minutesUsed });
      this.deps.exhausted({
        room_name: roomName,
        minutes_used: minutesUsed,
        minutes_limit: limitSeconds / 60,
      });
    }
    await this.deps.scheduler.cancel(SCHEDULE_KEY);
  }
}
