import type { Database } from "../../d1/client";
import type { StoredProfile } from "../../d1/profiles";
import { type FullProgramRecord, updateProgramContent } from "../../d1/programs";
import { adaptProgram, type ChangeFacts } from "../../engine/coaching/adaptation";
import type { Program } from "../../engine/coaching/program-schema";
import {
  type CompletedSession,
  type estimatedOneRepMax,
  plannedSessions,
  stalledLifts,
} from "../../engine/coaching/progress";
import type { Readiness } from "../../engine/health/readiness";
import { adjustForReadiness } from "../../engine/health/readiness-plan";
import { adaptationText } from "../../engine/i18n/adaptation-text";
import { t } from "../../engine/i18n/translate";
import { PROGRAM_ADAPTED_LINK } from "../../engine/reminders/outcomes";
import { addDays } from "../../kernel/dates";
import { errorFields, type Logger } from "../../kernel/logger";
import { localDate } from "../../kernel/zoned";
import { occurrenceId } from "../reminders/inbox";
import { CachedDocument } from "../storage/cached-document";

// The daily adherence check (02:00 local, on the user's own alarm). Missed sessions shift the
// plan, stalled lifts are deloaded or swapped, a long gap brings a return week, all with the
// coaching engine's adaptation rules; the user is told what changed and why.
//
// At-least-once alarms: the adapted program is written to the actor's storage before D1, and
// the day is marked done after; a second run the same day re-applies the stored result (an
// idempotent overwrite) instead of adapting an already adapted program again.
//
// Readiness (issue 33) changes today's session once a day, when the phone's data makes a low
// readiness settled (last night's sleep is in): engine/health/readiness-plan.ts lightens the
// session or moves it to a later rest day, told to the user like any adaptation. It keeps its
// own pending and last-run documents, so it never stops the 02:00 check or the other way round.

interface Pending {
  date: string;
  program_id: string;
  program: Program;
  changes: Array<{ kind: string; description: string; facts?: ChangeFacts }>;
}

interface Deps {
  sql: SqlStorage;
  db: () => Database;
  userId: () => string;
  profile: () => Promise<StoredProfile | null>;
  activeProgram: () => Promise<FullProgramRecord | null>;
  /** The program's completed sessions and the sets logged since a date (the actor's logs). */
  completed: (programId: string) => CompletedSession[];
  lifts: (fromDate: string) => Promise<ReturnType<typeof estimatedOneRepMax>>;
  programUpdated: (program: FullProgramRecord) => Promise<void>;
  notify: (input: {
    id: string;
    kind: string;
    title: string;
    body: string;
    deepLink: string;
    data: Record<string, unknown>;
  }) => Promise<void>;
  /** Whether a workout session was started on a local date (a started session is not changed). */
  sessionStarted: (date: string) => Promise<boolean>;
  log: () => Logger;
}

interface Runs {
  pending: CachedDocument<Pending>;
  last: CachedDocument<{ date: string }>;
}

export class Adaptation {
  #daily: Runs;
  #readiness: Runs;

  constructor(private readonly deps: Deps) {
    this.#daily = {
      pending: new CachedDocument(deps.sql, "adaptation_pending"),
      last: new CachedDocument(deps.sql, "adaptation_last"),
    };
    this.#readiness = {
      pending: new CachedDocument(deps.sql, "readiness_pending"),
      last: new CachedDocument(deps.sql, "readiness_last"),
    };
  }

  /** Today's session after a settled low readiness: lighter or moved, at most once a day. */
  async readiness(readiness: Readiness | null): Promise<{ changes: number } | { skipped: string }> {
    const program = await this.deps.activeProgram();
    const profile = await this.deps.profile();
    if (!program?.starts_on || !profile) return { skipped: "no_active_program" };
    const today = localDate(String(profile.data.timezone));
    const pending = this.#readiness.pending.get();
    if (pending && pending.date === today && pending.program_id === program.id)
      return this.#applyKept(pending);
    if (this.#readiness.last.get()?.date === today) return { skipped: "already_ran_today" };
    if (readiness?.date !== today) return { skipped: "not_today" };
    const result = adjustForReadiness(
      contentOf(program),
      {
        today,
        program_start: program.starts_on,
        session_started: await this.deps.sessionStarted(today),
      },
      readiness,
    );
    // Not marked done when nothing changed: a later upload the same morning may settle it.
    if (result.changes.length === 0) return { changes: 0 };
    const next = {
      date: today,
      program_id: program.id,
      program: result.program,
      changes: result.changes,
    };
    this.#readiness.pending.store(next);
    return this.#applyKept(next);
  }

  /**
   * The upload's samples are stored whatever happens here: a failed write of the plan (D1
   * down) stays pending and is applied by the next upload that touches today, never a 500.
   */
  async #applyKept(pending: Pending): Promise<{ changes: number } | { skipped: string }> {
    try {
      return await this.#apply(pending, this.#readiness);
    } catch (error) {
      this.deps.log().warn("readiness_adaptation_failed", errorFields(error));
      return { skipped: "apply_failed" };
    }
  }

  async run(): Promise<{ changes: number } | { skipped: string }> {
    const program = await this.deps.activeProgram();
    const profile = await this.deps.profile();
    if (!program?.starts_on || !profile) return { skipped: "no_active_program" };
    const today = localDate(String(profile.data.timezone));
    const pending = this.#daily.pending.get();
    if (pending && pending.date === today && pending.program_id === program.id)
      return this.#apply(pending, this.#daily);
    const last = this.#daily.last;
    if (last.get()?.date === today) return { skipped: "already_ran_today" };

    const done = this.deps.completed(program.id);
    const doneKeys = new Set(done.map((s) => `${s.planned_week}:${s.planned_weekday}`));
    // Only misses since the last check: an earlier run already moved the older ones.
    const since = last.get()?.date ?? program.starts_on;
    const missed = plannedSessions(program, addDays(today, -1))
      .filter((p) => p.date >= since && !doneKeys.has(`${p.week}:${p.weekday}`))
      .map((p) => p.date);
    // Days without training: since the last completed session, or since the program started
    // when none was done (three weeks of nothing is a gap whether or not there was a first).
    const lastDone =
      done
        .map((s) => s.local_date)
        .sort()
        .at(-1) ?? program.starts_on;
    const daysSince = Math.max(
      0,
      Math.round((Date.parse(today) - Date.parse(lastDone)) / 86_400_000),
    );
    const stalled = stalledLifts(await this.deps.lifts(addDays(today, -42)), today);

    const p = profile.data;
    const result = adaptProgram(
      contentOf(program),
      {
        today,
        program_start: program.starts_on,
        missed_dates: missed,
        stalled_exercise_ids: stalled,
        days_since_last_workout: daysSince,
      },
      {
        equipment: p.equipment,
        location: p.location,
        injuries: p.injuries,
      },
    );
    const changes = result.changes.filter((change) => change.kind !== "ignored");
    if (changes.length === 0) {
      last.store({ date: today });
      return { changes: 0 };
    }
    const next: Pending = { date: today, program_id: program.id, program: result.program, changes };
    this.#daily.pending.store(next);
    return this.#apply(next, this.#daily);
  }

  async #apply(pending: Pending, runs: Runs): Promise<{ changes: number }> {
    const updated = await updateProgramContent(
      this.deps.db(),
      this.deps.userId(),
      pending.program_id,
      pending.program,
    );
    if (updated) await this.deps.programUpdated(updated);
    const profile = await this.deps.profile();
    const locale = String(profile?.data.locale ?? "en");
    await this.deps.notify({
      id: await occurrenceId(
        runs === this.#daily ? "adaptation" : "readiness",
        Date.parse(pending.date),
      ),
      kind: "program.adapted",
      title: t(locale, "adaptation.title"),
      deepLink: PROGRAM_ADAPTED_LINK,
      // In the user's language; a change recorded before its facts were kept stays English.
      body: pending.changes
        .map((change) => (change.facts ? adaptationText(change.facts, locale) : change.description))
        .join(" "),
      data: { program_id: pending.program_id, changes: pending.changes },
    });
    runs.last.store({ date: pending.date });
    runs.pending.clear();
    this.deps
      .log()
      .info("program_adapted", { program_id: pending.program_id, changes: pending.changes.length });
    return { changes: pending.changes.length };
  }
}

const contentOf = (program: FullProgramRecord): Program =>
  ({
    name: program.name,
    description: program.description,
    goal: program.goal,
    fitness_level: program.fitness_level,
    duration_weeks: program.duration_weeks,
    days_per_week: program.days_per_week,
    weeks: program.weeks,
    notes: program.notes,
  }) as Program;
