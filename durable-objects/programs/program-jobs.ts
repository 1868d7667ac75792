import type { Database } from "../../d1/client";
import type { StoredProfile } from "../../d1/profiles";
import { insertProgram, type PersonalisationRecord } from "../../d1/programs";
import { generateProgram } from "../../engine/coaching/program-generator";
import { programInputFor } from "../../engine/coaching/program-input";
import type { Program, ProgramInput } from "../../engine/coaching/program-schema";
import type { Config } from "../../kernel/config";
import type { Logger } from "../../kernel/logger";
import { afterCursorSql, type Cursor, type Page, toPage } from "../../kernel/pages";
import { fail, ok, type Result } from "../../kernel/result";
import type { RealtimeEventType } from "../realtime/realtime";
import type { HandlerResult, ScheduleRow, Scheduler } from "../scheduler/scheduler";
import { personaliseProgram } from "./personalise";

// Program generation as a background job on the actor's alarm. One stage runs per alarm and
// its outcome (stage, progress, intermediate work) is written before the next is scheduled,
// so an evicted or restarted actor resumes at the first unfinished stage and never repeats
// a finished one. At most one job runs per user; later ones wait in order.

export const JOB_SCHEDULE_KIND = "program_job";
const JOB_SCHEDULE_KEY = "program-job";

export const STAGES = ["validate", "build", "personalise", "store", "complete"] as const;
export type Stage = (typeof STAGES)[number];
const PROGRESS_AFTER: Record<Stage, number> = {
  validate: 10,
  build: 40,
  personalise: 70,
  store: 90,
  complete: 100,
};
const STAGE_WHAT: Record<Stage, string> = {
  validate: "check the program inputs",
  build: "build the program",
  personalise: "personalise the program",
  store: "save the program",
  complete: "finish the job",
};

export type JobStatus = "pending" | "in_progress" | "completed" | "failed";

export interface JobRecord {
  job_id: string;
  status: JobStatus;
  progress: number;
  stage: Stage | "queued";
  created_at: string;
  started_at: string | null;
  completed_at: string | null;
  program_id: string | null;
  error_message: string | null;
}

/** What the generate request may override; everything else comes from the profile. */
export interface JobRequest {
  overrides: Partial<ProgramInput>;
  activate: boolean;
}

export type JobRow = {
  id: string;
  idempotency_key: string | null;
  request_hash: string;
  request: string;
  input: string | null;
  status: JobStatus;
  stage: Stage | "queued";
  progress: number;
  attempts: number;
  work: string | null;
  stages_done: string;
  created_at: string;
  started_at: string | null;
  completed_at: string | null;
  program_id: string | null;
  error_message: string | null;
};

interface Work {
  program?: Program;
  personalisation?: PersonalisationRecord;
}

export interface ProgramJobsDeps {
  sql: SqlStorage;
  scheduler: Scheduler;
  db: () => Database;
  config: () => Config;
  userId: () => string;
  profile: () => Promise<StoredProfile | null>;
  /** Makes a stored program the active one (idempotent). */
  activate: (programId: string) => Promise<void>;
  /**
   * The jobs allowed in 24 hours (PROGRAM_JOBS_PER_DAY; each is a paid model call): `take` runs
   * in submit's synchronous step, after `ready`.
   */
  dailyJobs: {
    /** Resolves to the limit that applies now (fewer while the address is unverified). */
    ready: () => Promise<number>;
    take: (limit: number) => { ok: true } | { ok: false; retryAfterSeconds: number };
  };
  emit: (type: RealtimeEventType, data: unknown) => void;
  /** Tells operators (D1) that a job failed; nothing scans the actors to find out. */
  reportFailure: (jobId: string, error: string) => Promise<void>;
  log: () => Logger;
}

function toRecord(row: JobRow): JobRecord {
  return {
    job_id: row.id,
    status: row.status,
    progress: row.progress,
    stage: row.stage,
    created_at: row.created_at,
    started_at: row.started_at,
    completed_at: row.completed_at,
    program_id: row.program_id,
    error_message: row.error_message,
  };
}

/** Stable JSON (sorted keys) so equal requests hash equally. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (value && typeof value === "object")
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${stableJson((value as Record<string, unknown>)[key])}`)
      .join(",")}}`;
  return JSON.stringify(value);
}

export class ProgramJobs {
  constructor(private readonly deps: ProgramJobsDeps) {}

  #row(jobId: string): JobRow | null {
    return (
      this.deps.sql.exec<JobRow>("SELECT * FROM program_jobs WHERE id = ?", jobId).toArray()[0] ??
      null
    );
  }

  /** The most recently accepted job, if any. */
  latest(): JobRecord | null {
    const row = this.deps.sql
      .exec<JobRow>("SELECT * FROM program_jobs ORDER BY created_at DESC LIMIT 1")
      .toArray()[0];
    return row ? toRecord(row) : null;
  }

  get(jobId: string): JobRecord | null {
    const row = this.#row(jobId);
    return row ? toRecord(row) : null;
  }

  /** Every job the user asked for, oldest first, with its request (the data export). */
  page(options: { limit: number; after?: Cursor }): Page<JobRecord & { request: JobRequest }> {
    const after = afterCursorSql(options.after, "created_at", "id", "asc");
    const rows = this.deps.sql
      .exec<JobRow>(
        `SELECT * FROM program_jobs WHERE ${after.where} ORDER BY created_at, id LIMIT ?`,
        ...after.params,
        options.limit + 1,
      )
      .toArray();
    return toPage(
      rows.map((row) => ({ ...toRecord(row), request: JSON.parse(row.request) as JobRequest })),
      options.limit,
      (job) => ({ sort: job.created_at, id: job.job_id }),
    );
  }

  /**
   * Accepts a request. The same Idempotency-Key returns its job (a different body under it is
   * refused: the client has a bug); without one, a request equal to a job still pending or
   * running returns that job (a user saying "OK" twice to a voice agent starts one job). Only
   * a new job counts against the daily quota.
   */
  async submit(
    request: JobRequest,
    idempotencyKey: string | null,
  ): Promise<Result<{ job: JobRecord; created: boolean }>> {
    // Awaited first: from here to the insert nothing awaits, so of two equal requests the
    // second finds the first's job, and two cannot take the last job of the day.
    const limit = await this.deps.dailyJobs.ready();
    const sql = this.deps.sql;
    const hash = stableJson(request);
    if (idempotencyKey) {
      const existing = sql
        .exec<JobRow>("SELECT * FROM program_jobs WHERE idempotency_key = ?", idempotencyKey)
        .toArray()[0];
      if (existing && existing.request_hash !== hash)
        return fail(
          "idempotency_key_reused",
          "This Idempotency-Key was used for a different request.",
          { job_id: existing.id },
        );
      if (existing) return ok({ job: toRecord(existing), created: false });
    }
    const running = sql
      .exec<JobRow>(
        "SELECT * FROM program_jobs WHERE request_hash = ? AND status IN ('pending', 'in_progress') ORDER BY created_at LIMIT 1",
        hash,
      )
      .toArray()[0];
    if (running) return ok({ job: toRecord(running), created: false });
    const quota = this.deps.dailyJobs.take(limit);
    if (!quota.ok)
      return fail(
        "program_quota_exceeded",
        "You have started as many programs as you can in 24 hours. Try again later.",
        { retry_after_seconds: quota.retryAfterSeconds },
      );

    const id = `job_${crypto.randomUUID().replace(/-/g, "")}`;
    sql.exec(
      `INSERT INTO program_jobs (id, idempotency_key, request_hash, request, status, stage, progress, created_at)
       VALUES (?, ?, ?, ?, 'pending', 'queued', 0, ?)`,
      id,
      idempotencyKey,
      hash,
      JSON.stringify(request),
      new Date().toISOString(),
    );
    this.deps.log().info("program_job_accepted", { job_id: id });
    await this.#startNextIfIdle();
    return ok({ job: toRecord(this.#row(id) as JobRow), created: true });
  }

  /** Schedules the oldest waiting job unless one is already scheduled or running. */
  async #startNextIfIdle(): Promise<void> {
    if (this.deps.scheduler.get(JOB_SCHEDULE_KEY)) return;
    const next = this.deps.sql
      .exec<{ id: string }>(
        "SELECT id FROM program_jobs WHERE status IN ('in_progress', 'pending') ORDER BY status = 'in_progress' DESC, created_at LIMIT 1",
      )
      .toArray()[0];
    if (!next) return;
    await this.deps.scheduler.schedule({
      kind: JOB_SCHEDULE_KIND,
      key: JOB_SCHEDULE_KEY,
      runAt: Date.now(),
      payload: { job_id: next.id },
    });
  }

  /** The scheduler gave up on a job's stage: the job fails with a message the user can read. */
  async gaveUp(schedule: ScheduleRow, error: string, attempts: number): Promise<void> {
    const { job_id: jobId } = JSON.parse(schedule.payload) as { job_id: string };
    const row = this.#row(jobId);
    if (!row || row.status === "completed" || row.status === "failed") return;
    const stage: Stage = row.stage === "queued" ? "validate" : row.stage;
    this.deps.log().error("program_job_stage_failed", { job_id: jobId, stage, attempts, error });
    const tries = attempts > 1 ? ` after ${attempts} attempts` : "";
    await this.#failJob(jobId, `Could not ${STAGE_WHAT[stage]}${tries}. Please try again later.`);
  }

  async #failJob(jobId: string, message: string): Promise<void> {
    this.deps.sql.exec(
      "UPDATE program_jobs SET status = 'failed', error_message = ?, completed_at = ?, work = NULL WHERE id = ?",
      message,
      new Date().toISOString(),
      jobId,
    );
    this.deps.emit("job.failed", this.get(jobId));
    await this.deps.reportFailure(jobId, message);
    await this.#afterJob();
  }

  /**
   * An operator's retry of a failed job: a new job with the same request, queued like any
   * other. It does not count against the user's daily quota (the user did not ask again).
   */
  async retry(jobId: string): Promise<Result<JobRecord>> {
    const failed = this.#row(jobId);
    if (!failed || failed.status !== "failed")
      return fail("job_not_found", "No failed program job with this id.");
    const id = `job_${crypto.randomUUID().replace(/-/g, "")}`;
    this.deps.sql.exec(
      `INSERT INTO program_jobs (id, idempotency_key, request_hash, request, status, stage, progress, created_at)
       VALUES (?, NULL, ?, ?, 'pending', 'queued', 0, ?)`,
      id,
      failed.request_hash,
      failed.request,
      new Date().toISOString(),
    );
    this.deps.log().info("program_job_retried", { job_id: id, retry_of: jobId });
    await this.#startNextIfIdle();
    return ok(toRecord(this.#row(id) as JobRow));
  }

  /** The alarm's handler for job steps: runs the job's next stage. */
  async runStep(schedule: ScheduleRow): Promise<HandlerResult> {
    const { job_id: jobId } = JSON.parse(schedule.payload) as { job_id: string };
    const row = this.#row(jobId);
    if (!row || row.status === "completed" || row.status === "failed") {
      await this.#afterJob();
      return;
    }
    const stage: Stage = row.stage === "queued" ? "validate" : row.stage;
    if (row.status === "pending") {
      this.deps.sql.exec(
        "UPDATE program_jobs SET status = 'in_progress', stage = ?, started_at = ? WHERE id = ?",
        stage,
        new Date().toISOString(),
        jobId,
      );
    }
    const log = this.deps.log().with({ job_id: jobId, stage });
    const work: Work = row.work ? JSON.parse(row.work) : {};
    // A failing stage throws: the scheduler retries it if the failure is transient, and calls
    // gaveUp (below) when it will not try again.
    const outcome:
      | { next: Stage | null; work: Work; input?: ProgramInput; programId?: string }
      | { fail: string } = await this.#run(stage, row, work);
    if ("fail" in outcome) {
      await this.#failJob(jobId, outcome.fail);
      return;
    }

    const stagesDone = [...(JSON.parse(row.stages_done) as string[]), stage];
    const done = outcome.next === null;
    this.deps.sql.exec(
      `UPDATE program_jobs SET stage = ?, progress = ?, attempts = 0, work = ?, stages_done = ?,
         input = coalesce(?, input), program_id = coalesce(?, program_id),
         status = ?, completed_at = ? WHERE id = ?`,
      outcome.next ?? "complete",
      PROGRESS_AFTER[stage],
      done ? null : JSON.stringify(outcome.work),
      JSON.stringify(stagesDone),
      outcome.input ? JSON.stringify(outcome.input) : null,
      outcome.programId ?? null,
      done ? "completed" : "in_progress",
      done ? new Date().toISOString() : null,
      jobId,
    );
    log.info("program_job_stage_done", { progress: PROGRESS_AFTER[stage] });
    const record = this.get(jobId);
    if (done) {
      this.deps.emit("job.completed", record);
      await this.#afterJob();
      return;
    }
    this.deps.emit("job.progress", record);
    return { rescheduleAt: Date.now() };
  }

  async #afterJob(): Promise<void> {
    await this.deps.scheduler.cancel(JOB_SCHEDULE_KEY);
    await this.#startNextIfIdle();
  }

  async #run(
    stage: Stage,
    row: JobRow,
    work: Work,
  ): Promise<
    { next: Stage | null; work: Work; input?: ProgramInput; programId?: string } | { fail: string }
  > {
    const input = row.input ? (JSON.parse(row.input) as ProgramInput) : null;
    switch (stage) {
      case "validate": {
        const profile = await this.deps.profile();
        if (!profile) return { fail: "Finish onboarding before generating a program." };
        const request = JSON.parse(row.request) as JobRequest;
        const parsed = programInputFor(profile.data, request.overrides, this.deps.userId());
        if (!parsed.success) {
          const fields = parsed.error.issues.map((issue) => issue.path.join(".")).join(", ");
          return { fail: `The program inputs are invalid (${fields}).` };
        }
        return { next: "build", work, input: parsed.data };
      }
      case "build":
        return { next: "personalise", work: { program: generateProgram(input as ProgramInput) } };
      case "personalise": {
        const config = this.deps.config();
        const program = work.program as Program;
        if (!config.ANTHROPIC_API_KEY)
          return {
            next: "store",
            work: { program, personalisation: { applied: false, reason: "no_api_key" } },
          };
        const result = await personaliseProgram(program, input as ProgramInput, {
          apiKey: config.ANTHROPIC_API_KEY,
          baseURL: config.ANTHROPIC_BASE_URL,
          model: config.ANTHROPIC_MODEL,
          timeoutMs: config.PERSONALISE_TIMEOUT_MS,
        });
        if (!result.record.applied)
          this.deps.log().warn("program_personalisation_skipped", {
            job_id: row.id,
            reason: result.record.reason,
            detail: result.record.detail,
          });
        return { next: "store", work: { program: result.program, personalisation: result.record } };
      }
      case "store": {
        // The id is derived from the job, and the insert ignores an existing row: a retried
        // or repeated store stage can never save the program twice.
        const programId = `prg_${row.id.slice(4)}`;
        await insertProgram(this.deps.db(), this.deps.userId(), {
          id: programId,
          jobId: row.id,
          program: work.program as Program,
          personalisation: (work.personalisation ?? null) as Record<string, unknown> | null,
        });
        const request = JSON.parse(row.request) as JobRequest;
        if (request.activate) await this.deps.activate(programId);
        return { next: "complete", work, programId };
      }
      case "complete":
        return { next: null, work: {} };
    }
  }
}
