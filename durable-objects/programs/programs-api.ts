import { type Cursor, pageJson } from "../../kernel/pages";
import { ConcernApi } from "../front-door";
import type { JobRequest } from "./program-jobs";

/** `actor.programs(userId)`: the active program, today's plan and the jobs that build programs. */
export class ProgramsApi extends ConcernApi {
  /** Queues a program job (idempotent by `key`, and for the same request while one runs). */
  submitJob(request: JobRequest, key: string | null) {
    return this.modules.jobs.submit(request, key);
  }

  job(jobId: string) {
    return this.modules.jobs.get(jobId);
  }

  /** A page of every program job, oldest first (the data export). */
  jobs(page: { limit: number; after?: Cursor }) {
    return pageJson(this.modules.jobs.page(page), (job) => job);
  }

  active() {
    return this.modules.programs.active();
  }

  activate(programId: string) {
    return this.modules.programs.activate(programId);
  }

  /** Today's plan in the user's timezone, with whether its session is done. */
  today() {
    return this.modules.programs.todayWithCompletion();
  }

  /** An operator queues a failed job's request again as a new job; closes its operator issue. */
  async retryFailedJob(jobId: string) {
    const result = await this.modules.jobs.retry(jobId);
    if (result.ok) await this.modules.resolveIssue("program_job", jobId);
    return result;
  }
}
