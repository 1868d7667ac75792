import { planForDate, type TodayPlan } from "../worker/coaching/today";
import type { Database } from "../worker/db/client";
import { activateProgram, type FullProgramRecord, findActiveProgram } from "../worker/db/programs";
import { localDate } from "../worker/time/zoned";
import { CachedDocument } from "./cached-document";
import type { RealtimeEventType } from "./realtime";

interface Deps {
  sql: SqlStorage;
  db: () => Database;
  userId: () => string;
  timezone: () => Promise<string>;
  emit: (type: RealtimeEventType, data: unknown) => void;
  changed: () => void;
}

/** The active program, cached by the actor (it is on every coaching turn's hot path). */
export class ProgramsModule {
  #active: CachedDocument<{ program: FullProgramRecord | null }>;

  constructor(private readonly deps: Deps) {
    this.#active = new CachedDocument(deps.sql, "active_program");
  }

  async active(): Promise<FullProgramRecord | null> {
    const cached = this.#active.get();
    if (cached) return cached.program;
    const program = await findActiveProgram(this.deps.db(), this.deps.userId());
    this.#active.store({ program });
    return program;
  }

  /** Makes a program the active one, starting today in the user's timezone. */
  async activate(programId: string): Promise<FullProgramRecord | null> {
    const startsOn = localDate(await this.deps.timezone());
    const program = await activateProgram(this.deps.db(), this.deps.userId(), programId, startsOn);
    if (!program) return null;
    this.#active.store({ program });
    this.deps.changed();
    this.deps.emit("program.activated", { program_id: program.id, starts_on: program.starts_on });
    return program;
  }

  /** Refreshes the cached copy after the program itself changed (an adaptation). */
  updated(program: FullProgramRecord): void {
    if (program.is_active) this.#active.store({ program });
    this.deps.changed();
  }

  async today(now: Date = new Date()): Promise<TodayPlan> {
    const date = localDate(await this.deps.timezone(), now);
    return planForDate(await this.active(), date);
  }
}
